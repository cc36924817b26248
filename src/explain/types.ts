// The vocabulary of `keywarden scan --explain FILE[:LINE]`: every candidate the rules saw in a file,
// and what became of it. Locations follow src/core/types.ts (1-based lines and columns, end column
// exclusive). No raw value appears here: candidates carry the redacted form only.
import type { SkipReason } from '../core/types.ts';

/**
 * Why a candidate was dropped (a detector SkipReason), or one of the reasons only explain reports,
 * for matches of a rule's pattern that the rule never looked at: `no-keyword` (none of the rule's
 * keywords is in the text), `out-of-reach` (its keyword hits are too far away), `rule-off` (a rule
 * that is off by default or disabled in config).
 */
export type ExplainReason = SkipReason | 'no-keyword' | 'out-of-reach' | 'rule-off';

/** The pipeline stage that took the decision. */
export type ExplainStage =
  | 'prefilter'
  | 'rules'
  | 'regex'
  | 'inline-allow'
  | 'placeholder'
  | 'entropy'
  | 'allowlist'
  | 'validator'
  | 'overlap'
  | 'decoding'
  | 'ignore-file'
  | 'baseline'
  | 'threshold'
  | 'reported';

export const STAGE_OF: Record<ExplainReason, ExplainStage> = {
  'no-keyword': 'prefilter',
  'out-of-reach': 'prefilter',
  'rule-off': 'rules',
  'path-allowlist': 'rules',
  'empty-secret': 'regex',
  'inline-allow': 'inline-allow',
  'inline-allow-line': 'inline-allow',
  placeholder: 'placeholder',
  stopword: 'placeholder',
  'low-entropy': 'entropy',
  'rule-allowlist': 'allowlist',
  'validator-rejected': 'validator',
  superseded: 'overlap',
  'provider-format': 'overlap',
  duplicate: 'decoding',
  ignored: 'ignore-file',
  baseline: 'baseline',
  'below-threshold': 'threshold',
};

export interface ExplainedCandidate {
  ruleId: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The redacted value (src/core/redact.ts); the reported form, fingerprint tag included, once reported. */
  redacted: string;
  /** Set when the value was found decoded inside an encoded run (located at the run). */
  decodedFrom?: string;
  verdict: 'reported' | 'dropped';
  stage: ExplainStage;
  /** The drop reason, or `reported`. */
  reason: ExplainReason | 'reported';
  /** The concrete check, with its numbers: `entropy 2.91 < 3.5`, `allowlist regex \`EXAMPLE\` matched the secret`. */
  detail: string;
  /** The secret's fingerprint, once the value reached grouping (reported, ignored, baselined). */
  fingerprint?: string;
}

/** A keyword occurrence that made a rule run. */
export interface KeywordPlace {
  keyword: string;
  line: number;
  column: number;
}

export interface ExplainReport {
  /** The file as given (relative to the scan root when inside it). */
  path: string;
  /** The line asked about, when one was. */
  line?: number;
  /** Why the file was not read at all (`ignored`, `too-large`, `binary`…); absent when it was scanned. */
  notScanned?: string;
  /** Why a scan of the directory would not read the file (it is read when named); absent when it would. */
  walkSkip?: string;
  /** In text order. */
  candidates: ExplainedCandidate[];
  rules: {
    /** Active rules. */
    total: number;
    /** Rules that ran (a keyword hit on the line asked about, or anywhere in the file), with those hits. */
    ran: { id: string; keywords: KeywordPlace[] }[];
    /** With a line: rules that ran on the file because of keywords on other lines. */
    ranElsewhere: number;
    /** Rules whose keywords were hit but whose `paths` filter or allowlist paths exclude the file. */
    pathSkipped: string[];
    /** Rules that never ran on the file: none of their keywords is in it. */
    notRun: number;
  };
}
