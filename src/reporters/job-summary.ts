// The job summary (GITHUB_STEP_SUMMARY) as Markdown: counts by secret type, a table of secrets and where
// the response steps are. Pure. The summary is the one channel that works on fork pull requests, so it
// carries everything the comment would. Redacted values only.
import type { ScanResult, Secret, Severity } from '../core/types.ts';
import { severityRank } from '../core/types.ts';
import { bySeverity, groupByType } from './by-type.ts';
import { VERSION } from '../version.ts';
import { allowedInlineSection } from './allowed-inline.ts';
import { cellCode, cellText, placesCell, noticeBlock, secretType, type PlaybookLookup } from './pr-comment.ts';

/** What the summary links to and mentions. */
export interface JobSummaryContext {
  /** Repository web URL, e.g. `https://github.com/o/r`. */
  repoUrl: string;
  /** Commit the file links point at when a finding has no commit of its own. */
  headSha: string;
  /** What was scanned, e.g. `pull request #7 (a1b2c3d..e4f5a6b)`. */
  scanned: string;
  playbooks?: PlaybookLookup;
  /** Where the full response steps for a playbook id are published. */
  stepsUrl?: (playbookId: string) => string;
  /** The incident issue opened or updated by this run. */
  incident?: { number: number; url: string };
  /** Things that went wrong without failing the scan (API errors, a read-only token). */
  notes?: readonly string[];
  /** Warnings shown under the heading (trusted Markdown), e.g. configuration read from the base commit. */
  notices?: readonly string[];
  /** Secret rows at most (the summary is limited to 1 MiB). Default: 500. */
  maxRows?: number;
}

function heading(result: Pick<ScanResult, 'secrets' | 'shard'>): string {
  const n = result.secrets.length;
  const partial = result.shard ? ` (partial: shard ${result.shard.index}/${result.shard.count})` : '';
  return n ? `## keywarden${partial}: ${n} secret${n === 1 ? '' : 's'} found` : `## keywarden${partial}: no secrets found`;
}

/** Under a shard's heading: what the partial report is not. */
function partialNote(result: Pick<ScanResult, 'shard'>): string[] {
  const s = result.shard;
  if (!s) return [];
  return [`> [!NOTE]`, `> partial: shard ${s.index}/${s.count} of a sharded history scan. These are the secrets in this shard's part of the history only; the merge job reports the whole scan, opens the incident issue and passes or fails the run.`, ''];
}

function scannedLine(result: ScanResult, ctx: JobSummaryContext): string {
  const s = result.stats;
  const kb = (s.bytes / 1024).toFixed(1);
  return `Scanned ${ctx.scanned}: ${s.files} file${s.files === 1 ? '' : 's'}, ${kb} KB, ${s.rules} rules, in ${(s.durationMs / 1000).toFixed(2)} s.`;
}

/** One row per secret type: distinct secrets, occurrences, worst severity. */
function byType(secrets: readonly Secret[], playbooks?: PlaybookLookup): string[] {
  const rows = groupByType(secrets, (f) => secretType(f, playbooks)).sort((a, b) => severityRank(a.worst) - severityRank(b.worst) || a.key.localeCompare(b.key));
  return [
    '| Secret type | Secrets | Occurrences | Worst severity |',
    '|---|---:|---:|---|',
    ...rows.map((g) => `| ${cellText(g.key)} | ${g.secrets.length} | ${g.secrets.reduce((n, s) => n + s.occurrences.length, 0)} | ${g.worst} |`),
  ];
}

function secretsTable(secrets: readonly Secret[], ctx: JobSummaryContext): string[] {
  const max = ctx.maxRows ?? 500;
  const rows = bySeverity(secrets).slice(0, max).map((f) => {
    const first = f.occurrences[0]?.commit;
    const commit = first ? cellCode(first.sha.slice(0, 7)) : '';
    return `| ${f.severity} | ${cellText(f.ruleName)} (${cellCode(f.ruleId)}) | ${placesCell(f, ctx.repoUrl, ctx.headSha)} | ${cellCode(f.redacted)} | ${commit} | ${cellCode(f.fingerprint)} |`;
  });
  const more = secrets.length > max ? ['', `…and ${secrets.length - max} more in the SARIF file.`] : [];
  return ['| Severity | Rule | Places | Value | First commit | Fingerprint |', '|---|---|---|---|---|---|', ...rows, ...more];
}

/** Characters of the list of secrets allowed inline at most (the summary is limited to 1 MiB). */
const MAX_ALLOWED_INLINE_CHARS = 200_000;

/** Characters of step blocks at most: the summary is limited to 1 MiB, and the tables come first. */
const MAX_STEPS_CHARS = 200_000;

/** An ordered list of trusted Markdown steps. */
function stepList(title: string, steps: readonly string[]): string[] {
  return steps.length ? [`**${title}**`, '', ...steps.map((s, i) => `${i + 1}. ${s.replace(/[\r\n]+/g, ' ')}`), ''] : [];
}

/** One collapsible block per secret type: revoke, rotate and verify, with the count and worst severity. */
function typeBlock(id: string, fs: readonly Secret[], worst: Severity, ctx: JobSummaryContext): string | undefined {
  const steps = ctx.playbooks?.steps?.(id);
  if (!steps) return undefined;
  const title = cellText(ctx.playbooks?.title(id) ?? id);
  const n = fs.length;
  const link = ctx.stepsUrl ? `[the full playbook](${ctx.stepsUrl(id)}) · ` : '';
  return [
    `<details><summary><b>${title}</b>: ${n} secret${n === 1 ? '' : 's'}, ${worst}</summary>`,
    '',
    ...stepList('Revoke', steps.revoke),
    ...stepList('Rotate', steps.rotate),
    ...stepList('Verify', steps.verify),
    `${link}\`npx keywarden playbook ${id}\` prints it with the audit and history steps.`,
    '',
    '</details>',
  ].join('\n');
}

function nextSteps(secrets: readonly Secret[], ctx: JobSummaryContext): string[] {
  const out = ['### What to do now', ''];
  if (ctx.incident) out.push(`The incident issue [#${ctx.incident.number}](${ctx.incident.url}) has the revoke-and-rotate steps for each secret type and a checklist of every secret.`, '');
  out.push('Revoke and rotate each secret first, then remove it from the code. The steps per type, most severe first:', '');
  let room = MAX_STEPS_CHARS;
  for (const { key: id, secrets: fs, worst } of groupByType(secrets)) {
    const block = typeBlock(id, fs, worst, ctx);
    if (block && block.length <= room) {
      room -= block.length;
      out.push(block, '');
      continue;
    }
    // No steps known, or no room left for them: a link and the command that prints them.
    const title = cellText(ctx.playbooks?.title(id) ?? id);
    out.push(`- ${ctx.stepsUrl ? `[${title}](${ctx.stepsUrl(id)})` : title}: \`npx keywarden playbook ${id}\``, '');
  }
  out.push(
    'A false alarm? Add `keywarden:allow` in a comment on its line, or run `npx keywarden ignore <fingerprint> --reason "why it is safe"` with the fingerprint from the table above and commit `.keywardenignore` (on a pull request it applies once merged).',
  );
  return out;
}

/** The job summary for one run. */
export function renderJobSummary(result: ScanResult, ctx: JobSummaryContext): string {
  const out = [heading(result), '', ...partialNote(result), ...noticeBlock(ctx.notices), scannedLine(result, ctx), ''];
  if (result.secrets.length) {
    out.push('### By type', '', ...byType(result.secrets, ctx.playbooks), '', '### Secrets', '', ...secretsTable(result.secrets, ctx), '', ...nextSteps(result.secrets, ctx), '');
  }
  out.push(...allowedInlineSection(result.allowedInline ?? [], { repoUrl: ctx.repoUrl, headSha: ctx.headSha, scope: 'in this scan', budget: MAX_ALLOWED_INLINE_CHARS, maxRows: ctx.maxRows ?? 500 }));
  if (result.errors.length) out.push(`${result.errors.length} file${result.errors.length === 1 ? '' : 's'} could not be read (see the log).`, '');
  const published = renderPublished({ notes: ctx.notes });
  if (published) out.push(published);
  out.push(`<sub>keywarden ${VERSION}</sub>`, '');
  return out.join('\n');
}

/** What the API steps did, appended once they are over: the incident issue and the notes ('' = nothing). */
export function renderPublished(p: { incident?: { number: number; url: string }; notes?: readonly string[] }): string {
  const out: string[] = [];
  if (p.incident) out.push(`The incident issue [#${p.incident.number}](${p.incident.url}) tracks the revoke-and-rotate work for these secrets.`, '');
  if (p.notes?.length) out.push('### Notes', '', ...p.notes.map((n) => `- ${n}`), '');
  return out.join('\n');
}
