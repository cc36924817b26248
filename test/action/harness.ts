// Runs the bundled Action (dist/index.js) the way the runner does: a Node 24 child process with INPUT_*
// and GITHUB_* variables, an event payload file, output and summary files, and GITHUB_API_URL pointing
// at a loopback fake. Also builds throwaway git repositories: a bare "origin" and clones of it.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BUNDLE = join(ROOT, 'dist', 'index.js');
/** The Action's TypeScript entry point: Node 24 runs it directly (type stripping), no build needed. */
export const SOURCE_ENTRY = join(ROOT, 'src', 'action', 'index.ts');
export const FAKE_TOKEN = 'fake-token-for-tests';

/** A temporary directory removed by `cleanup()`. */
export function tempDir(prefix: string): { path: string; cleanup: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

function git(cwd: string, args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', '-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: cwd, GIT_CONFIG_NOSYSTEM: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

/** A bare origin plus an authoring clone; commits are pushed to origin as they are made. */
export class TestRepo {
  readonly dir: string;
  readonly origin: string;
  private readonly author: string;
  private readonly cleanupDir: () => void;

  constructor() {
    const t = tempDir('kw-action-');
    this.dir = t.path;
    this.cleanupDir = t.cleanup;
    this.origin = join(this.dir, 'origin.git');
    this.author = join(this.dir, 'author');
    git(this.dir, ['init', '--quiet', '--bare', this.origin]);
    git(this.dir, ['clone', '--quiet', this.origin, this.author]);
  }

  /** Commits `files` (null deletes) on `branch` (created from `from`, default: current), pushes, returns the sha. */
  commit(branch: string, files: Record<string, string | null>, message = 'change', from?: string): string {
    const current = git(this.author, ['symbolic-ref', '--short', 'HEAD']);
    if (current !== branch) {
      const exists = git(this.author, ['branch', '--list', branch]) !== '';
      git(this.author, exists ? ['checkout', '--quiet', branch] : ['checkout', '--quiet', '-b', branch, ...(from ? [from] : [])]);
    }
    for (const [path, text] of Object.entries(files)) {
      const abs = join(this.author, path);
      if (text === null) rmSync(abs, { force: true });
      else {
        mkdirSync(dirname(abs), { recursive: true });
        writeFileSync(abs, text);
      }
    }
    git(this.author, ['add', '-A']);
    git(this.author, ['commit', '--quiet', '--allow-empty', '-m', message]);
    git(this.author, ['push', '--quiet', '--force', 'origin', branch]);
    return git(this.author, ['rev-parse', 'HEAD']);
  }

  /** A fresh clone of `branch` as actions/checkout makes it (`depth` 1 by default; 0 = full). */
  checkout(branch: string, depth = 1): string {
    const ws = join(this.dir, `ws-${Math.random().toString(36).slice(2, 8)}`);
    git(this.dir, ['clone', '--quiet', '--no-tags', ...(depth ? [`--depth=${depth}`] : []), '--branch', branch, `file://${this.origin}`, ws]);
    return ws;
  }

  cleanup(): void {
    this.cleanupDir();
  }
}

/** The defaults action.yml declares, as the runner would pass them (`${{ github.token }}` → a fake token). */
export function actionDefaults(): Record<string, string> {
  const spec = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: string }> };
  return Object.fromEntries(Object.entries(spec.inputs).map(([k, v]) => [k, String(v.default ?? '').replace('${{ github.token }}', FAKE_TOKEN)]));
}

/** One Action run to start. */
export interface ActionSpec {
  workspace: string;
  api: string;
  eventName: string;
  payload: Record<string, unknown>;
  sha: string;
  ref: string;
  inputs?: Record<string, string>;
  repository?: string;
  /** The payload file's text as given (e.g. malformed JSON), instead of `payload`. */
  payloadText?: string;
  /** Extra environment, e.g. KEYWARDEN_API_TIMEOUT_MS. */
  env?: Record<string, string>;
  /** What to run: the committed bundle (default, what users get) or the TypeScript sources. */
  entry?: 'bundle' | 'source';
}

/** What a run left behind. */
export interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** The SARIF file written, if any. */
  sarif?: string;
  /** The HTML report at the `html-report-path` output, if any (read before the runner's temp dir goes). */
  html?: string;
  /** Wall time of the run, ms. */
  ms: number;
}

/** Parses GITHUB_OUTPUT's `name<<delimiter … delimiter` blocks. */
export function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /^([^<\n]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (const m of text.matchAll(re)) if (m[1] !== undefined) out[m[1]] = m[3] ?? '';
  return out;
}

/** Runs dist/index.js (or the sources, `entry: 'source'`) with a clean environment; resolves when the process exits. */
export async function runAction(spec: ActionSpec): Promise<ActionRun> {
  const t = tempDir('kw-runner-');
  try {
    const files = { event: join(t.path, 'event.json'), output: join(t.path, 'output'), summary: join(t.path, 'summary.md') };
    writeFileSync(files.event, spec.payloadText ?? JSON.stringify(spec.payload));
    writeFileSync(files.output, '');
    writeFileSync(files.summary, '');
    const inputs = { ...actionDefaults(), ...spec.inputs };
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: t.path,
      GIT_CONFIG_NOSYSTEM: '1',
      GITHUB_ACTIONS: 'true',
      GITHUB_API_URL: spec.api,
      GITHUB_SERVER_URL: 'https://github.test',
      GITHUB_REPOSITORY: spec.repository ?? 'acme/app',
      GITHUB_EVENT_NAME: spec.eventName,
      GITHUB_EVENT_PATH: files.event,
      GITHUB_SHA: spec.sha,
      GITHUB_REF: spec.ref,
      GITHUB_RUN_ID: '4242',
      GITHUB_WORKSPACE: spec.workspace,
      GITHUB_OUTPUT: files.output,
      GITHUB_STEP_SUMMARY: files.summary,
      RUNNER_TEMP: t.path,
      ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.replace(/ /g, '_').toUpperCase()}`, v])),
      ...spec.env,
    };
    const started = Date.now();
    const child = spawn(process.execPath, [spec.entry === 'source' ? SOURCE_ENTRY : BUNDLE], { cwd: spec.workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    const sarifPath = join(spec.workspace, inputs['sarif-file'] || 'keywarden.sarif');
    const outputs = parseOutputs(readFileSync(files.output, 'utf8'));
    const htmlPath = outputs['html-report-path'];
    return {
      code,
      stdout,
      stderr,
      outputs,
      html: htmlPath && existsSync(htmlPath) ? readFileSync(htmlPath, 'utf8') : undefined,
      summary: readFileSync(files.summary, 'utf8'),
      sarif: existsSync(sarifPath) ? readFileSync(sarifPath, 'utf8') : undefined,
      ms: Date.now() - started,
    };
  } finally {
    t.cleanup();
  }
}

/** Where a raw secret appears: stdout/stderr lines (but `::add-mask::`, which hands it to the runner), outputs, summary, SARIF, HTML report, request bodies. */
export function leaks(secrets: readonly string[], run: ActionRun, bodies: readonly string[] = []): string[] {
  const places: [string, string][] = [
    ['stdout', run.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::')).join('\n')],
    ['stderr', run.stderr],
    ['outputs', JSON.stringify(run.outputs)],
    ['summary', run.summary],
    ['sarif', run.sarif ?? ''],
    ['html report', run.html ?? ''],
    ...bodies.map((b, i): [string, string] => [`request body #${i}`, b]),
  ];
  return places.filter(([, text]) => secrets.some((s) => text.includes(s))).map(([name]) => name);
}

/** A `pull_request` payload as GitHub sends it (the fields the Action reads, plus some context). */
export function pullRequestPayload(n: number, base: string, head: string, opts: { fork?: boolean; repo?: string } = {}): Record<string, unknown> {
  const repo = opts.repo ?? 'acme/app';
  return {
    action: 'synchronize',
    number: n,
    pull_request: {
      number: n,
      state: 'open',
      base: { ref: 'main', sha: base, repo: { full_name: repo } },
      head: { ref: 'feature', sha: head, repo: { full_name: opts.fork ? 'someone/app' : repo } },
    },
    repository: { full_name: repo, default_branch: 'main' },
  };
}

/** A `push` payload. */
export function pushPayload(ref: string, before: string, after: string): Record<string, unknown> {
  const zero = /^0+$/;
  return { ref, before, after, created: zero.test(before), deleted: zero.test(after), forced: false, repository: { full_name: 'acme/app', default_branch: 'main' } };
}

export const ZERO_SHA = '0'.repeat(40);
