// ScanSettings: the one validated object both front doors (CLI args, Action inputs) produce.
import { availableParallelism } from 'node:os';
import type { Confidence, Severity } from './core/types.ts';
import type { Shard } from './sources/git/shard.ts';

/** What to scan. */
export type Target =
  /** Files and directories (paths relative to `root`). */
  | { kind: 'files'; paths: string[] }
  /** Lines added between two commits (pull request, push). */
  | { kind: 'diff'; base: string; head: string }
  /** Lines added in the index relative to HEAD (pre-commit). */
  | { kind: 'staged' }
  /** Every blob reachable from the refs. */
  | { kind: 'history'; branches?: string[]; since?: string; shard?: Shard }
  /** Text given directly (`keywarden scan -` reads standard input), reported under `name`. */
  | { kind: 'stdin'; name: string; content: Uint8Array };

export interface ScanSettings {
  /** Absolute directory: the scanned tree's root, or the repository's work tree for git targets. */
  root: string;
  target: Target;
  /** Honour .gitignore for directory scans. Default: true. */
  respectGitignore: boolean;
  /** Files (or blobs) larger than this are skipped and counted. Bytes. Default: 10 MiB. */
  maxFileSize: number;
  /** Detection threads, the main one included; 1 = no workers. The CLI and the Action: `defaultThreads()`. */
  threads: number;
  /** Path of a .keywarden.yml; undefined = look for one at `root`. */
  configPath?: string;
  /** Report only findings whose fingerprint is not in this baseline file. */
  baselinePath?: string;
  /** Path of the ignore file; undefined = `<root>/.keywardenignore`. A missing file ignores nothing. */
  ignorePath?: string;
  /** Findings below this severity are not reported. Default: low (all). */
  minSeverity?: Severity;
  /** Findings below this confidence are not reported. Default: low (all). */
  minConfidence?: Confidence;
  /** Rule ids to turn off / on (on = rules disabled by default, e.g. Stripe test keys). */
  disableRules?: string[];
  enableRules?: string[];
  /** Report secrets on lines marked `keywarden:allow` too (like gitleaks' --ignore-gitleaks-allow). Default: false. */
  ignoreInlineAllow?: boolean;
  /** Report `.keywardenignore` entries that matched no finding (as scan warnings). Default: false. */
  reportUnusedIgnores?: boolean;
  /**
   * Key of the keyed fingerprints (HMAC; at least 16 characters). Undefined = the slow keyless
   * fingerprint (scrypt). See src/core/fingerprint.ts.
   */
  fingerprintKey?: string;
}

export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;

export function defaultSettings(root: string, target: Target = { kind: 'files', paths: ['.'] }): ScanSettings {
  return { root, target, respectGitignore: true, maxFileSize: DEFAULT_MAX_FILE_SIZE, threads: 1 };
}

/** Detection threads when none are asked for: the cores available, at most 8 (more gain nothing measurable). */
export function defaultThreads(): number {
  return Math.min(availableParallelism(), 8);
}
