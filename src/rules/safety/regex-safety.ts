// Static check of user-supplied regexes for catastrophic (exponential) backtracking. Two shapes are
// reported, both only inside a group that repeats (`+`, `*`, `{n,}` or `{n,m}` with m > 2):
//   - nested quantifier: a variable-length quantifier whose characters can also begin what follows it
//     in the repetition (including the next repetition): `(a+)+`, `(\w+\s?)+`, `(a*b*)*`;
//   - overlapping alternation: a one-character alternative that another alternative can also match
//     where the repetition goes on: `(a|aa)+`, `(\w|\d)+`, `(?:\\.|[^"])*`.
// Either makes a failing match try exponentially many ways to split the input. `(?:[a-z]+\.)+` passes:
// the `.` that must follow `[a-z]+` cannot be one of its characters. The runtime probe
// (regex-probe.ts) backs this up for shapes the analysis does not model (backreferences, lookarounds).
import { ANY, EMPTY, charSetOf, type CharSet } from './char-sets.ts';
import { nodeSource, parseRegex, type RegexNode } from './regex-ast.ts';

/** Why a regex was judged unsafe: the offending part and the repetition that contains it. */
export interface RegexHazard {
  kind: 'nested-quantifier' | 'overlapping-alternation';
  /** Source text of the offending quantifier or alternative. */
  part: string;
  /** Source text of the repeated group that contains it. */
  within: string;
}

/** The first catastrophic-backtracking hazard in `source`, or undefined when none is found. */
export function findRegexHazard(source: string, flags = ''): RegexHazard | undefined {
  const analysis = new Analysis(flags.replace(/[^is]/g, ''));
  let found: RegexHazard | undefined;
  analysis.visit(parseRegex(source), EMPTY, undefined, (h) => {
    found ??= h;
  });
  return found;
}

/** One sentence describing a hazard, for error messages. */
export function describeHazard(h: RegexHazard): string {
  if (h.kind === 'nested-quantifier') {
    return `nested quantifier: ${h.part} inside the repeated ${h.within} can match the same characters as what follows it, so a failing match tries exponentially many ways to split the input (make the repeated parts unable to overlap, e.g. end each one with a character it cannot contain, or drop the outer repetition)`;
  }
  return `overlapping alternation: in the repeated ${h.within}, ${h.part} can match the same text in more than one way, so a failing match tries exponentially many combinations (make the alternatives start with different characters)`;
}

/** Parts of an alternative: a first single-character matcher and the rest (when it has that shape). */
interface Split {
  head: CharSet;
  rest: RegexNode | undefined;
}

class Analysis {
  private readonly flags: string;

  constructor(flags: string) {
    this.flags = flags;
  }

  /** Walks `node`, knowing which characters may follow it and the repeated group it sits in, if any. */
  visit(node: RegexNode, follow: CharSet, within: string | undefined, report: (h: RegexHazard) => void): void {
    switch (node.type) {
      case 'seq': {
        let f = follow;
        for (let k = node.items.length - 1; k >= 0; k--) {
          const item = node.items[k]!;
          this.visit(item, f, within, report);
          f = this.nullable(item) ? f | this.first(item) : this.first(item);
        }
        return;
      }
      case 'alt':
        if (within) this.checkAlternation(node.alts, follow, within, report);
        for (const a of node.alts) this.visit(a, follow, within, report);
        return;
      case 'group':
        if (node.lookaround) this.visit(node.body, EMPTY, undefined, report);
        else this.visit(node.body, follow, within, report);
        return;
      case 'quant':
        this.visitQuantifier(node, follow, within, report);
        return;
      default:
        return;
    }
  }

  private visitQuantifier(node: Extract<RegexNode, { type: 'quant' }>, follow: CharSet, within: string | undefined, report: (h: RegexHazard) => void): void {
    if (within && node.max > node.min && node.max > 1 && (this.chars(node.body) & follow) !== EMPTY) {
      report({ kind: 'nested-quantifier', part: node.src, within });
    }
    const repeats = node.max > 2;
    const inner = node.max > 1 ? follow | this.first(node.body) : follow;
    this.visit(node.body, inner, repeats ? (within ?? node.src) : within, report);
  }

  /** A one-character alternative that another alternative can also match, with the loop going on. */
  private checkAlternation(alts: RegexNode[], follow: CharSet, within: string, report: (h: RegexHazard) => void): void {
    for (const [i, alt] of alts.entries()) {
      const single = this.singleChar(alt);
      if (single === undefined) continue;
      for (const [j, otherAlt] of alts.entries()) {
        if (i === j) continue;
        const other = this.split(otherAlt);
        if ((other.head & single) === EMPTY) continue;
        const restFirst = other.rest ? this.first(other.rest) : EMPTY;
        const restNullable = other.rest ? this.nullable(other.rest) : true;
        if (restNullable || (restFirst & follow) !== EMPTY) {
          report({ kind: 'overlapping-alternation', part: `the alternatives ${show(alt)} and ${show(otherAlt)}`, within });
          return;
        }
      }
    }
  }

  /** The character set of an alternative that always matches exactly one character. */
  private singleChar(node: RegexNode): CharSet | undefined {
    if (node.type === 'char') return charSetOf(node.src, this.flags);
    if (node.type === 'seq' && node.items.length === 1) return this.singleChar(node.items[0]!);
    if (node.type === 'group' && !node.lookaround) return this.singleChar(node.body);
    return undefined;
  }

  private split(node: RegexNode): Split {
    if (node.type === 'char') return { head: charSetOf(node.src, this.flags), rest: undefined };
    if (node.type === 'seq' && node.items[0]?.type === 'char') {
      return { head: charSetOf(node.items[0].src, this.flags), rest: { type: 'seq', items: node.items.slice(1) } };
    }
    return { head: this.first(node), rest: node };
  }

  nullable(node: RegexNode): boolean {
    switch (node.type) {
      case 'seq':
        return node.items.every((n) => this.nullable(n));
      case 'alt':
        return node.alts.some((n) => this.nullable(n));
      case 'group':
        return node.lookaround || this.nullable(node.body);
      case 'quant':
        return node.min === 0 || this.nullable(node.body);
      case 'char':
        return false;
      default:
        return true;
    }
  }

  /** Characters that can begin a match of `node`. */
  first(node: RegexNode): CharSet {
    switch (node.type) {
      case 'seq': {
        let set = EMPTY;
        for (const n of node.items) {
          set |= this.first(n);
          if (!this.nullable(n)) break;
        }
        return set;
      }
      case 'alt':
        return node.alts.reduce((s, n) => s | this.first(n), EMPTY);
      case 'group':
        return node.lookaround ? EMPTY : this.first(node.body);
      case 'quant':
        return node.max === 0 ? EMPTY : this.first(node.body);
      case 'char':
        return charSetOf(node.src, this.flags);
      default:
        return EMPTY;
    }
  }

  /** Every character a match of `node` can consume. */
  chars(node: RegexNode): CharSet {
    switch (node.type) {
      case 'seq':
        return node.items.reduce((s, n) => s | this.chars(n), EMPTY);
      case 'alt':
        return node.alts.reduce((s, n) => s | this.chars(n), EMPTY);
      case 'group':
        return node.lookaround ? EMPTY : this.chars(node.body);
      case 'quant':
        return this.chars(node.body);
      case 'char':
        return charSetOf(node.src, this.flags);
      case 'backref':
        return ANY;
      default:
        return EMPTY;
    }
  }
}

function show(node: RegexNode): string {
  const text = nodeSource(node);
  return text ? `\`${text}\`` : 'the empty alternative';
}
