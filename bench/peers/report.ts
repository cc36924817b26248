// Tables and lists of the peers evaluation. Case texts are shown with long tokens shortened, so the
// output shows the format (key names, wrappers) without the values.
import type { Case } from './case.ts';

export interface Tally {
  pos: number;
  found: number;
  doubtPos: number;
  doubtFound: number;
  neg: number;
  flagged: number;
  /** Flagged negatives whose label is doubtful (another credential of the same provider). */
  doubtNeg: number;
}

export const emptyTally = (): Tally => ({ pos: 0, found: 0, doubtPos: 0, doubtFound: 0, neg: 0, flagged: 0, doubtNeg: 0 });

export const ratio = (a: number, b: number): string => (b === 0 ? '  -  ' : (a / b).toFixed(3));

export function tallyRow(name: string, t: Tally, extra = ''): string {
  return `| ${name} | ${t.found}/${t.pos} | ${ratio(t.found, t.pos)} | ${t.doubtFound}/${t.doubtPos} | ${t.flagged}/${t.neg} | ${ratio(t.flagged, t.neg)} | ${t.doubtNeg} |${extra}`;
}

export const TALLY_HEADER = '| | found / positives | recall | found / doubtful | flagged / negatives | fp_rate | doubtful negatives |';
export const TALLY_RULE = '| --- | --- | --- | --- | --- | --- | --- |';

/** The case text on one line, each run of 12+ token characters cut to its first 4 and its length. */
export function shape(text: string, max = 160): string {
  const one = text.replace(/\r?\n/g, '⏎').replace(/[A-Za-z0-9+/=_\-.~]{12,}/g, (m) => `${m.slice(0, 4)}…(${m.length})`);
  return one.length > max ? `${one.slice(0, max)}…` : one;
}

export function caseLine(c: Case, note: string, withText: 'shape' | 'raw'): string {
  const text = withText === 'raw' ? JSON.stringify(c.text) : shape(c.text);
  return `${c.id}  [${note}]  ${text}`;
}
