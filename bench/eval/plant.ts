// From a rule example to a plantable secret: expand the example with a fresh seed, locate the secret
// with the rule's own capture group (the rule's definition of "the secret" in its own example), and
// work out how the example may be re-dressed in other file formats.
import type { RuleSpec } from '../../src/core/types.ts';
import { compileRegex } from '../../src/rules/compile.ts';
import { expandExample, rng, exampleText } from '../../src/rules/examples.ts';
import { seedUnseededGenerators } from './keys.ts';

/** A secret ready to be planted, derived from one rule example. */
export interface Plant {
  ruleId: string;
  /** Rule file name without extension (`github`, `aws`, `generic`…). */
  family: string;
  /** The expanded example text. */
  text: string;
  /** The secret as the rule's capture group extracts it from `text`. */
  secret: string;
  /** 0-based line of `text` on which the secret starts, and the number of lines it spans. */
  line: number;
  lines: number;
  /** The secret's line read as `key <sep> value` (value holds the secret), when it is one. */
  assign?: { key: string; value: string };
  /** True when the rule finds the secret without its key (a prefixed token, a URL, a key block). */
  contextFree: boolean;
  /** True for self-identifying multi-line private key blocks. */
  pem: boolean;
  /** The rule's path filter (`**\/.npmrc`…), when it has one. */
  paths?: string[];
}

const ASSIGN = /^\s*(?:export\s+|ENV\s+|set\s+)?(["']?)([A-Za-z_][\w.-]*)\1\s*(=>|:=|=|:)\s*(["'`]?)(.*?)\4\s*[,;]?\s*$/;

/**
 * `key <sep> value` of one line, or undefined when the line is not a simple assignment: not a URL
 * (`imaps://…` is a scheme, not a key), not a command after a one-command variable (`PGPASSWORD=x psql …`:
 * an unquoted `=` value ends at the first blank).
 */
export function parseAssign(line: string): { key: string; value: string } | undefined {
  const m = ASSIGN.exec(line);
  if (!m) return undefined;
  const [, , key = '', sep, quote, value = ''] = m;
  if (!quote && /["'`]/.test(value)) return undefined;
  if (sep === ':' && !quote && value.startsWith('//')) return undefined;
  if (sep === '=' && !quote && /\s/.test(value)) return undefined;
  return { key, value };
}

/** The first capture of `re` in `text` with its offset, or undefined. */
function capture(re: RegExp, text: string): { secret: string; start: number } | undefined {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].length === 0) re.lastIndex++;
    const span = m.indices?.[1];
    if (m[1] && span) return { secret: m[1], start: span[0] };
  }
  return undefined;
}

/** Expands example `index` of `spec` with `seed` and locates its secret; undefined if the rule misses it. */
export function makePlant(spec: RuleSpec, source: string, index: number, seed: string): Plant | undefined {
  const example = spec.examples[index];
  if (!example) return undefined;
  const text = expandExample(seedUnseededGenerators(exampleText(example), rng(`${seed}:keys`)), seed);
  const re = compileRegex(spec, source);
  const hit = capture(re, text);
  if (!hit) return undefined;
  const before = text.slice(0, hit.start);
  const line = before.split('\n').length - 1;
  const lineText = text.split('\n')[line] ?? '';
  const assign = hit.secret.includes('\n') ? undefined : parseAssign(lineText);
  // Self-identifying: the rule finds the secret with no key around it (its keywords are in the secret).
  const lone = capture(re, hit.secret) ?? capture(re, `x = "${hit.secret}"`);
  const contextFree = lone?.secret === hit.secret && spec.keywords.some((k) => hit.secret.toLowerCase().includes(k));
  // Secrets that need their key are re-dressed only under ordinary config keys (not `_auth`, `//host/:_authToken`),
  // and only from one-line examples: a multi-line example may carry context on its other lines.
  const plainKey = assign !== undefined && /^[A-Za-z][\w.-]*$/.test(assign.key);
  const usable = assign?.value.includes(hit.secret) && (contextFree || (plainKey && !text.trim().includes('\n'))) ? assign : undefined;
  return {
    ruleId: spec.id,
    family: source.replace(/^.*\//, '').replace(/\.ya?ml$/, ''),
    text,
    secret: hit.secret,
    line,
    lines: hit.secret.split('\n').length,
    assign: usable,
    contextFree,
    // Re-dressed as a key block only when it is one (real newlines) and needs no surrounding context.
    pem: contextFree && hit.secret.includes('\n') && /-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----/.test(hit.secret),
    paths: spec.paths?.length ? spec.paths : undefined,
  };
}
