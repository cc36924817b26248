// "Did you mean": the known names nearest to a mistyped one (commands, flags, rule ids, validators,
// playbook ids). One home, so that every message suggests the same way.
import { distance } from 'fastest-levenshtein';

/**
 * The `limit` names of `known` nearest to `typed` (Levenshtein distance, case-insensitive), nearest first,
 * ties in alphabetical order. Names farther than a third of the typed length (at least 2 edits) are
 * not suggested: `scna` finds `scan`, `xyz` finds nothing.
 */
export function nearest(typed: string, known: Iterable<string>, limit = 3): string[] {
  const key = typed.trim().toLowerCase();
  const max = Math.max(2, Math.floor(key.length / 3));
  return [...new Set(known)]
    .map((name) => ({ name, d: distance(key, name.toLowerCase()) }))
    .filter((x) => x.d <= max)
    .sort((a, b) => a.d - b.d || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .slice(0, limit)
    .map((x) => x.name);
}

/** ` (did you mean a or b?)`, or '' when nothing is near. */
export function didYouMean(typed: string, known: Iterable<string>, limit = 3): string {
  const near = nearest(typed, known, limit);
  if (!near.length) return '';
  const last = near.pop();
  return ` (did you mean ${near.length ? `${near.join(', ')} or ${last}` : last}?)`;
}
