// `keywarden scan` arguments → ScanSettings + output options. The only place that reads scan flags.
import { MAX_SHARDS, parseShard } from '../sources/git/shard.ts';
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { MIN_KEY_LENGTH } from '../core/fingerprint.ts';
import { CONFIDENCES, SEVERITIES, type Confidence, type Severity } from '../core/types.ts';
import { DEFAULT_MAX_FILE_SIZE, defaultThreads, type ScanSettings, type Target } from '../settings.ts';
import { parseSince } from '../sources/git/date.ts';
import { didYouMean } from '../core/nearest.ts';
import { quoteUserValue } from '../core/quote.ts';
import { MAX_THREADS } from '../engine/pool.ts';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export type Format = 'text' | 'json' | 'sarif' | 'html';
/** Every `--format`, in the order help lists them. */
export const FORMATS: readonly Format[] = ['text', 'json', 'sarif', 'html'];

/** `util.parseArgs` in strict mode, with its errors turned into one-line usage errors (an unknown option names the nearest ones). */
export function parseCommandArgs<O extends ParseArgsOptionsConfig>(args: string[], options: O, allowPositionals = false) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true as const });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const unknown = err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? /option '([^']+)'/i.exec(err.message)?.[1] : undefined;
    if (unknown !== undefined) {
      const flags = Object.entries(options).flatMap(([name, o]) => [`--${name}`, ...(o.short ? [`-${o.short}`] : [])]);
      throw new UsageError(`unknown option ${looksLikeOption(unknown) ? unknown : quoteUserValue(unknown)}${didYouMean(unknown.split('=')[0] ?? unknown, flags)}`);
    }
    throw new UsageError(err.message.split('\n')[0] ?? String(e));
  }
}

function looksLikeOption(arg: string): boolean {
  return /^--?[a-z][a-z-]{0,30}$/i.test(arg);
}

export interface ScanCommandOptions {
  settings: ScanSettings;
  format: Format;
  /** Report file; undefined = stdout. */
  output?: string;
  quiet: boolean;
  verbose: boolean;
  /** False with `--no-color`; whether a stream is coloured is `colorEnabled()`'s decision. */
  color: boolean;
  /** Exit 1 when a finding reaches this severity; 'none' never fails. */
  failOn: Severity | 'none';
  /** Write the incident playbook (markdown) for the findings to this file. */
  playbookFile?: string;
  /** A file that could not be read: `fail` (exit 2 unless findings already exit 1) or `warn` (report it, exit as if read). */
  onError: 'fail' | 'warn';
  /** `--explain FILE[:LINE]` as given: explain that file's candidates instead of reporting (src/explain/). */
  explain?: string;
}

export const SCAN_OPTIONS = {
  diff: { type: 'string' },
  base: { type: 'string' },
  head: { type: 'string' },
  staged: { type: 'boolean' },
  history: { type: 'boolean' },
  shard: { type: 'string' },
  branch: { type: 'string', multiple: true },
  since: { type: 'string' },
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  quiet: { type: 'boolean', short: 'q' },
  verbose: { type: 'boolean', short: 'v' },
  'no-ignore': { type: 'boolean' },
  'no-color': { type: 'boolean' },
  'max-file-size': { type: 'string' },
  threads: { type: 'string' },
  config: { type: 'string', short: 'c' },
  baseline: { type: 'string' },
  'fail-on': { type: 'string' },
  'min-severity': { type: 'string' },
  'min-confidence': { type: 'string' },
  'enable-rule': { type: 'string', multiple: true },
  'disable-rule': { type: 'string', multiple: true },
  'report-unused-ignores': { type: 'boolean' },
  'no-inline-allow': { type: 'boolean' },
  playbook: { type: 'string' },
  'on-error': { type: 'string' },
  'stdin-name': { type: 'string' },
  explain: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Parses `10MB`, `512k`, `1G`, `2048` (bytes). */
export function parseSize(s: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([kmg]?)i?b?$/i.exec(s.trim());
  if (!m) throw new UsageError(`--max-file-size: "${s}" is not a size (try 10MB, 512KB, 2048)`);
  const mult = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(m[2] ?? '').toLowerCase() as '' | 'k' | 'm' | 'g'];
  const bytes = Math.floor(Number(m[1]) * mult);
  // 0 would skip every file and report "no secrets found".
  if (bytes < 1) throw new UsageError(`--max-file-size: "${s}" skips every file; give at least 1 byte (default 10MB)`);
  return bytes;
}

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${flag}: "${value}" is not one of ${allowed.join(', ')}`);
  return value as T;
}

function target(v: { diff?: string; base?: string; head?: string; staged?: boolean; history?: boolean; branch?: string[]; since?: string; shard?: string; 'stdin-name'?: string }, positionals: string[]): Target {
  const modes = [v.diff !== undefined || v.base !== undefined || v.head !== undefined, v.staged, v.history].filter(Boolean).length;
  if (modes > 1) throw new UsageError('choose one of --diff (or --base/--head), --staged, --history');
  if (v.diff !== undefined) {
    const m = /^(.+?)\.\.\.?(.+)$/.exec(v.diff);
    if (!m) throw new UsageError(`--diff: "${v.diff}" is not a range (BASE..HEAD)`);
    return { kind: 'diff', base: m[1] ?? '', head: m[2] ?? '' };
  }
  if (v.base !== undefined || v.head !== undefined) return { kind: 'diff', base: v.base ?? 'HEAD~1', head: v.head ?? 'HEAD' };
  if (v.staged) return { kind: 'staged' };
  if (v.shard !== undefined && !v.history) throw new UsageError('--shard applies to --history');
  if (v.history) {
    const shard = v.shard === undefined ? undefined : parseShard(v.shard);
    if (v.shard !== undefined && !shard) throw new UsageError(`--shard: "${v.shard.slice(0, 20)}" is not I/N with 1 <= I <= N <= ${MAX_SHARDS} (e.g. --shard 2/4)`);
    return { kind: 'history', branches: v.branch, since: v.since === undefined ? undefined : since(v.since), ...(shard ? { shard } : {}) };
  }
  if (v.branch || v.since) throw new UsageError('--branch and --since apply to --history');
  if (positionals.includes('-')) {
    if (positionals.length > 1) throw new UsageError('scan - reads standard input alone: give no other path');
    // The bytes are read by the command (parsing stays synchronous and free of I/O).
    return { kind: 'stdin', name: v['stdin-name'] ?? 'stdin', content: new Uint8Array() };
  }
  if (v['stdin-name'] !== undefined) throw new UsageError('--stdin-name applies to scan - (standard input)');
  return { kind: 'files', paths: positionals.length ? positionals : ['.'] };
}

function since(text: string): string {
  const iso = parseSince(text);
  if (!iso) throw new UsageError(`--since: ${quoteUserValue(text)} is not a date (try 2024-01-31 or "2 weeks ago")`);
  return iso;
}

/** KEYWARDEN_FINGERPRINT_KEY, checked: empty = unset; shorter than MIN_KEY_LENGTH = a usage error. */
export function fingerprintKey(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const key = env.KEYWARDEN_FINGERPRINT_KEY;
  if (!key) return undefined;
  if (key.length < MIN_KEY_LENGTH) throw new UsageError(`KEYWARDEN_FINGERPRINT_KEY: a key of ${key.length} characters could be guessed; use at least ${MIN_KEY_LENGTH} random characters`);
  return key;
}

/** Parses `keywarden scan …` arguments (without the `scan` word). */
export function parseScanArgs(args: string[], cwd: string, env: Readonly<Record<string, string | undefined>> = {}): ScanCommandOptions {
  const parsed = parseCommandArgs(args, SCAN_OPTIONS, true);
  const v = parsed.values;
  const t = target(v, parsed.positionals);
  if (v.explain !== undefined) explainUsage(t.kind, parsed.positionals, v.format);
  const root = t.kind === 'files' ? cwd : resolve(cwd, parsed.positionals[0] ?? '.');
  const threads = v.threads !== undefined ? Number(v.threads) : defaultThreads();
  if (!Number.isInteger(threads) || threads < 1 || threads > MAX_THREADS) throw new UsageError(`--threads: "${v.threads}" is not a whole number from 1 to ${MAX_THREADS}`);
  const settings: ScanSettings = {
    root,
    target: t,
    respectGitignore: !v['no-ignore'],
    maxFileSize: v['max-file-size'] ? parseSize(v['max-file-size']) : DEFAULT_MAX_FILE_SIZE,
    threads,
    configPath: v.config ? resolve(cwd, v.config) : undefined,
    baselinePath: v.baseline ? resolve(cwd, v.baseline) : undefined,
    minSeverity: oneOf('min-severity', v['min-severity'], SEVERITIES),
    minConfidence: oneOf<Confidence>('min-confidence', v['min-confidence'], CONFIDENCES),
    enableRules: v['enable-rule'],
    disableRules: v['disable-rule'],
    reportUnusedIgnores: Boolean(v['report-unused-ignores']),
    ...(v['no-inline-allow'] ? { ignoreInlineAllow: true } : {}),
    fingerprintKey: fingerprintKey(env),
  };
  return {
    settings,
    format: oneOf<Format>('format', v.format, FORMATS) ?? 'text',
    output: v.output ? resolve(cwd, v.output) : undefined,
    quiet: Boolean(v.quiet),
    verbose: Boolean(v.verbose),
    color: !v['no-color'],
    failOn: oneOf<Severity | 'none'>('fail-on', v['fail-on'], [...SEVERITIES, 'none']) ?? 'low',
    playbookFile: v.playbook ? resolve(cwd, v.playbook) : undefined,
    onError: oneOf('on-error', v['on-error'], ['fail', 'warn'] as const) ?? 'fail',
    ...(v.explain !== undefined ? { explain: v.explain } : {}),
  };
}

/** `--explain` looks at one file of the working tree, in text or JSON. */
function explainUsage(kind: Target['kind'], positionals: string[], format: string | undefined): void {
  if (kind !== 'files') throw new UsageError('--explain looks at a file of the working tree: not with --staged, --diff, --history or -');
  if (positionals.length) throw new UsageError('--explain takes its file as its value (--explain FILE[:LINE]): give no other path');
  if (format === 'sarif' || format === 'html') throw new UsageError(`--explain writes text or json, not ${format}`);
}
