// Renders an ExplainReport: a text listing (one candidate per line, then the rules summary) or JSON.
import { printable } from '../core/printable.ts';
import type { ExplainedCandidate, ExplainReport } from './types.ts';

/** Rules that ran are named one by one up to this many; the rest are counted. */
const MAX_RULES_LISTED = 20;

export function renderExplainJson(report: ExplainReport): string {
  return `${JSON.stringify({ explain: report }, null, 2)}\n`;
}

export function renderExplainText(report: ExplainReport): string {
  const where = `${printable(report.path)}${report.line !== undefined ? `:${report.line}` : ''}`;
  if (report.notScanned) return `keywarden explain: ${where}: the file is not scanned (${report.notScanned})\n`;
  const n = report.candidates.length;
  const reported = report.candidates.filter((c) => c.verdict === 'reported').length;
  const out = [`keywarden explain: ${where}: ${n} candidate${n === 1 ? '' : 's'}, ${reported} reported`];
  const rows = report.candidates.map((c) => [span(c), c.verdict, c.ruleId, c.redacted, `[${c.stage}] ${printable(c.detail)}${c.decodedFrom ? ` (decoded from ${c.decodedFrom})` : ''}`]);
  out.push(...table(rows).map((r) => `  ${r}`));
  out.push(...rulesSummary(report));
  if (report.walkSkip) out.push(`note: a scan of the directory does not read this file: ${printable(report.walkSkip)}`);
  return `${out.join('\n')}\n`;
}

function span(c: ExplainedCandidate): string {
  return c.endLine === c.line ? `${c.line}:${c.column}-${c.endColumn}` : `${c.line}:${c.column}-${c.endLine}:${c.endColumn}`;
}

/** Rows with every column but the last padded to its widest cell. */
function table(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  return rows.map((row) => row.map((cell, i) => (i < row.length - 1 ? cell.padEnd(widths[i] ?? 0) : cell)).join('  '));
}

function rulesSummary(report: ExplainReport): string[] {
  const r = report.rules;
  const named = r.ran.slice(0, MAX_RULES_LISTED).map((x) => {
    const hits = x.keywords.slice(0, 3).map((k) => `\`${k.keyword}\` ${k.line}:${k.column}`);
    const more = x.keywords.length > 3 ? `, +${x.keywords.length - 3}` : '';
    return hits.length ? `${x.id} (${hits.join(', ')}${more})` : x.id;
  });
  if (r.ran.length > MAX_RULES_LISTED) named.push(`… and ${r.ran.length - MAX_RULES_LISTED} more`);
  const scope = report.line !== undefined ? `with a keyword or candidate on line ${report.line}` : 'on this file (a keyword hit, or no keywords)';
  const lines = [`rules that ran ${scope}: ${r.ran.length} of ${r.total}${named.length ? `: ${named.join(', ')}` : ''}`];
  if (r.ranElsewhere) lines.push(`rules that ran because of keywords on other lines: ${r.ranElsewhere}`);
  if (r.pathSkipped.length) lines.push(`rules skipped for this path (paths filter or allowlist paths): ${r.pathSkipped.join(', ')}`);
  lines.push(`rules that never ran (none of their keywords is in the file): ${r.notRun}`);
  return lines;
}
