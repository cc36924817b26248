// Does every match of a rule's regex hold one of its keywords? The keyword prefilter runs a rule only
// where one of its keywords is (within the rule's reach), so a regex that can match text holding
// none of them has a form the scan never looks for: a silent miss. This reads the regex's syntax
// tree and proves, where it can, that each match holds a keyword (case-folded, as the prefilter
// compares): along every path through the pattern, the literal characters the match must hold in a
// row spell one. It is sound, not complete: "proved" is always true; "not proved" can be a rule
// whose keyword is context (a header line, `kind: Secret`), which the rule declares
// (test/rules/keyword-coverage.test.ts lists them).
// Semantics are V8's without the `u` flag, as built-in rules compile: only A–Z and a–z fold into
// each other, and no other character folds to an ASCII one. (RE2, which runs user patterns, also
// folds `K` (Kelvin) to `k`; this analysis is for the built-in rules.)
import { parseRegex, type RegexNode } from './safety/regex-ast.ts';

/** Sets of runs are kept up to this size; a larger one is treated as open. */
const MAX_RUNS = 512;
/** A character class of at most this many characters (case-folded) is read as a set of literals. */
const MAX_CLASS = 6;
/** A repeat's required count is unrolled up to this many times. */
const MAX_REPEAT = 4;
/** A repeat's further counts are followed for this many rounds at most (runs new in each). */
const MAX_ROUNDS = 64;
/** Sketches are cut to this length. */
const SKETCH = 120;

/**
 * True when every match of `source` holds one of `keywords`, case-folded; see `keywordEscape`.
 */
export function matchesHoldKeyword(source: string, keywords: readonly string[]): boolean {
  return keywordEscape(source, keywords) === undefined;
}

/**
 * A sketch of a match that need not hold any of `keywords` (literal characters as they are, others
 * as their regex source), or undefined when every match holds one. The pattern is walked with the
 * set of literal runs a match can have spelled since it last held a keyword (only each run's last
 * few characters, enough to begin the longest keyword); a run that spells a keyword leaves the set.
 * An empty set at the end: every path through the pattern holds one. A character that is not one
 * of a few (a wide class, `.`, `\w`) ends every run, which only makes a proof harder, never wrong.
 * A positive lookaround whose text holds a keyword proves the path: that text is in the file too.
 * With no keyword, every match escapes ('').
 * `exact`: for a pattern without the `i` flag, nothing is folded: the proof is that every match holds
 * one of `keywords` spelled exactly so (`KEY` and not `key`), as src/core/case-hits.ts needs.
 */
export function keywordEscape(source: string, keywords: readonly string[], options: { exact?: boolean } = {}): string | undefined {
  const exact = options.exact === true;
  const kws = keywords.map((k) => (exact ? k : k.toLowerCase())).filter((k) => k.length > 0);
  if (kws.length === 0) return '';
  // Modifier groups (`(?i:…)`) would fold a part of the pattern: not read exactly.
  if (exact && /\(\?[a-z]*-?[a-z]*:/.test(source.replace(/\(\?<?[=!:]/g, ''))) return '';
  const ctx: Ctx = { kws, tail: Math.max(...kws.map((k) => k.length)) - 1, fold: !exact };
  const left = walk(parseRegex(source), START, ctx);
  return left.size === 0 ? undefined : [...left.values()][0];
}

interface Ctx {
  /** Lower-cased unless exact. */
  kws: string[];
  /** Characters are folded (A–Z into a–z), as the prefilter compares; false: as the pattern spells them (no `i` flag). */
  fold: boolean;
  /** Longest keyword length - 1: how much of a run can still begin a keyword. */
  tail: number;
}

/**
 * Runs not yet holding a keyword (their last `tail` characters), each with a sketch of a match that
 * spelled it. The run '' stands for "nothing known": a set holding it is never closer to a proof
 * than any other non-empty set, so giving up on a set by replacing it with {''} stays sound.
 */
type Runs = ReadonlyMap<string, string>;

const NONE: Runs = new Map();
const START: Runs = new Map([['', '']]);

/** The runs not yet holding a keyword after `node`, from `runs` before it. */
function walk(node: RegexNode, runs: Runs, ctx: Ctx): Runs {
  if (runs.size === 0) return runs;
  switch (node.type) {
    case 'assert':
      return runs;
    case 'backref':
      return open(runs, node.src);
    case 'char': {
      const chars = classChars(node.src, ctx.fold);
      return chars ? extend(runs, chars, node.src, ctx) : open(runs, node.src);
    }
    case 'group': {
      if (!node.lookaround) return walk(node.body, runs, ctx);
      // (?=x) and (?<=x): x is in the text; a keyword there is the match's keyword. (?!x), (?<!x)
      // hold nothing. Neither consumes: the runs go on past it.
      const positive = node.src.startsWith('(?=') || node.src.startsWith('(?<=');
      return positive && walk(node.body, START, ctx).size === 0 ? NONE : runs;
    }
    case 'alt':
      return union(node.alts.map((a) => walk(a, runs, ctx)));
    case 'seq':
      return node.items.reduce((r, item) => walk(item, r, ctx), runs);
    case 'quant':
      return repeat(node, runs, ctx);
  }
}

/** Runs about which nothing is known: the match may have spelled anything, so '' stands for all of them. */
function open(runs: Runs, src: string): Runs {
  const sketch = [...runs.values()][0] ?? '';
  return new Map([['', (sketch + src).slice(0, SKETCH)]]);
}

/** The runs after one character that is one of `chars` (src: its regex text, for a sketch if given up). */
function extend(runs: Runs, chars: readonly string[], src: string, ctx: Ctx): Runs {
  const next = new Map<string, string>();
  for (const [r, sketch] of runs) {
    for (const c of chars) {
      const run = r + c;
      if (ctx.kws.some((k) => run.endsWith(k))) continue;
      const key = run.length > ctx.tail ? run.slice(run.length - ctx.tail) : run;
      if (!next.has(key)) next.set(key, (sketch + c).slice(0, SKETCH));
      if (next.size > MAX_RUNS) return open(runs, src);
    }
  }
  return next;
}

function union(sets: readonly Runs[]): Runs {
  const out = new Map<string, string>();
  for (const s of sets) for (const [r, sketch] of s) if (!out.has(r)) out.set(r, sketch);
  return out.size > MAX_RUNS ? open(out, '') : out;
}

/**
 * A repeat: its body `min` times, then every run after any further count allowed. Those are found
 * breadth first: each round walks the body from the runs new in the round before only (a run is its
 * last `tail` characters, so one seen before leads nowhere new), until none is new (`(?:ab)*` is
 * done after two rounds), the count reaches `max`, or MAX_ROUNDS rounds leave it open.
 */
function repeat(q: Extract<RegexNode, { type: 'quant' }>, runs: Runs, ctx: Ctx): Runs {
  // One unknown character repeated ([a-f0-9]{32}): nothing known after one, and none may be there.
  if (q.body.type === 'char' && !classChars(q.body.src, ctx.fold)) return q.min > 0 ? open(runs, q.src) : union([runs, open(runs, q.src)]);
  // A literal character repeated (A{22}) is cheap to follow as far as the longest keyword.
  const required = q.body.type === 'char' && classChars(q.body.src, ctx.fold)?.length === 1 ? Math.max(MAX_REPEAT, ctx.tail + 1) : MAX_REPEAT;
  let r = runs;
  for (let i = 0; i < q.min; i++) {
    if (i === required) return open(runs, q.src);
    r = walk(q.body, r, ctx);
    if (r.size === 0) return r;
  }
  const all = new Map(r);
  let fresh: Runs = r;
  for (let i = q.min; i < q.max && fresh.size > 0; i++) {
    if (i - q.min === MAX_ROUNDS) return union([all, open(runs, q.src)]);
    const next = new Map<string, string>();
    for (const [run, sketch] of walk(q.body, fresh, ctx)) {
      if (all.has(run)) continue;
      all.set(run, sketch);
      next.set(run, sketch);
    }
    if (all.size > MAX_RUNS) return open(runs, q.src);
    fresh = next;
  }
  return all;
}

/**
 * The characters (lower-cased, unless `fold` is false) a one-character matcher's source stands for,
 * when few and all ASCII; undefined otherwise (any character, as far as a proof is concerned).
 */
export function classChars(src: string, fold = true): string[] | undefined {
  let chars: string[] | undefined;
  if (src === '.') return undefined;
  if (src.startsWith('[')) chars = bracketChars(src, fold);
  else if (src.startsWith('\\')) {
    const c = escapedChar(src.slice(1));
    chars = c === undefined ? undefined : [c];
  } else chars = src.length === 1 ? [src] : undefined;
  // A non-ASCII character may fold in ways toLowerCase does not tell (and the prefilter folds A–Z only).
  if (!chars || chars.some((c) => c.length !== 1 || c.charCodeAt(0) > 0x7f)) return undefined;
  return [...new Set(fold ? chars.map(foldAscii) : chars)];
}

function foldAscii(c: string): string {
  return c >= 'A' && c <= 'Z' ? c.toLowerCase() : c;
}

/**
 * The character an escape (without its backslash) stands for, or undefined for a class such as \d
 * or \s, and for the escapes whose meaning depends on what follows: \0 (`\01` is an octal escape),
 * \c, \x and \u without their digits, and letters.
 */
function escapedChar(esc: string): string | undefined {
  if (esc === 'n') return '\n';
  if (esc === 'r') return '\r';
  if (esc === 't') return '\t';
  if (esc === 'f') return '\f';
  if (esc === 'v') return '\v';
  const hex = /^x([0-9a-fA-F]{2})$/.exec(esc) ?? /^u([0-9a-fA-F]{4})$/.exec(esc);
  if (hex) return String.fromCharCode(Number.parseInt(hex[1]!, 16));
  if (esc.length === 1 && !/[A-Za-z0-9]/.test(esc)) return esc;
  return undefined;
}

/** The characters of a `[...]` class (as written, not folded), or undefined for a negated or wide one. */
function bracketChars(src: string, fold: boolean): string[] | undefined {
  if (src.startsWith('[^') || !src.endsWith(']')) return undefined;
  const body = src.slice(1, -1);
  const out = new Set<string>();
  let i = 0;
  const next = (): string | undefined => {
    if (body[i] === '\\') {
      const kind = body[i + 1];
      const len = kind === 'x' ? 3 : kind === 'u' ? 5 : 1;
      const c = escapedChar(body.slice(i + 1, i + 1 + len));
      i += 1 + len;
      return c;
    }
    return body[i++];
  };
  while (i < body.length) {
    const from = next();
    if (from === undefined) return undefined;
    if (body[i] === '-' && i + 1 < body.length) {
      i++;
      const to = next();
      if (to === undefined) return undefined;
      if (to.charCodeAt(0) - from.charCodeAt(0) >= MAX_CLASS) return undefined;
      for (let c = from.charCodeAt(0); c <= to.charCodeAt(0); c++) out.add(String.fromCharCode(c));
    } else out.add(from);
    // Folded, A and a are one character of the class.
    if ((fold ? new Set([...out].map(foldAscii)) : out).size > MAX_CLASS) return undefined;
  }
  return [...out];
}
