// Materialises a string from a regex, as peer rule files do with `secrets.NewSecret(regex)`. Covers
// the subset those files use: literals, escapes, classes, groups with alternation and quantifiers.
// Anything else throws, and the caller counts the case as not extractable. Seeded: reproducible.

import { mulberry32 } from '../../src/rules/examples.ts';

type Node = { kind: 'chars'; set: string } | { kind: 'lit'; text: string } | { kind: 'alt'; options: Node[][] } | { kind: 'rep'; node: Node; min: number; max: number };

/** How many extra repetitions an unbounded quantifier (`*`, `+`, `{n,}`) gets at most. */
const UNBOUNDED_EXTRA = 8;

const range = (a: string, b: string): string => {
  let s = '';
  for (let c = a.charCodeAt(0); c <= b.charCodeAt(0); c++) s += String.fromCharCode(c);
  return s;
};
const DIGITS = range('0', '9');
const WORD = range('a', 'z') + range('A', 'Z') + DIGITS + '_';
const PRINTABLE = range(' ', '~');

/** A seeded PRNG: the one the rules' example generators use. */
export const rng = mulberry32;

class Parser {
  i = 0;
  readonly src: string;
  constructor(src: string) {
    this.src = src;
  }

  peek(): string | undefined {
    return this.src[this.i];
  }

  alternation(): Node {
    const options: Node[][] = [this.sequence()];
    while (this.peek() === '|') {
      this.i++;
      options.push(this.sequence());
    }
    return { kind: 'alt', options };
  }

  sequence(): Node[] {
    const seq: Node[] = [];
    for (let c = this.peek(); c !== undefined && c !== '|' && c !== ')'; c = this.peek()) {
      const atom = this.atom();
      if (atom) seq.push(this.quantified(atom));
    }
    return seq;
  }

  atom(): Node | undefined {
    const c = this.src[this.i++] ?? '';
    if (c === '^' || c === '$') return undefined;
    if (c === '.') return { kind: 'chars', set: WORD };
    if (c === '[') return this.charClass();
    if (c === '\\') return this.escape(false);
    if (c === '(') {
      if (this.src.startsWith('?', this.i)) {
        const flags = /^\?(?:P?<[A-Za-z_][A-Za-z0-9_]*>|[imsU-]*:|[imsU-]*\))/.exec(this.src.slice(this.i));
        if (!flags) throw new Error(`unsupported group at ${this.i}`);
        this.i += flags[0].length;
        if (flags[0].endsWith(')')) return undefined;
      }
      const alt = this.alternation();
      if (this.src[this.i++] !== ')') throw new Error('unclosed group');
      return alt;
    }
    if (c === '*' || c === '+' || c === '?' || c === '{') throw new Error(`dangling quantifier ${c}`);
    return { kind: 'lit', text: c };
  }

  escape(inClass: boolean): Node | undefined {
    const e = this.src[this.i++] ?? '';
    if (e === 'w') return { kind: 'chars', set: WORD };
    if (e === 'd') return { kind: 'chars', set: DIGITS };
    if (e === 's') return { kind: 'chars', set: ' ' };
    if (e === 'n') return { kind: 'lit', text: '\n' };
    if (e === 't') return { kind: 'lit', text: '\t' };
    if (e === 'x') {
      const hex = /^[0-9a-fA-F]{2}/.exec(this.src.slice(this.i))?.[0];
      if (!hex) throw new Error('bad \\x');
      this.i += 2;
      return { kind: 'lit', text: String.fromCharCode(parseInt(hex, 16)) };
    }
    if (!inClass && (e === 'b' || e === 'B' || e === 'A' || e === 'z')) return undefined;
    if (/[A-Za-z0-9]/.test(e)) throw new Error(`unsupported escape \\${e}`);
    return { kind: 'lit', text: e };
  }

  charClass(): Node {
    let negate = false;
    if (this.peek() === '^') {
      negate = true;
      this.i++;
    }
    let set = '';
    let first = true;
    while (this.peek() !== ']' || first) {
      first = false;
      const c = this.src[this.i++];
      if (c === undefined) throw new Error('unclosed class');
      let item: string;
      if (c === '\\') {
        const node = this.escape(true);
        item = node?.kind === 'chars' ? node.set : node?.kind === 'lit' ? node.text : '';
        if (node?.kind === 'chars') {
          set += item;
          continue;
        }
      } else if (c === '[' && this.src.startsWith(':', this.i)) {
        const end = this.src.indexOf(':]', this.i);
        const name = this.src.slice(this.i + 1, end);
        this.i = end + 2;
        set += name === 'alnum' ? WORD.replace('_', '') : name === 'digit' ? DIGITS : name === 'alpha' ? range('a', 'z') + range('A', 'Z') : name === 'xdigit' ? DIGITS + 'abcdef' : WORD;
        continue;
      } else item = c;
      if (this.peek() === '-' && this.src[this.i + 1] !== ']') {
        this.i++;
        let hi = this.src[this.i++] ?? '';
        if (hi === '\\') hi = this.src[this.i++] ?? '';
        set += range(item, hi);
      } else set += item;
    }
    this.i++;
    if (negate) set = [...PRINTABLE].filter((ch) => !set.includes(ch) && ch !== ' ').join('');
    if (!set) throw new Error('empty class');
    return { kind: 'chars', set };
  }

  quantified(node: Node): Node {
    const rest = this.src.slice(this.i);
    const m = /^(?:\*|\+|\?|\{(\d+)(,(\d*))?\})\??/.exec(rest);
    if (!m) return node;
    this.i += m[0].length;
    const q = m[0][0];
    if (q === '*') return { kind: 'rep', node, min: 0, max: UNBOUNDED_EXTRA };
    if (q === '+') return { kind: 'rep', node, min: 1, max: 1 + UNBOUNDED_EXTRA };
    if (q === '?') return { kind: 'rep', node, min: 0, max: 1 };
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : m[3] ? Number(m[3]) : min + UNBOUNDED_EXTRA;
    return { kind: 'rep', node, min, max };
  }
}

function emit(node: Node, rand: () => number): string {
  const pick = (n: number): number => Math.floor(rand() * n);
  switch (node.kind) {
    case 'lit':
      return node.text;
    case 'chars':
      return node.set[pick(node.set.length)] ?? '';
    case 'alt': {
      const seq = node.options[pick(node.options.length)] ?? [];
      return seq.map((n) => emit(n, rand)).join('');
    }
    case 'rep': {
      const count = node.min + pick(node.max - node.min + 1);
      let s = '';
      for (let k = 0; k < count; k++) s += emit(node.node, rand);
      return s;
    }
  }
}

/** One string matching `regex` (the supported subset), drawn from `rand`. Throws on other syntax. */
export function generateFromRegex(regex: string, rand: () => number): string {
  const p = new Parser(regex);
  const root = p.alternation();
  if (p.i < regex.length) throw new Error(`unexpected ${regex[p.i]} at ${p.i}`);
  return emit(root, rand);
}
