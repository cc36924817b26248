// Plain matches + decoded matches → one list, each secret reported once. A decoded match is
// reported at its encoded run; it is dropped when something already reported there says the same:
//   - a match of the same rule, or with the same value, overlapping the run ('duplicate'):
//     the JSON-escaped PEM the plain scan already matched, escapes and all;
//   - a match whose secret covers the whole run ('superseded'): a rule that matched the encoded
//     value itself (Docker `"auth"`, npm `_auth`) — unless that rule is generic and the decoded one
//     is not, in which case the decoded match names the credential better and replaces it.
import { countSkip, type SkipCounter } from '../detect.ts';
import type { DetectObserver } from '../observer.ts';
import { secretOf } from '../match.ts';
import type { Match } from '../types.ts';

/** Is a rule a `generic: true` catch-all? By rule id. */
export type IsGeneric = (ruleId: string) => boolean;

/** `plain` plus the decoded matches that add something, in text order. */
export function mergeDecoded(plain: readonly Match[], decoded: readonly Match[], isGeneric: IsGeneric, skipped: SkipCounter, observer?: DetectObserver): Match[] {
  let kept = [...plain];
  for (const d of decoded) {
    const here = kept.filter((k) => overlaps(k, d));
    const same = here.find((k) => k.ruleId === d.ruleId || sameValue(k, d));
    if (same) {
      countSkip(skipped, 'duplicate');
      if (observer) observer.matchDropped(d, 'duplicate', `already reported here by ${same.ruleId}${same.decodedFrom ? ` (decoded from ${same.decodedFrom})` : ''}`);
      continue;
    }
    const covering = here.filter((k) => covers(k, d));
    if (covering.length && (isGeneric(d.ruleId) || covering.some((k) => !isGeneric(k.ruleId)))) {
      countSkip(skipped, 'superseded');
      if (observer) observer.matchDropped(d, 'superseded', `the encoded value itself is matched by ${covering.map((k) => k.ruleId).join(', ')}`);
      continue;
    }
    if (covering.length) {
      kept = kept.filter((k) => !covering.includes(k));
      countSkip(skipped, 'superseded', covering.length);
      if (observer) for (const k of covering) observer.matchDropped(k, 'superseded', `its decoded value is matched by ${d.ruleId}, which names it better`);
    }
    kept.push(d);
  }
  return kept.sort(byPosition);
}

/** -1, 0, 1 comparing (line, column) positions. */
function cmp(l1: number, c1: number, l2: number, c2: number): number {
  return l1 - l2 || c1 - c2;
}

function overlaps(a: Match, b: Match): boolean {
  return cmp(a.line, a.column, b.endLine, b.endColumn) < 0 && cmp(b.line, b.column, a.endLine, a.endColumn) < 0;
}

function covers(outer: Match, inner: Match): boolean {
  return cmp(outer.line, outer.column, inner.line, inner.column) <= 0 && cmp(inner.endLine, inner.endColumn, outer.endLine, outer.endColumn) <= 0;
}

function byPosition(a: Match, b: Match): number {
  return cmp(a.line, a.column, b.line, b.column) || cmp(a.endLine, a.endColumn, b.endLine, b.endColumn);
}

function sameValue(a: Match, b: Match): boolean {
  const v = secretOf(a);
  return v !== undefined && v === secretOf(b);
}
