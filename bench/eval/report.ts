// Renders eval scores as markdown tables (for .eval/results.md and the README) and as --details lines.
import type { Answers } from './answers.ts';
import { rates, type Score } from './match.ts';

const pct = (x: number): string => x.toFixed(3);

/** `| a | b |` rows with a header separator. */
export function table(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const line = (cells: readonly (string | number)[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Overall precision / recall / F1, one row per tool. */
export function overallTable(scores: readonly Score[], seconds: ReadonlyMap<string, number>): string {
  return table(
    ['tool', 'planted', 'TP', 'FP', 'FN', 'precision', 'recall', 'F1', 'time (s)'],
    scores.map((s) => {
      const r = rates(s);
      return [s.tool, s.planted, s.tp, s.fp, s.fn, pct(r.precision), pct(r.recall), pct(r.f1), (seconds.get(s.tool) ?? 0).toFixed(1)];
    }),
  );
}

/** Per-type rows (rule id of the answer key), worst keywarden F1 first; `limit` keeps the worst rows. */
export function perTypeTable(kw: Score, others: readonly Score[], families: ReadonlyMap<string, string>, limit = Infinity): string {
  const rows = [...kw.perType.entries()]
    .filter(([, t]) => t.planted > 0 || t.fp > 0)
    .map(([type, t]) => ({ type, t, r: rates(t) }))
    .sort((a, b) => a.r.f1 - b.r.f1 || a.r.recall - b.r.recall || (a.type < b.type ? -1 : 1))
    .slice(0, limit);
  return table(
    ['type (family)', 'planted', 'kw TP', 'kw FP', 'kw FN', 'kw P', 'kw R', 'kw F1', ...others.map((o) => `${o.tool} R`)],
    rows.map(({ type, t, r }) => [
      `${type} (${families.get(type) ?? '?'})`, t.planted, t.tp, t.fp, t.fn, pct(r.precision), pct(r.recall), pct(r.f1),
      ...others.map((o) => {
        const ot = o.perType.get(type);
        return ot?.planted ? pct(rates(ot).recall) : '–';
      }),
    ]),
  );
}

function countBy<T>(items: readonly T[], key: (t: T) => string): Map<string, number> {
  const m = new Map<string, number>();
  for (const i of items) m.set(key(i), (m.get(key(i)) ?? 0) + 1);
  return m;
}

/** False alarms by decoy category, one column per tool. */
export function falseAlarmTable(scores: readonly Score[]): string {
  const counts = scores.map((s) => countBy(s.falseAlarms, (f) => f.category));
  const cats = [...new Set(counts.flatMap((c) => [...c.keys()]))].sort();
  return table(['decoy category', ...scores.map((s) => `${s.tool} FP`)], cats.map((c) => [c, ...counts.map((m) => m.get(c) ?? 0)]));
}

/** A tool's false alarms by the type it reported, with the decoy categories behind them. */
export function falseAlarmsByType(s: Score): string {
  const byType = new Map<string, string[]>();
  for (const f of s.falseAlarms) byType.set(f.finding.type, [...(byType.get(f.finding.type) ?? []), f.category]);
  const rows = [...byType.entries()].sort((a, b) => b[1].length - a[1].length);
  return table([`${s.tool} type`, 'FP', 'decoy categories'], rows.map(([t, cats]) => [t, cats.length, [...countBy(cats, (c) => c)].map(([c, n]) => `${c} ${n}`).join(', ')]));
}

/** keywarden's misses by rule family and by how the secret was written (host/style). */
export function missesTable(s: Score, answers: Answers): string {
  const planted = countBy(answers.secrets, (a) => `${a.family}\0${a.host}/${a.style}`);
  const missed = countBy(s.misses, (a) => `${a.family}\0${a.host}/${a.style}`);
  const rows = [...missed.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => {
    const [family = '', where = ''] = k.split('\0');
    return [family, where, n, planted.get(k) ?? 0];
  });
  return table([`${s.tool} misses: family`, 'host/style', 'missed', 'planted'], rows);
}

/** One line per false alarm, miss and type mismatch, with file:line and redacted values only. */
export function detailLines(s: Score): string[] {
  const out: string[] = [];
  for (const m of s.misses) out.push(`FN   ${m.file}:${m.line}  expected ${m.ruleId} (${m.family}) via ${m.host}/${m.style}  ${m.redacted}`);
  for (const f of s.falseAlarms) out.push(`FP   ${f.finding.file}:${f.finding.line}  ${f.finding.type}  ${f.finding.redacted}  [decoy: ${f.category}]`);
  for (const x of s.mismatches) out.push(`TYPE ${x.secret.file}:${x.secret.line}  expected ${x.secret.ruleId}, reported ${x.finding.type}  ${x.finding.redacted}`);
  return out.sort();
}
