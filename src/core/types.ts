// The core vocabulary of keywarden. Everything that crosses a module boundary is typed here.
// Conventions, stated once: lines are 1-based; columns are 1-based and count UTF-16 code units
// (as JavaScript strings and SARIF's default `columnKind: utf16CodeUnits` do); `end*` is inclusive
// for lines and exclusive for columns (SARIF's `endColumn` convention).

/** How bad a leak of this secret type is. Ordered from worst. */
export type Severity = 'critical' | 'high' | 'medium' | 'low';
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];
/** Position in SEVERITIES: 0 for critical. Sorting by it puts the worst first. The one severity order. */
export const severityRank = (s: Severity): number => SEVERITIES.indexOf(s);

/** How sure we are that a finding is a real secret: `high` = validated offline (checksum, key parse…). */
export type Confidence = 'high' | 'medium' | 'low';
export const CONFIDENCES: readonly Confidence[] = ['high', 'medium', 'low'];
/** Position in CONFIDENCES: 0 for high. */
export const confidenceRank = (c: Confidence): number => CONFIDENCES.indexOf(c);

/** Allowlist attached to a rule (or global, from config). Every list is optional. */
export interface AllowlistSpec {
  /** micromatch globs matched against the fragment path; a match skips the whole rule for that file. */
  paths?: string[];
  /** Regexes (JS syntax) tested against the secret; a match drops the finding. */
  regexes?: string[];
  /** Regexes tested against the whole matched text (secret plus context), e.g. `example\.com`. */
  matchRegexes?: string[];
  /** Case-insensitive substrings; a secret containing one is dropped (e.g. `example`, `dummy`). */
  stopwords?: string[];
}

/** On-disk shape of one rule, as written in `rules/*.yaml` and user configs. */
export interface RuleSpec {
  /** Stable kebab-case id, used in SARIF ruleId, fingerprints, ignore files. Never reuse. */
  id: string;
  /** Set by the loader on user-supplied rules (never written in a file): the pattern runs in the linear-time engine (rules/linear-regex.ts). */
  linear?: boolean;
  /** Human title, e.g. "GitHub personal access token (classic)". */
  name: string;
  /** One or two sentences on what the credential is and what it grants. Default: `name`. */
  description?: string;
  /** JS regex source with exactly one capturing group: the secret. Use `(?:…)` for other groups. */
  pattern: string;
  /** Extra regex flags; only `i` (case-insensitive) and `s` (dotAll) are accepted. */
  flags?: string;
  /**
   * Lowercase literals of which at least one must appear (case-insensitively) in the text for the rule
   * to run. May be empty only when `paths` is set: the file name is then the signal (`config/master.key`).
   */
  keywords: string[];
  /** Minimum Shannon entropy (bits per char) of the secret. Default: none. */
  entropy?: number;
  /**
   * How far from a keyword hit the rule's match can lie. `line` (default): the keyword's line and
   * the next one. `{ before, after }`: that many characters either side of the hit, widened to whole
   * lines (PEM blocks, manifests). `file`: anywhere in the text (a keyword that only says what kind
   * of file this is, e.g. `service_account`).
   */
  reach?: 'line' | 'file' | { before?: number; after?: number };
  /** Rule-specific allowlist. */
  allowlist?: AllowlistSpec;
  /** Only scan files whose path matches one of these micromatch globs (e.g. `**\/.npmrc`). Default: all. */
  paths?: string[];
  severity: Severity;
  /** Confidence when no validator confirms the secret. Default: `medium`. */
  confidence?: Confidence;
  /** Name of an offline validator in `src/core/validators/` (e.g. `github-checksum`, `private-key`). */
  validator?: string;
  /** When true, the rule is a catch-all (password=, token=…): a provider rule on an overlapping span wins. */
  generic?: boolean;
  /** Skip the built-in placeholder filter (for rules whose secrets legitimately look like words). */
  allowPlaceholders?: boolean;
  /**
   * Provider names (lowercase words, `[meraki]`) whose key names this rule owns: the provider issues
   * no other secret under them than the formats its rules know. A value under such a key (`MERAKI_TOKEN=`)
   * that the rule refuses where it takes its own example value is a near-miss (wrong length, alphabet
   * or prefix), and no generic rule reports it (src/core/claims.ts). Only where the provider's
   * documentation lists every format.
   */
  ownsName?: string[];
  /** Not reported unless enabled in config (e.g. Stripe test-mode keys). Default: true. */
  enabled?: boolean;
  /** Playbook id (file `rules/playbooks/<id>.yaml`): the secret type for the incident response. */
  playbook: string;
  /** Provider documentation about the credential format or its revocation. */
  references?: string[];
  /** Free tags, e.g. `cloud`, `vcs`. */
  tags?: string[];
  /** Texts the rule must report. May contain `{{gen:…}}` generators (see src/rules/examples.ts). */
  examples: Example[];
  /** Texts the rule must not report. */
  negativeExamples: Example[];
}

/** A rule example: a text (scanned as `example.txt`), or a text with the path it is scanned under. */
export type Example = string | { path: string; text: string };

/** A rule compiled for the detector. Built by `compileRule` in src/rules/compile.ts. */
export interface Rule {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly severity: Severity;
  readonly confidence: Confidence;
  /** Global + sticky-free; has the `d` flag so the secret group's indices are known. */
  readonly regex: RegExp;
  readonly keywords: readonly string[];
  readonly minEntropy?: number;
  /** Where the regex runs around the rule's keyword hits (from `RuleSpec.reach`). */
  readonly reach: 'file' | WindowReach;
  readonly generic: boolean;
  readonly allowPlaceholders: boolean;
  /** Lowercase provider names whose key names the rule owns (`RuleSpec.ownsName`); empty for most rules. */
  readonly ownsName: readonly string[];
  readonly validator?: string;
  readonly playbook: string;
  /** Returns true when the path is excluded for this rule (rule allowlist paths or `paths` filter). */
  readonly skipsPath: (path: string) => boolean;
  readonly allowRegexes: readonly RegExp[];
  readonly allowMatchRegexes: readonly RegExp[];
  readonly stopwords: readonly string[];
  /**
   * Case forms of its keywords one of which every match holds (`KEY`, not `key`; src/rules/case-forms.ts),
   * proved on first call; undefined when none is (then every hit counts, in any case).
   */
  readonly caseForms?: () => readonly string[] | undefined;
  /** A value of the rule's own format (its first example's secret), computed on first call; undefined when it has none. */
  readonly sample?: () => string | undefined;
  /** The spec it came from (for reporters: references, tags, description). */
  readonly spec: RuleSpec;
}

/** Characters before and after a keyword hit that a rule's window covers (then widened to lines). */
export interface WindowReach {
  readonly before: number;
  readonly after: number;
}

/** Commit metadata attached to fragments and findings from git sources. */
export interface CommitInfo {
  sha: string;
  author?: string;
  email?: string;
  /** ISO 8601 author date. */
  date?: string;
  message?: string;
}

/** Where a fragment's text came from. */
export type Origin = 'file' | 'diff' | 'staged' | 'history';

/** One unit of text to scan. Produced by sources, consumed by `detectFragment`. */
export interface Fragment {
  text: string;
  /** Repository- or root-relative path with `/` separators. */
  path: string;
  origin?: Origin;
  /** 1-based line number of the first line of `text` in the file. Default: 1. */
  startLine?: number;
  /**
   * For diff fragments that hold only the added lines: the file line number of each line of `text`
   * (index 0 = first line). Overrides `startLine`.
   */
  lineNumbers?: number[];
  commit?: CommitInfo;
  /** Git blob id, for history scans. */
  blobId?: string;
  /** Characters at the start of `text` the previous fragment of the same file held too (chunk overlap): counted once in the stats. */
  repeated?: number;
  /**
   * `path` is one of several paths the text was committed at (history blobs): rules' path filters
   * (allowlist `paths`, `paths`) are applied to each occurrence once provenance is known, not here.
   */
  pathPerOccurrence?: boolean;
}

/** Why a candidate match was dropped. Counted in `ScanStats.skipped`. */
export type SkipReason =
  | 'path-allowlist'
  /** The match's secret group captured nothing (a rule whose group is optional or in an alternative). */
  | 'empty-secret'
  | 'inline-allow'
  /** Lines whose `keywarden:allow` waved at least one match through, each line once (`inline-allow` counts matches). */
  | 'inline-allow-line'
  | 'placeholder'
  | 'stopword'
  | 'low-entropy'
  | 'rule-allowlist'
  | 'validator-rejected'
  | 'superseded'
  /** A generic candidate in a provider's place (its key name or token prefix) that the provider's own rule does not match (src/core/claims.ts). */
  | 'provider-format'
  | 'duplicate'
  | 'ignored'
  | 'baseline'
  | 'below-threshold';

/**
 * What the detector emits: one rule matching one secret value at one place. The raw value is in the
 * non-enumerable `secret` property (see `makeMatch`); matches never leave the engine: reports show
 * secrets (below), made by grouping matches by value.
 */
export interface Match {
  ruleId: string;
  path: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  confidence: Confidence;
  origin?: Origin;
  commit?: CommitInfo;
  blobId?: string;
  /** Set when the secret was found inside encoded text (base64, percent-encoding…). */
  decodedFrom?: string;
  /** History scans: true when the blob is in the default branch's head tree (set by provenance). */
  inHead?: boolean;
  /** Sharded history scans: position of the introducing commit in the history walk (see sources/git/shard.ts). */
  introOrder?: number;
  /** On a line marked `keywarden:allow`: not reported, listed for review (`ScanResult.allowedInline`). */
  allowedInline?: boolean;
  /**
   * History blobs: a match that lost an overlap to a rule with path filters; it stands in at the
   * occurrences where that rule skips the path, and only there (engine/run.ts).
   */
  fallback?: boolean;
  /** Raw secret (decoded when found decoded). Non-enumerable. Never print it. */
  readonly secret?: string;
}

/** One place where a secret was seen. */
export interface Occurrence {
  path: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The commit that added it (diff scans: blame; history scans: the first commit introducing the blob at this path). */
  commit?: CommitInfo;
  blobId?: string;
  /** Set when the secret was found inside encoded text here (base64, percent-encoding…). */
  decodedFrom?: string;
  /** Sharded history scans only: position of the introducing commit in the walk, so `keywarden merge` orders occurrences as one scan would. */
  introOrder?: number;
  /**
   * Action shard jobs only: SARIF `primaryLocationLineHash` of this place, computed by the shard, which
   * holds the raw value the hash needs (it is taken over the masked line); the merge job has no raw
   * values and passes it on.
   */
  lineHash?: string;
}

/**
 * A reported secret: one value, wherever it was found. Identity is the value alone (see
 * src/core/fingerprint.ts), so a secret matched by two rules, in three files, is one Secret with three
 * occurrences. The raw value is in the non-enumerable `secret` property; never print it.
 */
export interface Secret {
  /** Irreversible identity of the value (not of the rule): baselines and ignore files list these. */
  fingerprint: string;
  /** The secret type: the playbook id of its rule (`github`, `aws`, `password`…). */
  type: string;
  /** The rule that names it best (a provider rule over a generic one, then confidence, then id). */
  ruleId: string;
  ruleName: string;
  severity: Severity;
  confidence: Confidence;
  /** Safe to print anywhere: see src/core/redact.ts. */
  redacted: string;
  /** History scans: true if the secret is still present at HEAD of the default branch. */
  inHead?: boolean;
  /** Every place it was seen, earliest first (history: introduction order; otherwise path, line). */
  occurrences: Occurrence[];
  readonly secret?: string;
}

/** Counters for one scan; every dropped candidate is counted by reason. */
export interface ScanStats {
  files: number;
  fragments: number;
  bytes: number;
  skippedFiles: Record<string, number>;
  skipped: Partial<Record<SkipReason, number>>;
  rules: number;
  durationMs: number;
}

/** A problem met while scanning that did not stop the scan. */
export interface ScanError {
  path?: string;
  message: string;
  /** A remark (e.g. an unused ignore entry), not a part of the input left unscanned: never changes the exit code. */
  warning?: boolean;
}

export interface ScanResult {
  /** Reported secrets, in report order (first occurrence's path, line, column; then rule id). */
  secrets: Secret[];
  stats: ScanStats;
  errors: ScanError[];
  /** The rules that were active, for SARIF `tool.driver.rules`. */
  rules: readonly Rule[];
  /** Sharded history scans: which shard, and what `keywarden merge` checks the shards agree on. */
  shard?: ShardInfo;
  /**
   * Secrets not reported because their lines carry `keywarden:allow`, for a reviewer to check (same
   * shape, redacted; thresholds, ignore file and baseline apply). Absent or empty when there are none.
   */
  allowedInline?: Secret[];
}

/** One shard of a history scan, as written in its JSON report. */
export interface ShardInfo {
  /** 1-based. */
  index: number;
  count: number;
  /** Hash of what the history scan covers (default head, tips, since): equal across one scan's shards. */
  basis: string;
  /** Hash of the active rules and settings that change findings: equal across one scan's shards. */
  config: string;
}

export function emptyStats(): ScanStats {
  return { files: 0, fragments: 0, bytes: 0, skippedFiles: {}, skipped: {}, rules: 0, durationMs: 0 };
}
