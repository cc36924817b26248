// RuleSpec (data) → Rule (compiled). Errors name the rule and the file it came from.
import { LinearRegExp, LinearSyntaxError } from './linear-regex.ts';
import micromatch from 'micromatch';
import type { Rule, RuleSpec } from '../core/types.ts';
import { exampleText, expandExample } from './examples.ts';

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

export function compileRegex(spec: RuleSpec, source?: string): RegExp {
  const flags = spec.flags ?? '';
  if (!/^[is]*$/.test(flags)) throw new RuleError(spec.id, source, `flags "${flags}" not supported (only i and s)`);
  let re: RegExp;
  try {
    re = spec.linear ? new LinearRegExp(spec.pattern, `gd${flags}`) : new RegExp(spec.pattern, `gd${flags}`);
  } catch (e) {
    if (e instanceof LinearSyntaxError) throw new RuleError(spec.id, source, `pattern cannot run in the linear-time engine used for custom rules (no lookahead, backreferences or capturing lookbehind): ${e.message}`);
    throw new RuleError(spec.id, source, `invalid pattern: ${(e as Error).message}`);
  }
  const groups = captureGroupCount(spec.pattern, flags);
  if (groups !== 1) throw new RuleError(spec.id, source, `pattern must have exactly one capture group (the secret), found ${groups}`);
  return re;
}

function compileList(spec: RuleSpec, list: string[] | undefined, what: string, source?: string): RegExp[] {
  return (list ?? []).map((p) => {
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
    res ??= globs.map((g) => micromatch.makeRe(g, { dot: true }));
    // A scan of a directory outside the working directory reports `../../x/config/master.key` or
    // `/abs/x/…`: `**` never matches `..` or a leading `/`, so the globs see the path without them.
    const p = path.replace(LEADING_UP, '');
    return res.some((r) => r.test(path) || (p !== path && r.test(p)));
  };
}

function compileReach(reach: RuleSpec['reach']): Rule['reach'] {
  if (reach === 'file') return 'file';
  if (reach === undefined || reach === 'line') return { before: 0, after: 0 };
  return { before: reach.before ?? 0, after: reach.after ?? 0 };
}

/**
 * Compiles one spec. `source` (a file path) is used in error messages only. `lazy`: the regex is
 * compiled on first use (a spec checked at build time: compiling all ~600 built-in regexes cost a
 * pre-commit scan several milliseconds, and it runs few of them).
 */
export function compileRule(spec: RuleSpec, source?: string, options: { lazy?: boolean } = {}): Rule {
  let regex = options.lazy ? undefined : compileRegex(spec, source);
  return {
    id: spec.id,
    name: spec.name,
    // Read on demand: the bundle parses the built-in rules' documentation on first read (scripts/build.mjs).
    get description(): string {
      return spec.description ?? spec.name;
    },
    severity: spec.severity,
    confidence: spec.confidence ?? 'medium',
    get regex(): RegExp {
      regex ??= compileRegex(spec, source);
      return regex;
    },
    keywords: spec.keywords.map((k) => k.toLowerCase()),
    minEntropy: spec.entropy,
    reach: compileReach(spec.reach),
    generic: spec.generic ?? false,
    allowPlaceholders: spec.allowPlaceholders ?? false,
    ownsName: (spec.ownsName ?? []).map((w) => w.toLowerCase()),
    validator: spec.validator,
    playbook: spec.playbook,
    skipsPath: pathSkipper(spec),
    allowRegexes: compileList(spec, spec.allowlist?.regexes, 'regex', source),
    allowMatchRegexes: compileList(spec, spec.allowlist?.matchRegexes, 'matchRegex', source),
    stopwords: (spec.allowlist?.stopwords ?? []).map((s) => s.toLowerCase()),
    sample: once(() => sampleOf(spec)),
    spec,
  };
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

function once<T>(f: () => T): () => T {
  let memo: { value: T } | undefined;
  return () => (memo ??= { value: f() }).value;
}
