// Rules whose every match begins with one of their own keywords ("anchored" rules, e.g. `pat…` of
// Airtable): the detector tries such a rule's regex only at its keyword hits (sticky) instead of
// scanning each window character by character, which finds the same matches, since a global scan's
// leftmost match from any point starts at some hit and is the one a sticky try there gives.
// The proof is read from the pattern's start: lookbehinds and `\b` (zero-width) and group openings
// are passed over, then a literal is read that must begin with a keyword, case-folded; no `|` may sit at
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
    if (source.startsWith('\\b', i)) i += 2;
    else if (source.startsWith('(?<=', i) || source.startsWith('(?<!', i)) {
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

/** A one-character atom: a class, an escape (no backreference or boundary), or a plain character. */
const ONE_CHAR = /^(?:\[\^?(?:\\.|[^\]\\])*\]|\\[^1-9kbB]|[^\\()[\]|*+?{}.^$])$/;

/**
 * A lookbehind or `\b` at the start of a pattern, kept by withoutAssertions because it decides the
 * same at a hit in any window as in the text: the character before a hit at a window's start is a
 * newline (or there is none), and a `\b` or a negative lookbehind that a newline passes passes
 * there too (a positive one needs a character the window has).
 */
function leadingCheck(source: string, at: number, flags: string): number {
  if (source.startsWith('\\b', at)) return at + 2;
  const negative = source.startsWith('(?<!', at);
  if (!negative && !source.startsWith('(?<=', at)) return -1;
  const end = groupEnd(source, at);
  const atom = end < 0 ? '' : source.slice(at + 4, end - 1);
  if (!ONE_CHAR.test(atom)) return -1;
  if (negative && new RegExp(atom, flags.replace(/[gdy]/g, '')).test('\n')) return -1;
  return end;
}

/**
 * `source` with its assertions left out: lookaheads, lookbehinds, `^`, `$`, `\b`, `\B` (outside
 * classes), but for the checks at its very start that leadingCheck keeps; undefined when that is not
 * sound to do: a backreference (a match's text would depend on a group), an assertion under a
 * quantifier, an unclosed group. Tried at a hit of a text, the result matches wherever the pattern
 * matches at that hit in a window of the text: every path of such a match is one of its paths,
 * with fewer checks, over the same characters.
 */
export function withoutAssertions(source: string, flags = ''): string | undefined {
  let out = '';
  let i = 0;
  for (let kept = leadingCheck(source, 0, flags); kept > 0; kept = leadingCheck(source, i, flags)) {
    out += source.slice(i, kept);
    i = kept;
  }
  let inClass = false;
  const quantified = (at: number): boolean => /^[?*+{]/.test(source.slice(at, at + 1));
  while (i < source.length) {
    const c = source[i] ?? '';
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      if (!inClass && (next === 'b' || next === 'B')) {
        if (quantified(i + 2)) return undefined;
        i += 2;
        continue;
      }
      if (/[1-9k]/.test(next)) return undefined;
      out += c + next;
      i += 2;
    } else if (inClass) {
      out += c;
      inClass = c !== ']';
      i++;
    } else if (c === '[') {
      out += c;
      inClass = true;
      i++;
    } else if (c === '^' || c === '$') {
      if (quantified(i + 1)) return undefined;
      i++;
    } else if (source.startsWith('(?=', i) || source.startsWith('(?!', i) || source.startsWith('(?<=', i) || source.startsWith('(?<!', i)) {
      const end = groupEnd(source, i);
      if (end < 0 || quantified(end)) return undefined;
      i = end;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/**
 * True when a match of `source` may run on past its line for long: some class, escape or `.` of it
 * matches a newline, and some quantifier is unbounded or allows more than 256 repeats. Tried at a
 * hit of a whole text, such a pattern could read far beyond the hit's window.
 */
export function readsFar(source: string, flags: string): boolean {
  const f = flags.replace(/[gdy]/g, '');
  let newline = false;
  let long = false;
  for (let i = 0; i < source.length; ) {
    const c = source[i] ?? '';
    let atom = '';
    if (c === '[') {
      let j = i + 1;
      while (j < source.length && source[j] !== ']') j += source[j] === '\\' ? 2 : 1;
      atom = source.slice(i, j + 1);
    } else if (c === '\\') atom = source.slice(i, i + 2);
    else if (c === '.') atom = '.';
    else if (c === '*' || c === '+') long = true;
    else if (c === '{') {
      const q = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
      if (q && q[2] !== undefined && (q[3] === '' || Number(q[3]) > 256)) long = true;
    }
    i += Math.max(1, atom.length);
    if (atom !== '' && !/^\\[1-9kbB]$/.test(atom) && new RegExp(atom, f).test('\n')) newline = true;
  }
  return newline && long;
}

const relaxed = new WeakMap<Rule, RegExp | null>();

/**
 * For an anchored rule (anchoredRegex), a sticky regex that matches at a hit of the whole text
 * whenever the rule's regex matches there in any window of that text: its pattern without
 * assertions (withoutAssertions). A hit where it fails is one where the rule cannot match, known
 * without the window's line bounds. Not for a pattern that readsFar: run on the whole text, it
 * could read far past the window. Null when none is built.
 */
export function relaxedRegex(rule: Rule): RegExp | null {
  let re = relaxed.get(rule);
  if (re === undefined) {
    re = null;
    const { flags } = rule.regex;
    const source = anchoredRegex(rule) ? withoutAssertions(rule.regex.source, flags) : undefined;
    if (source !== undefined && !readsFar(source, flags)) {
      try {
        re = new RegExp(source, `${flags.replace(/[gd]/g, '')}y`);
      } catch {
        re = null;
      }
    }
    relaxed.set(rule, re);
  }
  return re;
}
