// Running the git binary, the one place keywarden does: one-shot commands (`git`, `tryGit`, and
// `gitSync` for the CLI's quick queries) and streamed output (`gitStream`). Every call disables
// pagers, prompts, optional locks, fsmonitor hooks and path quoting, so the output is the same
// whatever the user's configuration, and no command can block on a terminal.
import { spawn, spawnSync, type ChildProcessByStdio, type ChildProcessWithoutNullStreams } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { tmpdir } from 'node:os';
import { GitSourceError, firstLine } from './errors.ts';

const BASE_ARGS = ['--no-pager', '-c', 'core.quotepath=false', '-c', 'core.fsmonitor=false', '-c', 'color.ui=false'];
const STDERR_KEEP = 4096;

/** The result of a finished git command. */
export interface GitResult {
  stdout: Buffer;
  stderr: string;
  code: number;
}

/** The environment of every git command: no credential prompt, no optional lock, C locale messages. */
function gitEnv(): NodeJS.ProcessEnv {
  return { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', GCM_INTERACTIVE: 'never', LC_ALL: 'C' };
}

/** Starts `git <args>` in `cwd` with the stable base options. */
export function spawnGit(cwd: string, args: readonly string[]): ChildProcessWithoutNullStreams {
  return spawn('git', [...BASE_ARGS, ...args], { cwd, env: gitEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Starts `git <args>` in `cwd` with its stdout written to the open file `fd` (log-spool.ts). */
export function spawnGitTo(cwd: string, args: readonly string[], fd: number): ChildProcessByStdio<Writable, null, Readable> {
  return spawn('git', [...BASE_ARGS, ...args], { cwd, env: gitEnv(), stdio: ['pipe', fd, 'pipe'] }) as ChildProcessByStdio<Writable, null, Readable>;
}

/** Resolves when the process exits, with its code and the first few KB of stderr. */
export function exitOf(child: ChildProcessWithoutNullStreams): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    if (stderr.length < STDERR_KEEP) stderr += d.toString('utf8');
  });
  child.stdin.on('error', () => {});
  return new Promise((resolve, reject) => {
    child.on('error', (e: NodeJS.ErrnoException) => reject(e.code === 'ENOENT' ? noGitBinary() : new GitSourceError(`cannot run git: ${e.message}`)));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stderr }));
  });
}

/** Runs `git <args>` to completion. Exit codes other than 0 and those in `okCodes` throw. */
export async function git(cwd: string, args: readonly string[], opts: { input?: string; okCodes?: number[] } = {}): Promise<GitResult> {
  const child = spawnGit(cwd, args);
  const exit = exitOf(child);
  const chunks: Buffer[] = [];
  child.stdout.on('data', (d: Buffer) => chunks.push(d));
  child.stdin.end(opts.input ?? '');
  const { code, stderr } = await exit;
  if (code !== 0 && !opts.okCodes?.includes(code)) throw commandError(args, stderr, code);
  return { stdout: Buffer.concat(chunks), stderr, code };
}

/** A finished git command as text, whatever its exit code. */
export interface GitTextResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `git <args>` to completion and never throws for its exit code (only when git cannot start). */
export async function tryGit(cwd: string, args: readonly string[]): Promise<GitTextResult> {
  const child = spawnGit(cwd, args);
  const exit = exitOf(child);
  const chunks: Buffer[] = [];
  child.stdout.on('data', (d: Buffer) => chunks.push(d));
  child.stdin.end();
  const { code, stderr } = await exit;
  return { code, stdout: Buffer.concat(chunks).toString('utf8'), stderr };
}

/**
 * Runs `git <args>` synchronously (for quick queries such as `git config user.name`), killed after
 * `timeoutMs`. Never throws: code -1 when git cannot start or timed out.
 */
export function gitSync(cwd: string, args: readonly string[], timeoutMs = 5000): GitTextResult {
  const r = spawnSync('git', [...BASE_ARGS, ...args], { cwd, env: gitEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs });
  const code = r.error || r.status === null ? -1 : r.status;
  return { code, stdout: r.stdout ?? '', stderr: (r.stderr ?? '').slice(0, STDERR_KEEP) };
}

/** Trimmed stdout of a quick synchronous query; undefined when git fails or prints nothing. */
export function gitSyncText(cwd: string, args: readonly string[]): string | undefined {
  const r = gitSync(cwd, args);
  return (r.code === 0 && r.stdout.trim()) || undefined;
}

/** Runs `git <args>` and returns trimmed stdout as text. */
export async function gitText(cwd: string, args: readonly string[], opts: { okCodes?: number[] } = {}): Promise<string> {
  return (await git(cwd, args, opts)).stdout.toString('utf8').trim();
}

/**
 * Streams the stdout of `git <args>` chunk by chunk; throws after the last chunk if git failed.
 * Stopping the iteration early kills the process.
 */
export async function* gitStream(cwd: string, args: readonly string[], input?: string): AsyncGenerator<Buffer> {
  yield* readStream(startGit(cwd, args, input));
}

/**
 * gitStream, but the command starts now and runs while the caller does other work (a pre-commit
 * hook's `git diff --cached` while the rules compile). Read it once. Until it is read it does not
 * keep Node running, so a stream never read (the scan failed first) cannot hang the exit.
 */
export function gitStreamStarted(cwd: string, args: readonly string[]): AsyncIterable<Buffer> {
  const running = startGit(cwd, args);
  // The pipes are sockets (spawn's stdio 'pipe'), which can be unref'd like the process.
  // Listened to at once: when the process exits, Node resumes every stdout nobody listens to and its
  // unread output is lost (child_process flushStdio); a 'readable' listener keeps it buffered (and git
  // waits on a full pipe) until the reader comes.
  running.child.stdout.on('readable', () => {});
  const handles = [running.child, running.child.stdout, running.child.stderr] as { ref(): void; unref(): void }[];
  for (const h of handles) h.unref();
  return {
    [Symbol.asyncIterator]: () => {
      for (const h of handles) h.ref();
      return readStream(running);
    },
  };
}

interface Running {
  child: ChildProcessWithoutNullStreams;
  exit: Promise<{ code: number; stderr: string }>;
  args: readonly string[];
}

function startGit(cwd: string, args: readonly string[], input?: string): Running {
  const child = spawnGit(cwd, args);
  const exit = exitOf(child);
  exit.catch(() => {});
  child.stdin.end(input ?? '');
  return { child, exit, args };
}

async function* readStream({ child, exit, args }: Running): AsyncGenerator<Buffer> {
  let finished = false;
  try {
    for await (const chunk of child.stdout) yield chunk as Buffer;
    finished = true;
  } finally {
    if (!finished) child.kill();
  }
  const { code, stderr } = await exit;
  if (code !== 0) throw commandError(args, stderr, code);
}

/** The error for a failed command: git's own first stderr line, prefixed by the subcommand. */
export function commandError(args: readonly string[], stderr: string, code: number): GitSourceError {
  const sub = args.find((a, i) => !a.startsWith('-') && args[i - 1] !== '-c') ?? 'git';
  const detail = firstLine(stderr) || `exit code ${code}`;
  return new GitSourceError(`git ${sub} failed: ${detail}`);
}

/** No git binary could be started. */
export class NoGitBinaryError extends GitSourceError {}

/** The error when no git binary can be started. */
export function noGitBinary(what = 'this scan'): GitSourceError {
  return new NoGitBinaryError(`git is not installed or not on PATH: ${what} needs the git binary`);
}

let available: Promise<boolean> | undefined;

/** True when a `git` binary can be run (checked once per process). */
export function hasGitBinary(): Promise<boolean> {
  available ??= git(tmpdir(), ['--version']).then(
    () => true,
    () => false,
  );
  return available;
}
