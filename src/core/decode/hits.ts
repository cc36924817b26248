// Keyword hits near a run: the plain scan's hits (sorted by offset) tell whether a keyword lies in
// the text a decoded view keeps, without scanning that text again.
import type { KeywordHits } from '../prefilter.ts';

/** True when a hit starts in `[from, to)`; `hits` are sorted by offset. */
export function hitBetween(hits: KeywordHits, from: number, to: number): boolean {
  let lo = 0;
  let hi = hits.length >> 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((hits[2 * mid] ?? 0) < from) lo = mid + 1;
    else hi = mid;
  }
  return 2 * lo < hits.length && (hits[2 * lo] ?? to) < to;
}
