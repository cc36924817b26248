// A small parser for JavaScript regex sources (non-unicode mode, as keywarden compiles rules), enough
// to reason about backtracking: sequences, alternations, groups, quantifiers and single-character
// matchers. It assumes the source already compiled with `new RegExp`, so it is lenient on syntax.

/** One node of a parsed regex. `char` nodes match exactly one character; `src` is their regex text. */
export type RegexNode =
  | { type: 'seq'; items: RegexNode[] }
  | { type: 'alt'; alts: RegexNode[] }
  | { type: 'group'; body: RegexNode; lookaround: boolean; src: string }
  | { type: 'char'; src: string }
  | { type: 'assert'; src: string }
  | { type: 'backref'; src: string }
  | { type: 'quant'; body: RegexNode; min: number; max: number; src: string };

/** Parses a regex source into a tree. Never throws on sources that `new RegExp` accepts. */
export function parseRegex(source: string): RegexNode {
  const state = { s: source, i: 0 };
  return parseAlt(state);
}

interface State {
  s: string;
  i: number;
}

function parseAlt(st: State): RegexNode {
  const alts: RegexNode[] = [parseSeq(st)];
  while (st.s[st.i] === '|') {
    st.i++;
    alts.push(parseSeq(st));
  }
  return alts.length === 1 ? alts[0]! : { type: 'alt', alts };
}

function parseSeq(st: State): RegexNode {
  const items: RegexNode[] = [];
  while (st.i < st.s.length && st.s[st.i] !== '|' && st.s[st.i] !== ')') {
    const start = st.i;
    const atom = parseAtom(st);
    items.push(parseQuantifier(st, atom, start));
  }
  return { type: 'seq', items };
}

function parseAtom(st: State): RegexNode {
  const c = st.s[st.i] ?? '';
  if (c === '(') return parseGroup(st);
  if (c === '[') return { type: 'char', src: readClass(st) };
  if (c === '\\') return parseEscape(st);
  st.i++;
  if (c === '^' || c === '$') return { type: 'assert', src: c };
  return { type: 'char', src: c === '.' ? '.' : escapeLiteral(c) };
}

function parseGroup(st: State): RegexNode {
  const start = st.i;
  const rest = st.s.slice(st.i);
  let lookaround = false;
  if (/^\(\?(?:=|!|<=|<!)/.test(rest)) {
    lookaround = true;
    st.i += rest.startsWith('(?<') ? 4 : 3;
  } else if (rest.startsWith('(?<')) {
    st.i = st.s.indexOf('>', st.i) + 1;
  } else if (rest.startsWith('(?')) {
    st.i = st.s.indexOf(':', st.i) + 1;
  } else {
    st.i++;
  }
  const body = parseAlt(st);
  st.i++;
  return { type: 'group', body, lookaround, src: st.s.slice(start, st.i) };
}

function readClass(st: State): string {
  const start = st.i;
  st.i++;
  if (st.s[st.i] === '^') st.i++;
  while (st.i < st.s.length && st.s[st.i] !== ']') st.i += st.s[st.i] === '\\' ? 2 : 1;
  st.i++;
  return st.s.slice(start, st.i);
}

function parseEscape(st: State): RegexNode {
  const rest = st.s.slice(st.i);
  const next = rest[1] ?? '';
  if (next === 'b' || next === 'B') {
    st.i += 2;
    return { type: 'assert', src: rest.slice(0, 2) };
  }
  const named = /^\\k<[^>]+>/.exec(rest);
  if (named) {
    st.i += named[0].length;
    return { type: 'backref', src: named[0] };
  }
  if (/[1-9]/.test(next)) {
    const m = /^\\\d+/.exec(rest)!;
    st.i += m[0].length;
    return { type: 'backref', src: m[0] };
  }
  const m = /^\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|c[A-Za-z]|0|[\s\S])/.exec(rest)!;
  st.i += m[0].length;
  return { type: 'char', src: m[0] };
}

function parseQuantifier(st: State, atom: RegexNode, start: number): RegexNode {
  const rest = st.s.slice(st.i);
  const m = /^(?:([*+?])|\{(\d+)(,(\d*))?\})\??/.exec(rest);
  if (!m || atom.type === 'assert') return atom;
  st.i += m[0].length;
  let min: number;
  let max: number;
  if (m[1] === '*') [min, max] = [0, Infinity];
  else if (m[1] === '+') [min, max] = [1, Infinity];
  else if (m[1] === '?') [min, max] = [0, 1];
  else {
    min = Number(m[2]);
    max = m[3] === undefined ? min : m[4] === '' ? Infinity : Number(m[4]);
  }
  return { type: 'quant', body: atom, min, max, src: st.s.slice(start, st.i) };
}

function escapeLiteral(c: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(c) ? `\\${c}` : c;
}

/** The regex text of a node (for error messages). */
export function nodeSource(node: RegexNode): string {
  switch (node.type) {
    case 'seq':
      return node.items.map(nodeSource).join('');
    case 'alt':
      return node.alts.map(nodeSource).join('|');
    default:
      return node.src;
  }
}
