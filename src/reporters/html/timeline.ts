// When secrets entered the history: each secret counted once, in the month (or, over long spans, the
// year) of the author date of its first introducing commit, drawn as an inline SVG bar chart stacked by
// severity, with the same figures as a table. No script and no external library: the page loads nothing.
import { SEVERITIES, type Secret, type Severity } from '../../core/types.ts';
import { escapeHtml } from './escape.ts';

/** One bar: a month (`2024-03`) or a year (`2024`). */
export interface Bucket {
  label: string;
  /** Secrets first introduced in this period, per severity. */
  bySeverity: Record<Severity, number>;
  total: number;
}

/** More months than this between the first and last introduction: one bar per year instead. */
const MAX_MONTHS = 48;

/** The first introducing commit of a secret: the first occurrence that has a commit (occurrences are earliest first). */
export function firstCommit(s: Secret): NonNullable<Secret['occurrences'][number]['commit']> | undefined {
  return s.occurrences.find((o) => o.commit)?.commit;
}

/** `YYYY-MM` of an ISO 8601 date (the author's own calendar month), or undefined if it is not one. */
function monthOf(date: string | undefined): string | undefined {
  return date && /^\d{4}-\d{2}/.test(date) ? date.slice(0, 7) : undefined;
}

function nextMonth(m: string): string {
  const y = Number(m.slice(0, 4));
  const mo = Number(m.slice(5, 7));
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
}

function monthsBetween(a: string, b: string): number {
  return (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5, 7)) - Number(a.slice(5, 7));
}

const emptyCounts = (): Record<Severity, number> => ({ critical: 0, high: 0, medium: 0, low: 0 });

/**
 * Every period from the first introduction to the last, empty ones included (a gap is information);
 * `[]` when no secret has a dated commit (a directory or staged scan).
 */
export function timelineBuckets(secrets: readonly Secret[]): Bucket[] {
  const dated = secrets.flatMap((s) => {
    const month = monthOf(firstCommit(s)?.date);
    return month ? [{ month, severity: s.severity }] : [];
  });
  if (!dated.length) return [];
  const months = dated.map((d) => d.month).sort();
  const first = months[0] as string;
  const last = months[months.length - 1] as string;
  const yearly = monthsBetween(first, last) >= MAX_MONTHS;
  const key = (m: string): string => (yearly ? m.slice(0, 4) : m);
  const buckets = new Map<string, Bucket>();
  for (let m = first; m <= last; m = nextMonth(m)) {
    if (!buckets.has(key(m))) buckets.set(key(m), { label: key(m), bySeverity: emptyCounts(), total: 0 });
  }
  for (const d of dated) {
    const b = buckets.get(key(d.month));
    if (!b) continue;
    b.bySeverity[d.severity]++;
    b.total++;
  }
  return [...buckets.values()];
}

const BAR = 28;
const GAP = 8;
const CHART_H = 140;
const TOP = 18;
const LEFT = 40;

/** The bar chart: one stacked bar per period, the count above it, the period below it. */
export function timelineSvg(buckets: readonly Bucket[]): string {
  const max = Math.max(1, ...buckets.map((b) => b.total));
  const width = LEFT * 2 + buckets.length * (BAR + GAP);
  const height = TOP + CHART_H + 44;
  const bars = buckets.map((b, i) => {
    const x = LEFT + i * (BAR + GAP);
    let y = TOP + CHART_H;
    const parts: string[] = [];
    // Worst at the bottom of the stack, as in the legend's order.
    for (const sev of SEVERITIES) {
      const n = b.bySeverity[sev];
      if (!n) continue;
      const h = Math.max(2, Math.round((n / max) * CHART_H));
      y -= h;
      parts.push(`<rect class="bar-${sev}" x="${x}" y="${y}" width="${BAR}" height="${h}"><title>${escapeHtml(b.label)}: ${n} ${sev}</title></rect>`);
    }
    const count = b.total ? `<text class="count" x="${x + BAR / 2}" y="${y - 4}" text-anchor="middle">${b.total}</text>` : '';
    const label = `<text class="period" x="${x + BAR / 2}" y="${TOP + CHART_H + 12}" text-anchor="end" transform="rotate(-45 ${x + BAR / 2} ${TOP + CHART_H + 12})">${escapeHtml(b.label)}</text>`;
    return `<g>${parts.join('')}${count}${label}</g>`;
  });
  const axis = `<line class="axis" x1="${LEFT / 2}" y1="${TOP + CHART_H}" x2="${width - LEFT / 2}" y2="${TOP + CHART_H}"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Secrets introduced per period" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${axis}${bars.join('')}</svg>`;
}

/** The same figures as a table (periods with no introduction left out). */
export function timelineTable(buckets: readonly Bucket[], yearly: boolean): string {
  const rows = buckets
    .filter((b) => b.total)
    .map((b) => {
      const split = SEVERITIES.filter((s) => b.bySeverity[s]).map((s) => `<span class="sev sev-${s}">${b.bySeverity[s]} ${s}</span>`).join(' ');
      return `<tr><td>${escapeHtml(b.label)}</td><td class="num">${b.total}</td><td>${split}</td></tr>`;
    });
  return `<table class="timeline-table"><thead><tr><th>${yearly ? 'Year' : 'Month'}</th><th class="num">Secrets introduced</th><th>By severity</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** True when the buckets are years (labels without a month). */
export function isYearly(buckets: readonly Bucket[]): boolean {
  return buckets.length > 0 && buckets.every((b) => b.label.length === 4);
}
