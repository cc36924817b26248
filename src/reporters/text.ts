// Console report for people: each secret with the places it was seen, then a one-line summary with
// counts ("1 secret (1 critical) in 3 places (2 files)") and time.
import { styleText } from 'node:util';
import { printable } from '../core/printable.ts';
import { SEVERITIES, type Occurrence, type ScanResult, type Secret, type Severity } from '../core/types.ts';
import type { ReportContext, Reporter } from './reporter.ts';

type Style = Parameters<typeof styleText>[0];

function paint(ctx: ReportContext, style: Style, s: string): string {
  // validateStream: false: the caller decided (TTY, NO_COLOR, FORCE_COLOR); Node >= 22 would check process.stdout again.
  return ctx.color ? styleText(style, s, { validateStream: false }) : s;
}

const SEVERITY_STYLE: Record<Severity, Style> = { critical: ['bold', 'red'], high: 'red', medium: 'yellow', low: 'cyan' };

/** Places listed per secret before "…and N more places". */
const MAX_PLACES = 10;

function place(o: Occurrence): string {
  const at = `${printable(o.path)}:${o.line}:${o.column}`;
  const extra: string[] = [];
  if (o.commit) extra.push(`commit ${o.commit.sha.slice(0, 12)}${o.commit.date ? ` (${o.commit.date.slice(0, 10)})` : ''}`);
  if (o.decodedFrom) extra.push(`inside ${o.decodedFrom}-encoded text`);
  return extra.length ? `${at}  ${extra.join(' · ')}` : at;
}

function secretLines(s: Secret, ctx: ReportContext): string[] {
  const sev = paint(ctx, SEVERITY_STYLE[s.severity], s.severity.padEnd(8));
  const where = s.occurrences.length === 1 ? '' : ` in ${s.occurrences.length} places`;
  const state = s.inHead === undefined ? '' : s.inHead ? ' · still in HEAD' : ' · history only';
  const lines = [`${sev} ${printable(s.ruleName)}${where}  ${paint(ctx, 'dim', s.redacted)}  ${paint(ctx, 'dim', `[${s.ruleId}, confidence ${s.confidence}${state}]`)}`];
  // The full fingerprint: the form `keywarden ignore` and .keywardenignore take.
  lines.push(`  ${paint(ctx, 'dim', `fingerprint ${s.fingerprint}`)}`);
  for (const o of s.occurrences.slice(0, MAX_PLACES)) lines.push(`  ${place(o)}`);
  if (s.occurrences.length > MAX_PLACES) lines.push(paint(ctx, 'dim', `  …and ${s.occurrences.length - MAX_PLACES} more places (the JSON report lists them all)`));
  return lines;
}

/** `1 file`, `2 files`. */
function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

/** `2 critical, 1 high` */
export function severityCounts(secrets: readonly Pick<Secret, 'severity'>[]): string {
  return SEVERITIES
    .map((s) => [s, secrets.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`)
    .join(', ');
}

export function summaryLine(result: ScanResult, ctx: ReportContext): string {
  const { secrets, stats } = result;
  const places = secrets.reduce((n, s) => n + s.occurrences.length, 0);
  const files = new Set(secrets.flatMap((s) => s.occurrences.map((o) => o.path))).size;
  const where = `in ${plural(places, 'place')}${places === files ? '' : ` (${plural(files, 'file')})`}`;
  const head = secrets.length
    ? paint(ctx, ['bold', 'red'], `✖ ${plural(secrets.length, 'secret')} (${severityCounts(secrets)}) ${where}`)
    : paint(ctx, ['bold', 'green'], '✔ no secrets found');
  // Files left out by .gitignore or the configuration are named too: nothing is skipped silently.
  const skippedFiles = Object.entries(stats.skippedFiles).map(([k, n]) => `${n} ${k === 'ignored' ? 'ignored (.gitignore, allowlist)' : k}`);
  const skipped = skippedFiles.length ? ` · skipped: ${skippedFiles.join(', ')}` : '';
  // Lines, not matches: two rules matching one allowed line are one line allowed.
  const allowedLines = stats.skipped['inline-allow-line'] ?? stats.skipped['inline-allow'];
  const allowed = allowedLines ? ` · ${allowedLines} allowed inline` : '';
  const errorCount = result.errors.filter((e) => !e.warning).length;
  const errors = errorCount ? paint(ctx, ['bold', 'red'], ` · ${errorCount} scan error${errorCount === 1 ? '' : 's'}: not everything was read`) : '';
  // One shard's report is not the scan's: said first, so that nobody takes it for the whole history.
  const partial = result.shard ? paint(ctx, 'bold', `partial: shard ${result.shard.index}/${result.shard.count} (keywarden merge gives the whole scan) · `) : '';
  return `${partial}${head} · scanned ${plural(stats.files, 'file')}, ${formatBytes(stats.bytes)} in ${(stats.durationMs / 1000).toFixed(2)} s${skipped}${allowed}${errors}`;
}

export const textReporter = ((result, ctx) => {
  const out: string[] = [];
  for (const s of result.secrets) out.push(...secretLines(s, ctx), '');
  for (const e of result.errors) out.push(paint(ctx, e.warning ? 'yellow' : 'red', `${e.warning ? 'warning' : 'error'}: ${printable(`${e.path ? `${e.path}: ` : ''}${e.message}`)}`));
  out.push(summaryLine(result, ctx));
  if (result.secrets.length) out.push(paint(ctx, 'dim', 'Next: revoke each secret at its provider (`keywarden playbook <rule-id>` prints the steps), then remove it from the code.'));
  return `${out.join('\n')}\n`;
}) satisfies Reporter;
