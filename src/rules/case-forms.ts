// The case forms of a rule's keywords that every match of its regex holds (`KEY`, not `key`), for
// the detector's case check (src/core/case-hits.ts): proved with keyword-coverage's exact mode.
import { keywordEscape } from './keyword-coverage.ts';

/**
 * The smallest of these sets of case forms that holds in every match of a pattern: upper case,
 * lower case, both, both and capitalised. Rules spelled otherwise (mixed case) are left alone.
 */
const FORM_SETS: readonly ((k: string) => string[])[] = [
  (k) => [k.toUpperCase()],
  (k) => [k.toLowerCase()],
  (k) => [k.toUpperCase(), k.toLowerCase()],
  (k) => [k.toUpperCase(), k.toLowerCase(), k.charAt(0).toUpperCase() + k.slice(1).toLowerCase()],
];

/**
 * The case forms of `keywords` that every match of `source` (flags `flags`) holds one of, or
 * undefined when none of FORM_SETS is proved (or the pattern folds case: the `i` flag).
 */
export function caseForms(source: string, flags: string, keywords: readonly string[]): string[] | undefined {
  // The prefilter folds A–Z only: a keyword's other characters have one form.
  if (flags.includes('i') || keywords.length === 0 || keywords.some((k) => /[^\x20-\x7e]/.test(k))) return undefined;
  for (const forms of FORM_SETS) {
    const set = [...new Set(keywords.flatMap(forms))];
    if (keywordEscape(source, set, { exact: true }) === undefined) return set;
  }
  return undefined;
}
