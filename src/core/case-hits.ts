// Keyword hits in a case the rule's regex cannot match. The prefilter finds keywords case-folded, but
// a rule without the `i` flag may spell them in one case only (env-secret-assignment's names are
// upper case: `KEY`, never C code's `key`). When every match provably holds one of the rule's
// keywords in a case form of a small set (src/rules/keyword-coverage.ts, exact mode), a match's
// region of windows always holds a hit of such a form: the occurrence inside the match is a hit of its
// own (the prefilter reports every start offset, nested keywords included). The detector then runs the
// rule only in the regions that hold one (keptWindows), which are the same regions as before, so
// no match is lost or changed.
import { keywordEscape } from '../rules/keyword-coverage.ts';
import type { Rule } from './types.ts';

/** True when a rule's keyword starts at `offset` of `text` in a case form its regex can match. */
export type CaseCheck = (text: string, offset: number) => boolean;

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

/** A CaseCheck for `forms` (first character looked up, then the rest compared). */
export function caseCheck(forms: readonly string[]): CaseCheck {
  const byFirst = new Map<number, string[]>();
  for (const f of forms) {
    const list = byFirst.get(f.charCodeAt(0));
    if (list) list.push(f);
    else byFirst.set(f.charCodeAt(0), [f]);
  }
  return (text, offset) => {
    const list = byFirst.get(text.charCodeAt(offset));
    if (list === undefined) return false;
    for (const f of list) if (text.startsWith(f, offset)) return true;
    return false;
  };
}

const checks = new WeakMap<Rule, CaseCheck | null>();

/**
 * The CaseCheck of `rule` when its matches hold a keyword in a proved case form that leaves some
 * hits out (not every form of FORM_SETS' last set), else null; proved on first need. Not for rules
 * in the linear-time engine (RE2 folds otherwise).
 */
export function ruleCaseCheck(rule: Rule): CaseCheck | null {
  let check = checks.get(rule);
  if (check === undefined) {
    const forms = rule.spec.linear ? undefined : caseForms(rule.regex.source, rule.regex.flags, rule.keywords);
    check = forms ? caseCheck(forms) : null;
    checks.set(rule, check);
  }
  return check;
}

