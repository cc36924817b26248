// A reporter is a pure function from a scan result to text. Writing the text is the caller's job.
import type { ScanResult } from '../core/types.ts';
import type { PlaybookLookup } from './pr-comment.ts';

export interface ReportContext {
  /** Colour output with ANSI escapes (text reporter on a TTY). Default: false. */
  color?: boolean;
  /** SARIF `automationDetails.id` category, e.g. `keywarden/pr`. */
  category?: string;
  /** Short help for a rule id, shown in SARIF `help` (the playbook's first steps). */
  helpFor?: (ruleId: string) => { text: string; markdown: string } | undefined;
  /** Titles and revoke/rotate/verify steps per secret type (HTML report). */
  playbooks?: PlaybookLookup;
}

export type Reporter = (result: ScanResult, ctx: ReportContext) => string;
