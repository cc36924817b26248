// RuleSpec (data) → Rule (compiled). Errors name the rule and the file it came from.
import type { LinearRegExp, LinearSyntaxError } from './linear-regex.ts';
import micromatch from 'micromatch';
import type { Rule, RuleSpec } from '../core/types.ts';
import { caseForms } from './case-forms.ts';
import { exampleText, expandExample } from './examples.ts';
import { builtinPathRegexes } from '../data/builtin.ts';

export class RuleError extends Error {
  readonly ruleId: string;
  readonly source: string | undefined;
  constructor(ruleId: string, source: string | undefined, detail: string) {
    super(`rule ${ruleId}${source ? ` (${source})` : ''}: ${detail}`);
    this.name = 'RuleError';
    this.ruleId = ruleId;
    this.source = source;
  }
}

/**
 * Number of capturing groups in a regex source (named groups count), read from the source text:
 * every `(` outside a character class and not escaped, except `(?:`, `(?=`, `(?!`, `(?<=`, `(?<!`.
 * For a source that `new RegExp` accepts without the `v` flag. Compiling and running the regex to
 * count them cost a fifth of a pre-commit scan's start-up.
 */
export function captureGroupCount(source: string, _flags = ''): number {
  let n = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') {
      if (source[i + 1] !== '?') n++;
      else if (source[i + 2] === '<' && source[i + 3] !== '=' && source[i + 3] !== '!') n++;
    }
  }
  return n;
}

/**
 * The linear-time engine of user patterns (linear-regex.ts), given by that module when it loads. Only
 * what may compile a user pattern imports it (configuration loading, `rules test`, the detector
 * worker): its regex library's set-up cost every pre-commit scan a millisecond or two.
 */
let linear: { LinearRegExp: typeof LinearRegExp; LinearSyntaxError: typeof LinearSyntaxError } | undefined;

/** Called by linear-regex.ts as it loads. */
export function useLinearEngine(engine: NonNullable<typeof linear>): void {
  linear = engine;
}

export function compileRegex(spec: RuleSpec, source?: string): RegExp {
  const flags = spec.flags ?? '';
  if (!/^[is]*$/.test(flags)) throw new RuleError(spec.id, source, `flags "${flags}" not supported (only i and s)`);
  if (spec.linear && !linear) throw new RuleError(spec.id, source, 'internal error: the linear-time engine is not loaded (import src/rules/linear-regex.ts)');
  let re: RegExp;
  try {
    re = spec.linear && linear ? new linear.LinearRegExp(spec.pattern, `gd${flags}`) : new RegExp(spec.pattern, `gd${flags}`);
  } catch (e) {
    if (linear && e instanceof linear.LinearSyntaxError) throw new RuleError(spec.id, source, `pattern cannot run in the linear-time engine used for custom rules (no lookahead, backreferences or capturing lookbehind): ${e.message}`);
    throw new RuleError(spec.id, source, `invalid pattern: ${(e as Error).message}`);
  }
  const groups = captureGroupCount(spec.pattern, flags);
  if (groups !== 1) throw new RuleError(spec.id, source, `pattern must have exactly one capture group (the secret), found ${groups}`);
  return re;
}

function compileList(spec: RuleSpec, list: string[] | undefined, what: string, source?: string): RegExp[] {
  if (!list?.length) return [];
  return list.map((p) => {
    try {
      return new RegExp(p);
    } catch (e) {
      throw new RuleError(spec.id, source, `invalid allowlist ${what} ${JSON.stringify(p)}: ${(e as Error).message}`);
    }
  });
}

function pathSkipper(spec: RuleSpec): (path: string) => boolean {
  const deny = globMatcher(spec.allowlist?.paths);
  const only = globMatcher(spec.paths);
  if (!deny && !only) return () => false;
  return (path) => (deny ? deny(path) : false) || (only ? !only(path) : false);
}

/** Leading `/`, `./` and `../` segments of a path, which no `**` glob matches. */
const LEADING_UP = /^(?:\/+|\.{1,2}\/)+/;

/**
 * A predicate true for paths matching any of `globs` (micromatch syntax, dotfiles included). The globs
 * are compiled on the first call: most rules' path filters are never consulted in a small scan (a
 * rule's filter is read only where its keywords occur), and compiling them all cost a pre-commit scan
 * a tenth of its start-up.
 */
export function globMatcher(globs: readonly string[] | undefined): ((path: string) => boolean) | undefined {
  if (!globs?.length) return undefined;
  let res: RegExp[] | undefined;
  return (path) => {
    res ??= globs.map(globRegex);
    // A scan of a directory outside the working directory reports `../../x/config/master.key` or
    // `/abs/x/…`: `**` never matches `..` or a leading `/`, so the globs see the path without them.
    const p = path.replace(LEADING_UP, '');
    return res.some((r) => r.test(path) || (p !== path && r.test(p)));
  };
}

/** The default reach (the keyword's line), shared by the rules that keep it. */
const LINE_REACH: Rule['reach'] = Object.freeze({ before: 0, after: 0 });

let prebuilt: ReadonlyMap<string, { source: string; flags: string }> | undefined;

/**
 * The regex of one glob (micromatch, dotfiles included). The bundle carries those of the built-in
 * rules made at build time: micromatch's parser cost a staged scan about a millisecond for the dozen
 * globs of the rules without keywords, which every file is checked against.
 */
export function globRegex(glob: string): RegExp {
  prebuilt ??= builtinPathRegexes();
  const made = prebuilt.get(glob);
  return made ? new RegExp(made.source, made.flags) : micromatch.makeRe(glob, { dot: true });
}

function compileReach(reach: RuleSpec['reach']): Rule['reach'] {
  if (reach === 'file') return 'file';
  if (reach === undefined || reach === 'line') return LINE_REACH;
  return { before: reach.before ?? 0, after: reach.after ?? 0 };
}

/**
 * Compiles one spec. `source` (a file path) is used in error messages only. `lazy`: the regex is
 * compiled on first use (a spec checked at build time: compiling all ~600 built-in regexes cost a
 * pre-commit scan several milliseconds, and it runs few of them).
 */
export function compileRule(spec: RuleSpec, source?: string, options: { lazy?: boolean } = {}): Rule {
  return new CompiledRule(spec, source, options.lazy === true);
}

/**
 * A compiled rule. A class, not an object literal with getters: a pre-commit scan compiles every
 * built-in rule, and an object literal's accessors are defined one runtime call at a time (about
 * half of a staged scan's rule compilation). What few scans need is computed on first use: the
 * regex, the path filter, the documentation (parsed on demand in the bundle), the sample.
 */
class CompiledRule implements Rule {
  readonly id: string;
  readonly name: string;
  readonly severity: RuleSpec['severity'];
  readonly confidence: NonNullable<RuleSpec['confidence']>;
  readonly keywords: readonly string[];
  readonly minEntropy: number | undefined;
  readonly reach: Rule['reach'];
  readonly generic: boolean;
  readonly allowPlaceholders: boolean;
  readonly ownsName: readonly string[];
  readonly validator: string | undefined;
  readonly playbook: string;
  readonly allowRegexes: readonly RegExp[];
  readonly allowMatchRegexes: readonly RegExp[];
  readonly stopwords: readonly string[];
  readonly spec: RuleSpec;
  readonly #source: string | undefined;
  #regex: RegExp | undefined;
  #skipsPath: ((path: string) => boolean) | undefined;
  #sample: { value: string | undefined } | undefined;
  #caseForms: { value: readonly string[] | undefined } | undefined;

  constructor(spec: RuleSpec, source: string | undefined, lazy: boolean) {
    this.#source = source;
    this.#regex = lazy ? undefined : compileRegex(spec, source);
    this.id = spec.id;
    this.name = spec.name;
    this.severity = spec.severity;
    this.confidence = spec.confidence ?? 'medium';
    this.keywords = spec.keywords.map((k) => k.toLowerCase());
    this.minEntropy = spec.entropy;
    this.reach = compileReach(spec.reach);
    this.generic = spec.generic ?? false;
    this.allowPlaceholders = spec.allowPlaceholders ?? false;
    this.ownsName = spec.ownsName?.length ? spec.ownsName.map((w) => w.toLowerCase()) : [];
    this.validator = spec.validator;
    this.playbook = spec.playbook;
    this.allowRegexes = compileList(spec, spec.allowlist?.regexes, 'regex', source);
    this.allowMatchRegexes = compileList(spec, spec.allowlist?.matchRegexes, 'matchRegex', source);
    this.stopwords = spec.allowlist?.stopwords?.length ? spec.allowlist.stopwords.map((w) => w.toLowerCase()) : [];
    this.spec = spec;
  }

  get regex(): RegExp {
    this.#regex ??= compileRegex(this.spec, this.#source);
    return this.#regex;
  }

  get description(): string {
    return this.spec.description ?? this.spec.name;
  }

  skipsPath(path: string): boolean {
    this.#skipsPath ??= pathSkipper(this.spec);
    return this.#skipsPath(path);
  }

  sample(): string | undefined {
    this.#sample ??= { value: sampleOf(this.spec) };
    return this.#sample.value;
  }

  caseForms(): readonly string[] | undefined {
    // Not for a pattern in the linear-time engine: RE2 folds case otherwise.
    this.#caseForms ??= { value: this.spec.linear ? undefined : caseForms(this.regex.source, this.regex.flags, this.keywords) };
    return this.#caseForms.value;
  }
}

/** The shortest secret the rule's examples hold (generated keys excepted: they are slow to make). */
function sampleOf(spec: RuleSpec): string | undefined {
  const re = compileRegex(spec);
  let shortest: string | undefined;
  for (const [i, ex] of spec.examples.entries()) {
    const text = exampleText(ex);
    if (text.includes('{{gen:pem')) continue;
    re.lastIndex = 0;
    const secret = re.exec(expandExample(text, `${spec.id}#${i}`))?.[1];
    if (secret && (shortest === undefined || secret.length < shortest.length)) shortest = secret;
  }
  return shortest;
}
