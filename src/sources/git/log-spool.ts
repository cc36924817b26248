// A git command started early, its output kept in a temporary file until it is wanted. The
// attribution walk (`git log --raw` over the whole history, cli-reader.ts `changes`) runs after the
// scan, since only then are the matched blobs known; spooled, git walks the history while the blobs
// are still being scanned (git/git: ~6 s of git's time that came after the scan), and attribution
// reads the file. The file is removed once read, and when the process exits.
import { createReadStream, mkdtempSync, openSync, closeSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commandError, noGitBinary, spawnGitTo } from './run.ts';
import { GitSourceError } from './errors.ts';

const STDERR_KEEP = 4096;

/** `git <args>` running into a temporary file; see the file comment. */
export class GitSpool {
  readonly args: readonly string[];
  private readonly dir: string;
  private readonly exit: Promise<{ code: number; stderr: string }>;
  private readonly kill: () => void;
  private readonly cleanup = (): void => this.dispose();

  constructor(cwd: string, args: readonly string[], input = '') {
    this.args = args;
    this.dir = mkdtempSync(join(tmpdir(), 'keywarden-git-'));
    const fd = openSync(join(this.dir, 'out'), 'w');
    let stderr = '';
    const child = spawnGitTo(cwd, args, fd);
    closeSync(fd);
    this.kill = () => child.kill();
    child.stderr.on('data', (d: Buffer) => {
      if (stderr.length < STDERR_KEEP) stderr += d.toString('utf8');
    });
    child.stdin.on('error', () => {});
    child.stdin.end(input);
    this.exit = new Promise((resolve, reject) => {
      child.on('error', (e: NodeJS.ErrnoException) => reject(e.code === 'ENOENT' ? noGitBinary() : new GitSourceError(`cannot run git: ${e.message}`)));
      child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stderr }));
    });
    this.exit.catch(() => {});
    process.once('exit', this.cleanup);
  }

  /** git's output once it has finished (its error if it failed); the file is removed afterwards. */
  async *read(): AsyncGenerator<Buffer> {
    try {
      const { code, stderr } = await this.exit;
      if (code !== 0) throw commandError(this.args, stderr, code);
      for await (const chunk of createReadStream(join(this.dir, 'out'), { highWaterMark: 64 * 1024 })) yield chunk as Buffer;
    } finally {
      this.dispose();
    }
  }

  /** Stops git if it still runs and removes the file. */
  dispose(): void {
    process.removeListener('exit', this.cleanup);
    this.kill();
    try {
      rmSync(this.dir, { recursive: true, force: true });
    } catch {
      // still open (Windows, while git exits): the temporary directory is left to the system
    }
  }
}
