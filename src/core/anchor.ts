// Rules whose every match begins with one of their own keywords ("anchored" rules, e.g. `pat…` of
// Airtable): the detector tries such a rule's regex only at its keyword hits (sticky) instead of
// scanning each window character by character, which finds the same matches, since a global scan's
// leftmost match from any point starts at some hit and is the one a sticky try there gives.
// The proof is read from the pattern's start: lookbehinds (zero-width) and group openings are
// passed over, then a literal is read that must begin with a keyword, case-folded; no `|` may sit at
// the top level or directly in a group around the literal, and no such group may be optional.
import type { Rule } from './types.ts';

/** A regex source character that is literal outside a class (no escape needed). */
const PLAIN = /[A-Za-z0-9_\-:/@#=!,<>'"% &~`;]/;

/** The index just past the group that opens at `open` (a `(`), or -1 when it is not closed. */
function groupEnd(source: string, open: number): number {
  let depth = 0;
  let inClass = false;
  for (let i = open; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
  }
  return -1;
}

/**
 * The literal every match of the regex `source` begins with ('' when none can be proved), read as
 * the header says; ASCII only.
 */
export function leadingLiteral(source: string): string {
  let i = 0;
  const enclosing: number[] = [];
  for (;;) {
    if (source.startsWith('(?<=', i) || source.startsWith('(?<!', i)) {
      const end = groupEnd(source, i);
      if (end < 0) return '';
      i = end;
    } else if (source.startsWith('(?:', i)) {
      enclosing.push(i);
      i += 3;
    } else if (source[i] === '(' && source[i + 1] !== '?') {
      enclosing.push(i);
      i += 1;
    } else break;
  }
  let literal = '';
  for (; i < source.length; ) {
    const c = source[i] ?? '';
    if (PLAIN.test(c)) {
      literal += c;
      i++;
    } else if (c === '\\' && /[^A-Za-z0-9]/.test(source[i + 1] ?? 'a') && (source.charCodeAt(i + 1) ?? 128) < 128) {
      literal += source[i + 1];
      i += 2;
    } else break;
  }
  // A quantifier other than `+` may leave out the literal's last character.
  if (/^[?*{]/.test(source.slice(i))) literal = literal.slice(0, -1);
  if (literal === '') return '';
  // No alternative at the top level or directly inside a group around the literal; no such group optional.
  const around = new Set([-1, ...enclosing]);
  const open: number[] = [];
  let inClass = false;
  for (let j = 0; j < source.length; j++) {
    const c = source[j];
    if (c === '\\') j++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') open.push(j);
    else if (c === ')') {
      const at = open.pop();
      if (at !== undefined && around.has(at) && /^[?*{]/.test(source.slice(j + 1))) return '';
    } else if (c === '|' && around.has(open[open.length - 1] ?? -1)) return '';
  }
  return literal;
}

const anchored = new WeakMap<Rule, RegExp | null>();

/**
 * A sticky copy of `rule`'s regex when every match begins with one of its keywords (then the rule
 * is tried only at its hits), else null. Rules in the linear-time engine (custom rules) are not
 * anchored: their regex class has no sticky mode.
 */
export function anchoredRegex(rule: Rule): RegExp | null {
  let re = anchored.get(rule);
  if (re === undefined) {
    const literal = rule.spec.linear ? '' : leadingLiteral(rule.regex.source).toLowerCase();
    re = literal !== '' && rule.keywords.some((k) => k !== '' && literal.startsWith(k)) ? new RegExp(rule.regex.source, `${rule.regex.flags}y`) : null;
    anchored.set(rule, re);
  }
  return re;
}
