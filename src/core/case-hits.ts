// Keyword hits in a case the rule's regex cannot match. The prefilter finds keywords case-folded, but
// a rule without the `i` flag may spell them in one case only (env-secret-assignment's names are
// upper case: `KEY`, never C code's `key`). When every match provably holds one of the rule's
// keywords in a case form of a small set (Rule.caseForms, src/rules/case-forms.ts), a match's
// region of windows always holds a hit of such a form: the occurrence inside the match is a hit of its
// own (the prefilter reports every start offset, nested keywords included). The detector then runs the
// rule only in the regions that hold one (keptWindows), which are the same regions as before, so
// no match is lost or changed.
import type { Rule } from './types.ts';

/** True when a rule's keyword starts at `offset` of `text` in a case form its regex can match. */
export type CaseCheck = (text: string, offset: number) => boolean;

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

/** The CaseCheck of `rule` when its matches hold a keyword in proved case forms (Rule.caseForms), else null. */
export function ruleCaseCheck(rule: Rule): CaseCheck | null {
  let check = checks.get(rule);
  if (check === undefined) {
    const forms = rule.caseForms?.();
    check = forms ? caseCheck(forms) : null;
    checks.set(rule, check);
  }
  return check;
}

