// Console report for people: findings grouped by file, then a one-line summary with counts and time.
import { styleText } from 'node:util';
import { printable } from '../core/printable.ts';
import { SEVERITIES, type Finding, type ScanResult, type Severity } from '../core/types.ts';
import type { ReportContext, Reporter } from './reporter.ts';

type Style = Parameters<typeof styleText>[0];

function paint(ctx: ReportContext, style: Style, s: string): string {
  // validateStream: false: the caller decided (TTY, NO_COLOR, FORCE_COLOR); Node >= 22 would check process.stdout again.
  return ctx.color ? styleText(style, s, { validateStream: false }) : s;
}

const SEVERITY_STYLE: Record<Severity, Style> = { critical: ['bold', 'red'], high: 'red', medium: 'yellow', low: 'cyan' };

function findingLines(f: Finding, ctx: ReportContext): string[] {
  const loc = `${f.line}:${f.column}`.padEnd(9);
  const sev = paint(ctx, SEVERITY_STYLE[f.severity], f.severity.padEnd(8));
  const lines = [`  ${loc} ${sev} ${printable(f.ruleName)}  ${paint(ctx, 'dim', f.redacted)}  ${paint(ctx, 'dim', `[${f.ruleId}, confidence ${f.confidence}]`)}`];
  // The full fingerprint: the form `keywarden ignore` and .keywardenignore take.
  const extra: string[] = [`fingerprint ${f.fingerprint}`];
  if (f.commit) extra.push(`commit ${f.commit.sha.slice(0, 12)}${f.commit.date ? ` (${f.commit.date.slice(0, 10)})` : ''}`);
  if (f.occurrences && f.occurrences.length > 1) extra.push(`${f.occurrences.length} occurrences`);
  if (f.inHead !== undefined) extra.push(f.inHead ? 'still in HEAD' : 'history only');
  if (f.decodedFrom) extra.push(`inside ${f.decodedFrom}-encoded text`);
  lines.push(`            ${paint(ctx, 'dim', extra.join(' · '))}`);
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
export function severityCounts(findings: readonly Finding[]): string {
  return SEVERITIES
    .map((s) => [s, findings.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`)
    .join(', ');
}

export function summaryLine(result: ScanResult, ctx: ReportContext): string {
  const { findings, stats } = result;
  const files = new Set(findings.map((f) => f.path)).size;
  const head = findings.length
    ? paint(ctx, ['bold', 'red'], `✖ ${findings.length} secret${findings.length === 1 ? '' : 's'} (${severityCounts(findings)}) in ${files} file${files === 1 ? '' : 's'}`)
    : paint(ctx, ['bold', 'green'], '✔ no secrets found');
  const skippedFiles = Object.entries(stats.skippedFiles).filter(([k]) => k !== 'ignored');
  const skipped = skippedFiles.length ? ` · skipped: ${skippedFiles.map(([k, n]) => `${n} ${k}`).join(', ')}` : '';
  // Lines, not matches: two rules matching one allowed line are one line allowed.
  const allowedLines = stats.skipped['inline-allow-line'] ?? stats.skipped['inline-allow'];
  const allowed = allowedLines ? ` · ${allowedLines} allowed inline` : '';
  const errorCount = result.errors.filter((e) => !e.warning).length;
  const errors = errorCount ? paint(ctx, ['bold', 'red'], ` · ${errorCount} scan error${errorCount === 1 ? '' : 's'}: not everything was read`) : '';
  return `${head} · scanned ${plural(stats.files, 'file')}, ${formatBytes(stats.bytes)} in ${(stats.durationMs / 1000).toFixed(2)} s${skipped}${allowed}${errors}`;
}

export const textReporter = ((result, ctx) => {
  const out: string[] = [];
  let current = '';
  for (const f of result.findings) {
    if (f.path !== current) {
      if (current) out.push('');
      current = f.path;
      out.push(paint(ctx, ['bold', 'underline'], printable(f.path)));
    }
    out.push(...findingLines(f, ctx));
  }
  if (result.findings.length) out.push('');
  for (const e of result.errors) out.push(paint(ctx, e.warning ? 'yellow' : 'red', `${e.warning ? 'warning' : 'error'}: ${printable(`${e.path ? `${e.path}: ` : ''}${e.message}`)}`));
  out.push(summaryLine(result, ctx));
  if (result.findings.length) out.push(paint(ctx, 'dim', 'Next: revoke each secret at its provider (`keywarden playbook <rule-id>` prints the steps), then remove it from the code.'));
  return `${out.join('\n')}\n`;
}) satisfies Reporter;
