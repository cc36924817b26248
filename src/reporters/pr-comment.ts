// The sticky pull request comment, as Markdown. Pure: the Action finds the old comment by `PR_COMMENT_MARKER`
// and writes the text. Shows redacted values only; every value from the repository is escaped so a
// file name cannot inject links or HTML into the comment.
import type { ScanResult, Secret } from '../core/types.ts';
import { VERSION } from '../version.ts';
import { ALLOWED_INLINE_MARKER, allowedInlineSection } from './allowed-inline.ts';
import { cellCode, cellMarkdown, cellText, placesCell } from './markdown-cells.ts';

export { cellCode, cellMarkdown, cellText, locationLink, placesCell } from './markdown-cells.ts';

/** Hidden marker that identifies keywarden's comment on a pull request. */
export const PR_COMMENT_MARKER = '<!-- keywarden:pr-comment -->';
const FINGERPRINTS_RE = /<!-- keywarden:fingerprints=([0-9a-f,]*) -->/;
/** GitHub rejects comment bodies over 65,536 characters. */
const MAX_BODY = 60_000;

/** What the renderers need to know about playbooks (the Action loads them; tests pass fixed ones). */
export interface PlaybookLookup {
  /** The secret type as people say it ("AWS access key"), or undefined. */
  title(playbookId: string): string | undefined;
  /** The first thing to do (the first revoke step, Markdown), or undefined. */
  firstStep(playbookId: string): string | undefined;
  /** The revoke, rotate and verify steps (Markdown), for the job summary; undefined = not known. */
  steps?(playbookId: string): PlaybookSteps | undefined;
}

/** A playbook's steps as the job summary shows them. */
export interface PlaybookSteps {
  revoke: readonly string[];
  rotate: readonly string[];
  verify: readonly string[];
}

/** Links and lookups for the comment. */
export interface PrCommentContext {
  /** Repository web URL, e.g. `https://github.com/o/r` (GHES: its own host). */
  repoUrl: string;
  /** Commit the file links point at (the pull request's head). */
  headSha: string;
  playbooks?: PlaybookLookup;
  /** Link to the workflow run, where the job summary is. */
  runUrl?: string;
  /** Rows shown before the rest is folded into a `<details>` block. Default: 20. */
  visibleRows?: number;
  /** Warnings shown under the heading (trusted Markdown), e.g. configuration read from the base commit. */
  notices?: readonly string[];
}

/** Notices as a GitHub warning alert (empty when there are none). */
export function noticeBlock(notices: readonly string[] | undefined): string[] {
  return notices?.length ? ['> [!WARNING]', ...notices.map((n) => `> ${n.replace(/[\r\n]+/g, ' ')}`), ''] : [];
}

/** Hex characters of each fingerprint kept in the marker (48 bits: no collision within one PR). */
export const COMMENT_FINGERPRINT_CHARS = 12;
/** Fingerprints recorded at most (about 20 KB of the 64 KB body). */
const MAX_MARKED = 1500;

/** The fingerprint prefixes (`COMMENT_FINGERPRINT_CHARS` long) recorded in an earlier comment body. */
export function commentFingerprints(body: string | null | undefined): string[] {
  return FINGERPRINTS_RE.exec(body ?? '')?.[1]?.split(',').filter(Boolean) ?? [];
}

function fingerprintMarker(secrets: readonly Secret[]): string {
  const prefixes = [...new Set(secrets.map((s) => s.fingerprint.slice(0, COMMENT_FINGERPRINT_CHARS)))].sort().slice(0, MAX_MARKED);
  return `<!-- keywarden:fingerprints=${prefixes.join(',')} -->`;
}

/** The secret type as people say it: the playbook's title, else the rule name. */
export function secretType(s: Pick<Secret, 'type' | 'ruleName'>, playbooks?: PlaybookLookup): string {
  return playbooks?.title(s.type) ?? s.ruleName;
}

const HEADER = ['| Severity | Secret | Places | Value | First step |', '|---|---|---|---|---|'];

/** One row per secret, wherever it is: a secret in three files is one row with three places. */
function row(s: Secret, ctx: PrCommentContext): string {
  const step = ctx.playbooks?.firstStep(s.type) ?? 'Revoke it at the provider.';
  const what = `${cellText(secretType(s, ctx.playbooks))} (${cellCode(s.ruleId)})`;
  return `| ${s.severity} | ${what} | ${placesCell(s, ctx.repoUrl, ctx.headSha)} | ${cellCode(s.redacted)} | ${cellMarkdown(step)} |`;
}

/** Rows that fit in `budget` characters; the rest are counted. */
function fitRows(rows: string[], budget: number): { shown: string[]; omitted: number } {
  let used = 0;
  let n = 0;
  for (const row of rows) {
    if (used + row.length + 1 > budget) break;
    used += row.length + 1;
    n++;
  }
  return { shown: rows.slice(0, n), omitted: rows.length - n };
}

/** The secrets table within `budget` characters: the first rows open, the next folded, the rest counted. */
function table(secrets: readonly Secret[], ctx: PrCommentContext, budget: number): string[] {
  const rows = secrets.map((s) => row(s, ctx));
  const visible = ctx.visibleRows ?? 20;
  const omittedLine = 200;
  const wrappers = 2 * HEADER.join('\n').length + 100;
  const { shown, omitted } = fitRows(rows, budget - wrappers - omittedLine);
  const out = [...HEADER, ...shown.slice(0, visible)];
  const folded = shown.slice(visible);
  if (folded.length) out.push('', `<details><summary>${folded.length} more</summary>`, '', ...HEADER, ...folded, '', '</details>');
  if (omitted) out.push('', `…and ${omitted} more not shown here (size limit): see the job summary or the SARIF file.`);
  return out;
}

function footer(ctx: PrCommentContext): string {
  const run = ctx.runUrl ? ` · [workflow run](${ctx.runUrl})` : '';
  return `<sub>keywarden ${VERSION} · commit ${ctx.headSha.slice(0, 7)}${run}</sub>`;
}

/** Room for the list of secrets allowed inline; the secrets table keeps the rest (at least 3/4 of the body). */
const ALLOWED_INLINE_BUDGET = 15_000;

/** The secrets allowed inline in this change, for a reviewer (see ./allowed-inline.ts). */
function allowedPart(result: Pick<ScanResult, 'allowedInline'>, ctx: PrCommentContext): string[] {
  return allowedInlineSection(result.allowedInline ?? [], { repoUrl: ctx.repoUrl, headSha: ctx.headSha, scope: 'in this change', budget: ALLOWED_INLINE_BUDGET });
}

/** True when an earlier comment body listed secrets allowed inline (a later run must update it). */
export function listedAllowedInline(body: string | null | undefined): boolean {
  return body?.includes(ALLOWED_INLINE_MARKER) === true;
}

/** The comment for a run with secrets, or with secrets allowed inline only. */
export function renderPrComment(result: Pick<ScanResult, 'secrets' | 'allowedInline'>, ctx: PrCommentContext): string {
  const n = result.secrets.length;
  const allowed = allowedPart(result, ctx);
  if (n === 0) {
    const heading = allowed.length ? 'keywarden reported no secrets in this pull request' : 'keywarden: no secrets in this pull request';
    return [PR_COMMENT_MARKER, fingerprintMarker([]), `### ${heading}`, '', ...noticeBlock(ctx.notices), ...allowed, footer(ctx), ''].join('\n');
  }
  const summary = ctx.runUrl ? `[job summary](${ctx.runUrl})` : 'job summary';
  const marker = fingerprintMarker(result.secrets);
  const before = [
    PR_COMMENT_MARKER,
    marker,
    `### keywarden found ${n} secret${n === 1 ? '' : 's'} in this pull request`,
    '',
    ...noticeBlock(ctx.notices),
    'Treat each one as leaked: anyone who can read this pull request has seen it. **Revoke and rotate it first**, then remove it from the branch. Deleting the line or force-pushing does not undo the leak.',
    '',
  ];
  const after = [
    '',
    `The full steps per secret type are in the ${summary}, and \`keywarden playbook <rule-id>\` prints them. A false positive? Add \`keywarden:allow\` in a comment on that line.`,
    '',
    ...allowed,
    footer(ctx),
    '',
  ];
  // Everything but the table is of bounded size; the table gets the rest of the body's room.
  const fixed = before.join('\n').length + after.join('\n').length + 2;
  return [...before, ...table(result.secrets, ctx, MAX_BODY - fixed), ...after].join('\n');
}

/**
 * The comment once a later run finds nothing: the secrets left the diff but are still leaked.
 * `previousCount` is how many secrets the earlier comment listed.
 */
export function renderPrCommentResolved(previousCount: number, ctx: PrCommentContext, result: Pick<ScanResult, 'allowedInline'> = {}): string {
  const one = previousCount === 1;
  const subject = one ? 'the secret' : previousCount > 1 ? `the ${previousCount} secrets` : 'the secrets';
  const [is, it, was] = one ? ['is', 'it', 'it was'] : ['are', 'them', 'they were'];
  return [
    PR_COMMENT_MARKER,
    fingerprintMarker([]),
    '### keywarden: no secrets in this pull request any more',
    '',
    ...noticeBlock(ctx.notices),
    `As of commit ${ctx.headSha.slice(0, 7)}, ${subject} reported earlier ${is} gone from the diff. **${one ? 'It is' : 'They are'} still leaked**: ${was} pushed, so anyone with read access, and every clone or fork made since, may have ${it}. If not done yet, revoke and rotate ${one ? 'it' : 'each one'} at the provider.`,
    '',
    ...allowedPart(result, ctx),
    footer(ctx),
    '',
  ].join('\n');
}
