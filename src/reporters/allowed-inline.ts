// The review list of secrets waved through by `keywarden:allow` (ScanResult.allowedInline), as Markdown for
// the pull request comment and the job summary: a marker on the secret's line hides it from the gate,
// so a reviewer must see what was hidden. Redacted values and short fingerprints only; within a size
// budget, with a count of the rows left out.
import type { Secret } from '../core/types.ts';
import { cellCode, cellText, placesCell } from './markdown-cells.ts';

/** Hidden marker of the section, so a later run knows an earlier comment listed allowed secrets. */
export const ALLOWED_INLINE_MARKER = '<!-- keywarden:allowed-inline -->';
/** Hex characters of the fingerprint shown (enough to find it in the JSON report). */
const FINGERPRINT_SHOWN = 12;
const HEADER = ['| Rule | Places | Value | Fingerprint |', '|---|---|---|---|'];

/** Where the rows' links point and how much room the section has. */
export interface AllowedInlineContext {
  repoUrl: string;
  headSha: string;
  /** `in this change`, `in this scan`… */
  scope: string;
  /** Characters the section may take, heading and all. */
  budget: number;
  /** Rows at most. Default: no limit but the budget. */
  maxRows?: number;
}

/** The heading line: `2 findings allowed inline by `keywarden:allow` in this change — review them`. */
export function allowedInlineHeading(n: number, scope: string): string {
  return `${n} finding${n === 1 ? '' : 's'} allowed inline by \`keywarden:allow\` ${scope} — review ${n === 1 ? 'it' : 'them'}`;
}

/** The section (empty when nothing was allowed inline). */
export function allowedInlineSection(allowed: readonly Secret[], ctx: AllowedInlineContext): string[] {
  if (allowed.length === 0) return [];
  const head = [
    ALLOWED_INLINE_MARKER,
    `#### ${allowedInlineHeading(allowed.length, ctx.scope)}`,
    '',
    'These lines carry a `keywarden:allow` marker, so keywarden did not report them. Check each one: a real credential marked this way is as leaked as any other. (`inline-allow: false`, or `--no-inline-allow`, reports them.)',
    '',
  ];
  const rows = allowed.slice(0, ctx.maxRows ?? allowed.length).map((s) => `| ${cellText(s.ruleName)} (${cellCode(s.ruleId)}) | ${placesCell(s, ctx.repoUrl, ctx.headSha)} | ${cellCode(s.redacted)} | ${cellCode(s.fingerprint.slice(0, FINGERPRINT_SHOWN))} |`);
  const omittedLine = 160;
  let room = ctx.budget - head.join('\n').length - HEADER.join('\n').length - omittedLine;
  const shown: string[] = [];
  for (const row of rows) {
    if (row.length + 1 > room) break;
    room -= row.length + 1;
    shown.push(row);
  }
  const omitted = allowed.length - shown.length;
  const more = omitted ? ['', `…and ${omitted} more not shown here (size limit): the JSON report lists every one under \`allowedInline\`.`] : [];
  return [...head, ...HEADER, ...shown, ...more, ''];
}
