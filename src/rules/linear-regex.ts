// User-supplied patterns (the rules of a .keywarden.yml or of a rule file given to `rules test`) run in
// RE2's linear-time engine (re2js, a pure-JS port): no pattern and no input can make a scan hang, which
// static checks and probes cannot promise (`acme=((?:k7q|k7qk7q)+)!` took 62 s on a 140-byte line in
// V8). Built-in rules keep V8's faster engine: they are linted and benchmarked here.
// Patterns are written in JavaScript syntax; lookahead and backreferences have no linear-time
// equivalent and are rejected when the configuration loads.
import { RE2JS } from 're2js';
import { useLinearEngine } from './compile.ts';

/** A pattern the linear-time engine cannot run; the message names the construct. */
export class LinearSyntaxError extends Error {}

/** RE2JS flags for JavaScript flags (`i`, `s`; `g` and `d` are the caller's iteration mode). */
function re2Flags(flags: string): number {
  let f = RE2JS.LOOKBEHINDS;
  if (flags.includes('i')) f |= RE2JS.CASE_INSENSITIVE;
  if (flags.includes('s')) f |= RE2JS.DOTALL;
  return f;
}

/**
 * A RegExp whose `exec` (and so `test`, `matchAll`, `replace`…) runs in RE2JS. V8 only parses the
 * pattern (in the constructor) and never runs it. `lastIndex`, `g` and `d` (match indices, in UTF-16
 * code units like V8's) behave as for a RegExp.
 */
export class LinearRegExp extends RegExp {
  readonly #re2: RE2JS;
  #input: string | undefined;
  #matcher: ReturnType<RE2JS['matcher']> | undefined;

  constructor(source: string, flags: string) {
    super(source, flags);
    try {
      this.#re2 = RE2JS.compile(RE2JS.translateRegExp(source), re2Flags(flags));
    } catch (e) {
      throw new LinearSyntaxError((e as Error).message.replace(/^error parsing regexp: /, ''));
    }
  }

  override exec(input: string): RegExpExecArray | null {
    const iterating = this.global || this.sticky;
    const from = iterating ? this.lastIndex : 0;
    if (from > input.length) {
      this.lastIndex = 0;
      return null;
    }
    // detect.ts calls exec repeatedly on one subject: keep its matcher.
    if (this.#input !== input || !this.#matcher) {
      this.#input = input;
      this.#matcher = this.#re2.matcher(input);
    }
    const m = this.#matcher;
    if (!m.find(from) || (this.sticky && m.start(0) !== from)) {
      if (iterating) this.lastIndex = 0;
      return null;
    }
    const groups = m.groupCount();
    const values: (string | undefined)[] = [];
    const indices: ([number, number] | undefined)[] = [];
    for (let g = 0; g <= groups; g++) {
      const start = m.start(g);
      values.push(start < 0 ? undefined : (m.group(g) ?? undefined));
      indices.push(start < 0 ? undefined : [start, m.end(g)]);
    }
    const result = Object.assign(values, { index: m.start(0), input, groups: undefined }) as unknown as RegExpExecArray;
    if (this.hasIndices) (result as { indices?: unknown }).indices = Object.assign(indices, { groups: undefined });
    if (iterating) this.lastIndex = m.end(0);
    return result;
  }
}

useLinearEngine({ LinearRegExp, LinearSyntaxError });
