// Shapes of the configuration: what `.keywarden.yml` holds on disk, the loaded file (with line
// lookup for messages), and the resolved result that the scan uses. The resolved config is plain data
// (no functions), so it can be sent to worker threads and compiled there.
import type { AllowlistSpec, Confidence, RuleSpec, Severity } from '../core/types.ts';
import type { SourcedRuleSpec } from '../rules/load.ts';

/** `.keywarden.yml`, as validated by schema/config.schema.json. Every key is optional. */
export interface KeywardenConfig {
  /** `default` (the built-in rules, then these changes) or `none` (only the rules below). Default: default. */
  extends?: 'default' | 'none';
  /** Custom rules, in the format of `rules/*.yaml`; a rule with a built-in id replaces that rule. */
  rules?: RuleSpec[];
  /** Rule ids to turn off. */
  disable?: string[];
  /** Rule ids to turn on although they are off by default. */
  enable?: string[];
  /** Global allowlist: `paths` are never read; `regexes`, `matchRegexes`, `stopwords` drop findings. */
  allowlist?: AllowlistSpec;
  /** Extra allowlist entries per rule id, merged into that rule's own allowlist. */
  ruleAllowlists?: Record<string, AllowlistSpec>;
  /** Findings below this severity are not reported. */
  minSeverity?: Severity;
  /** Findings below this confidence are not reported. */
  minConfidence?: Confidence;
  /** Files larger than this are skipped: bytes, or a size such as `2MB`. */
  maxFileSize?: number | string;
  /** Key of the keyed fingerprints (see src/core/fingerprint.ts); KEYWARDEN_FINGERPRINT_KEY wins. */
  fingerprintKey?: string;
}

/** A parsed, validated configuration file. */
export interface LoadedConfig {
  config: KeywardenConfig;
  /** The file as shown in messages: relative to the scan root when inside it. */
  source: string;
  /** 1-based line of the value at a JSON pointer (`/rules/0/pattern`), when known. */
  lineOf(pointer: string): number | undefined;
}

/** The configuration merged with built-in rules and command-line settings: what a scan runs with. */
export interface ResolvedConfig {
  /** Every candidate rule spec (built-in and custom), per-rule and global allowlists merged in. */
  specs: SourcedRuleSpec[];
  /** Rule ids turned on / off (config and command line; the command line wins). */
  enable: string[];
  disable: string[];
  /** micromatch globs of files that are not read at all. */
  excludePaths: string[];
  minSeverity?: Severity;
  minConfidence?: Confidence;
  /** Bytes. */
  maxFileSize: number;
  fingerprintKey?: string;
  /** The configuration file used, if any (as shown in messages). */
  configSource?: string;
  /** `keywarden:allow` markers are not honoured (settings.ignoreInlineAllow). */
  ignoreInlineAllow?: boolean;
}
