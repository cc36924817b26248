// Evaluates the Go expressions that peer rule files build their `tps`/`fps` lists from: string
// literals and `+`, `[]string{…}`, `map[string]string{…}`, `append`, `fmt.Sprintf`, `strings.*`,
// base64, the `utils.*` pattern helpers and `secrets.NewSecret*` (materialised by regex-gen.ts).
// An element that cannot be evaluated is counted, not guessed.
import { generateFromRegex } from './regex-gen.ts';
import type { Token } from './go-tokens.ts';

export type Node =
  | { t: 'str'; v: string }
  | { t: 'num'; v: number }
  | { t: 'ref'; name: string }
  | { t: 'call'; fn: string; args: Node[] }
  | { t: 'list'; items: Node[] }
  | { t: 'map'; entries: Array<[Node, Node]> }
  | { t: 'concat'; parts: Node[] }
  | { t: 'spread'; of: Node };

export type Value = string | number | string[] | Array<[string, string]>;

export class NotExtractable extends Error {}

/** Recursive-descent parser over a token slice. Throws NotExtractable on syntax it does not know. */
export class ExprParser {
  i = 0;
  readonly toks: readonly Token[];
  constructor(toks: readonly Token[]) {
    this.toks = toks;
  }

  private peek(k = 0): Token | undefined {
    return this.toks[this.i + k];
  }
  private is(v: string, k = 0): boolean {
    const t = this.peek(k);
    return t !== undefined && t.kind === 'punct' && t.value === v;
  }
  private expect(v: string): void {
    if (!this.is(v)) throw new NotExtractable(`expected ${v}, got ${this.peek()?.value ?? 'end'}`);
    this.i++;
  }
  private skipNewlines(): void {
    while (this.is(';')) this.i++;
  }

  expr(): Node {
    const parts = [this.unary()];
    while (this.is('+')) {
      this.i++;
      this.skipNewlines();
      parts.push(this.unary());
    }
    return parts.length === 1 ? (parts[0] as Node) : { t: 'concat', parts };
  }

  private unary(): Node {
    const t = this.peek();
    if (!t) throw new NotExtractable('unexpected end');
    if (t.kind === 'str') {
      this.i++;
      return { t: 'str', v: t.value };
    }
    if (t.kind === 'num') {
      this.i++;
      const v = Number(t.value.replace(/_/g, ''));
      if (Number.isNaN(v)) throw new NotExtractable(`number ${t.value}`);
      return { t: 'num', v };
    }
    if (this.is('(')) {
      this.i++;
      const e = this.expr();
      this.expect(')');
      return e;
    }
    if (this.is('[') && this.is(']', 1)) {
      this.i += 2;
      const type = this.typeName();
      if (this.is('(')) {
        // conversion such as []byte(x)
        this.i++;
        const arg = this.expr();
        this.expect(')');
        return arg;
      }
      if (type !== 'string') throw new NotExtractable(`[]${type} literal`);
      return { t: 'list', items: this.elements().map(([, v]) => v) };
    }
    if (t.kind === 'ident' && t.value === 'map') {
      this.i++;
      this.expect('[');
      this.typeName();
      this.expect(']');
      this.typeName();
      return { t: 'map', entries: this.elements().map(([k, v]) => { if (!k) throw new NotExtractable('map without key'); return [k, v]; }) };
    }
    if (t.kind === 'ident') {
      let name = t.value;
      this.i++;
      while (this.is('.') && this.peek(1)?.kind === 'ident') {
        name += '.' + (this.peek(1)?.value ?? '');
        this.i += 2;
      }
      if (this.is('(')) return { t: 'call', fn: name, args: this.args() };
      if (this.is('{') ) throw new NotExtractable(`composite literal ${name}`);
      return { t: 'ref', name };
    }
    throw new NotExtractable(`unexpected ${t.value}`);
  }

  private typeName(): string {
    let s = '';
    while (this.peek()?.kind === 'ident' || this.is('.') || this.is('*')) s += this.toks[this.i++]?.value ?? '';
    if (!s) throw new NotExtractable('type expected');
    return s;
  }

  private args(): Node[] {
    this.expect('(');
    const args: Node[] = [];
    this.skipNewlines();
    while (!this.is(')')) {
      let a = this.expr();
      if (this.is('...')) {
        this.i++;
        a = { t: 'spread', of: a };
      }
      args.push(a);
      this.skipNewlines();
      if (this.is(',')) this.i++;
      this.skipNewlines();
    }
    this.expect(')');
    return args;
  }

  /** `{ a, b, }` or `{ k: v, }`: each element is parsed separately so one bad element costs only itself. */
  private elements(): Array<[Node | undefined, Node]> {
    this.expect('{');
    const out: Array<[Node | undefined, Node]> = [];
    this.skipNewlines();
    while (!this.is('}')) {
      const start = this.i;
      try {
        let v = this.expr();
        let k: Node | undefined;
        if (this.is(':')) {
          this.i++;
          this.skipNewlines();
          k = v;
          v = this.expr();
        }
        out.push([k, v]);
      } catch (e) {
        if (!(e instanceof NotExtractable)) throw e;
        this.i = skipElement(this.toks, start);
        out.push([undefined, { t: 'call', fn: '<unparsed>', args: [] }]);
      }
      this.skipNewlines();
      if (this.is(',')) this.i++;
      this.skipNewlines();
    }
    this.expect('}');
    return out;
  }
}

/** Index of the `,` or closing `}` that ends the element starting at `i` (bracket-balanced). */
function skipElement(toks: readonly Token[], i: number): number {
  let depth = 0;
  for (; i < toks.length; i++) {
    const t = toks[i];
    if (t?.kind !== 'punct') continue;
    if ('([{'.includes(t.value)) depth++;
    else if (')]}'.includes(t.value)) {
      if (depth === 0) return i;
      depth--;
    } else if (t.value === ',' && depth === 0) return i;
  }
  return i;
}

/** What the evaluator needs from its surroundings. */
export interface EvalContext {
  lookup(name: string): Value;
  rand: () => number;
  /** `utils.GenerateSampleSecrets` templates of this source (`{i}`, `{I}`, `{s}`). */
  sampleTemplates: readonly string[];
  /** Format of `utils.GenerateSampleSecret` (two `%s`). */
  sampleFormat: string;
  /** Elements left out because they could not be evaluated. */
  onSkip(reason: string, count: number): void;
}

const PATTERN_HELPERS: Record<string, (size: string) => string> = {
  'utils.Numeric': (s) => `[0-9]{${s}}`,
  'utils.Hex': (s) => `[a-f0-9]{${s}}`,
  'utils.AlphaNumeric': (s) => `[a-z0-9]{${s}}`,
  'utils.AlphaNumericExtendedShort': (s) => `[a-z0-9_-]{${s}}`,
  'utils.AlphaNumericExtended': (s) => `[a-z0-9=_\\-]{${s}}`,
  'utils.AlphaNumericExtendedLong': (s) => `[a-z0-9\\/=_\\+\\-]{${s}}`,
};

const str = (v: Value | undefined): string => {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  throw new NotExtractable('string expected');
};

function sprintf(format: string, args: Value[]): string {
  let k = 0;
  return format.replace(/%([-+# 0-9.]*)([sdvqx%])/g, (_m, _f: string, verb: string) => {
    if (verb === '%') return '%';
    const a = args[k++];
    if (a === undefined) throw new NotExtractable('sprintf: missing argument');
    return verb === 'q' ? JSON.stringify(str(a)) : str(a);
  });
}

/** Evaluates `node`; lists come back as arrays, maps as [key, value] pairs. */
export function evaluate(node: Node, ctx: EvalContext): Value {
  switch (node.t) {
    case 'str':
    case 'num':
      return node.v;
    case 'ref':
      if (node.name === 'nil') return [];
      return ctx.lookup(node.name);
    case 'concat':
      return node.parts.map((p) => str(evaluate(p, ctx))).join('');
    case 'spread':
      return evaluate(node.of, ctx);
    case 'list': {
      const out: string[] = [];
      for (const item of node.items) {
        try {
          const v = evaluate(item, ctx);
          if (Array.isArray(v)) throw new NotExtractable('nested list');
          out.push(str(v));
        } catch (e) {
          if (!(e instanceof NotExtractable)) throw e;
          ctx.onSkip(e.message, expectedCount(item, ctx));
        }
      }
      return out;
    }
    case 'map': {
      const out: Array<[string, string]> = [];
      for (const [k, v] of node.entries) {
        try {
          out.push([str(evaluate(k, ctx)), str(evaluate(v, ctx))]);
        } catch (e) {
          if (!(e instanceof NotExtractable)) throw e;
          ctx.onSkip(e.message, 1);
        }
      }
      return out;
    }
    case 'call':
      return call(node, ctx);
  }
}

/** How many cases an element would have produced (a failed GenerateSampleSecrets costs all of them). */
export function expectedCount(node: Node, ctx: EvalContext): number {
  if (node.t === 'call' && node.fn === 'utils.GenerateSampleSecrets') return ctx.sampleTemplates.length;
  if (node.t === 'call' && node.fn === 'append') return node.args.slice(1).reduce((n, a) => n + expectedCount(a.t === 'spread' ? a.of : a, ctx), 0);
  if (node.t === 'list') return node.items.length;
  return 1;
}

function call(node: Extract<Node, { t: 'call' }>, ctx: EvalContext): Value {
  const a = (k: number): Value => {
    const n = node.args[k];
    if (!n) throw new NotExtractable(`${node.fn}: missing argument`);
    return evaluate(n, ctx);
  };
  const helper = PATTERN_HELPERS[node.fn];
  if (helper) return helper(str(a(0)));
  switch (node.fn) {
    case 'utils.Hex8_4_4_4_12':
      return '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
    case 'secrets.NewSecret':
    case 'secrets.NewSecretWithEntropy':
      try {
        return generateFromRegex(str(a(0)), ctx.rand);
      } catch (e) {
        if (e instanceof NotExtractable) throw e;
        throw new NotExtractable(`regex generator: ${(e as Error).message}`);
      }
    case 'utils.GenerateSampleSecrets': {
      const id = str(a(0));
      const s = str(a(1));
      return ctx.sampleTemplates.map((tpl) => tpl.replaceAll('{i}', id).replaceAll('{I}', id.toUpperCase()).replaceAll('{s}', s));
    }
    case 'utils.GenerateSampleSecret':
      return sprintf(ctx.sampleFormat, [a(0), a(1)]);
    case 'fmt.Sprintf':
      return sprintf(str(a(0)), node.args.slice(1).map((_, k) => a(k + 1)));
    case 'strings.Repeat':
      return str(a(0)).repeat(Number(a(1)));
    case 'strings.ToUpper':
      return str(a(0)).toUpperCase();
    case 'strings.ToLower':
      return str(a(0)).toLowerCase();
    case 'strings.Join': {
      const list = a(0);
      if (!Array.isArray(list)) throw new NotExtractable('strings.Join of a non-list');
      return list.map((x) => (Array.isArray(x) ? x.join('') : x)).join(str(a(1)));
    }
    case 'base64.StdEncoding.EncodeToString':
      return Buffer.from(str(a(0)), 'latin1').toString('base64');
    case 'base64.URLEncoding.EncodeToString':
      return Buffer.from(str(a(0)), 'latin1').toString('base64url');
    case 'base64.RawURLEncoding.EncodeToString':
      return Buffer.from(str(a(0)), 'latin1').toString('base64url').replace(/=+$/, '');
    case 'string':
      return str(a(0));
    case 'append': {
      const base = a(0);
      if (!Array.isArray(base)) throw new NotExtractable('append to a non-list');
      const out = [...(base as string[])];
      for (const arg of node.args.slice(1)) {
        try {
          const v = evaluate(arg, ctx);
          if (Array.isArray(v)) {
            if (arg.t !== 'spread') throw new NotExtractable('append of a list without ...');
            out.push(...(v as string[]));
          } else out.push(str(v));
        } catch (e) {
          if (!(e instanceof NotExtractable)) throw e;
          ctx.onSkip(e.message, expectedCount(arg.t === 'spread' ? arg.of : arg, ctx));
        }
      }
      return out;
    }
    default:
      throw new NotExtractable(`call ${node.fn}`);
  }
}
