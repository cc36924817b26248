// Rule files (YAML or JSON) → validated RuleSpec[]. Schema errors name the file, the line and the key.
import AjvModule, { type ErrorObject, type ValidateFunction } from 'ajv';
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import schema from '../../schema/rules.schema.json' with { type: 'json' };
import { quoteUserValue } from '../core/quote.ts';
import { didYouMean } from '../core/nearest.ts';
import type { RuleSpec } from '../core/types.ts';
import { expandPattern, type Fragments } from './pattern.ts';

export class RuleFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RuleFileError';
  }
}

/** A spec plus the file it came from. */
export interface SourcedRuleSpec {
  spec: RuleSpec;
  source: string;
  /**
   * Checked when the bundle was built (the built-in rules): its regex is compiled on first use, as
   * most rules never run in a small scan. Others are compiled at once, so that errors show at load.
   */
  trusted?: boolean;
}

// ajv is CommonJS; under Node's ESM loader (and esbuild's node interop) the class is `.default`.
const Ajv = AjvModule.default;

let validateFn: ValidateFunction | undefined;
function validator(): ValidateFunction {
  validateFn ??= new Ajv({ allErrors: true, strict: false, verbose: true }).compile(schema);
  return validateFn;
}

/** 1-based line of the node at an ajv `instancePath` (e.g. `/rules/3/severity`), if found. */
export function lineOfPath(doc: Document, lineCounter: LineCounter, instancePath: string): number | undefined {
  const keys = instancePath.split('/').slice(1).map((k) => (/^\d+$/.test(k) ? Number(k) : k.replace(/~1/g, '/').replace(/~0/g, '~')));
  for (let n = keys.length; n >= 0; n--) {
    const node = keys.length === 0 ? doc.contents : doc.getIn(keys.slice(0, n), true);
    if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
  }
  return undefined;
}

/** One line per schema error: `file:line: rules[3].severity must be equal to one of the allowed values`. */
export function formatSchemaErrors(source: string, doc: Document, lc: LineCounter, errors: ErrorObject[]): string {
  return errors
    .map((e) => {
      const line = lineOfPath(doc, lc, e.instancePath);
      // Keys are quoted like values: a secret pasted as a YAML key must not be echoed.
      const path = e.instancePath.split('/').slice(1).map((k) => (/^\d+$/.test(k) ? `[${k}]` : `.${quoteKey(k)}`)).join('').replace(/^\./, '');
      const key = path || '(root)';
      const extra = e.keyword === 'additionalProperties' ? ` ${quoteUserValue(String((e.params as { additionalProperty?: string }).additionalProperty))}${suggestKey(e)}` : '';
      const allowed = e.keyword === 'enum' ? ` (${((e.params as { allowedValues?: unknown[] }).allowedValues ?? []).join(', ')})` : '';
      return `${source}${line ? `:${line}` : ''}: ${key} ${e.message ?? 'is invalid'}${extra}${allowed}`;
    })
    .join('\n');
}

/** ` (did you mean paths?)` for an unknown key near a known one (ajv `verbose` gives the parent schema). */
function suggestKey(e: ErrorObject): string {
  const typed = (e.params as { additionalProperty?: string }).additionalProperty;
  const known = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
  return typed === undefined ? '' : didYouMean(typed, known);
}

function quoteKey(key: string): string {
  const k = key.replace(/~1/g, '/').replace(/~0/g, '~');
  const q = quoteUserValue(k);
  return q === `"${k}"` ? k : q;
}

/** Parses YAML text into a document, throwing a one-line error on syntax errors. */
export function parseYaml(text: string, source: string): { doc: Document; lc: LineCounter; value: unknown } {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    const line = e.linePos?.[0]?.line ?? (e.pos?.[0] !== undefined ? lc.linePos(e.pos[0]).line : undefined);
    throw new RuleFileError(`${source}${line ? `:${line}` : ''}: YAML syntax error: ${e.message.split('\n')[0] ?? ''}`);
  }
  return { doc, lc, value: doc.toJS() };
}

/**
 * Parses and validates a rule file's text. Patterns come back as regex source: `(?x)` patterns
 * stripped and `{{frag:NAME}}` references replaced from `fragments` (src/rules/pattern.ts).
 */
export function parseRuleFile(text: string, source: string, fragments: Fragments = {}): SourcedRuleSpec[] {
  const { doc, lc, value } = parseYaml(text, source);
  const validate = validator();
  if (!validate(value)) throw new RuleFileError(formatSchemaErrors(source, doc, lc, validate.errors ?? []));
  return (value as { rules: RuleSpec[] }).rules.map((spec, i) => {
    try {
      return { spec: { ...spec, pattern: expandPattern(spec.pattern, fragments) }, source };
    } catch (e) {
      const line = lineOfPath(doc, lc, `/rules/${i}/pattern`);
      throw new RuleFileError(`${source}${line ? `:${line}` : ''}: rules[${i}].pattern: ${(e as Error).message}`);
    }
  });
}

/** Parses a fragments file (`fragments: { NAME: regex source }`, as rules/_fragments.yaml). */
export function parseFragmentsFile(text: string, source: string): Fragments {
  const { value } = parseYaml(text, source);
  const fragments = (value as { fragments?: unknown } | null)?.fragments;
  if (!fragments || typeof fragments !== 'object' || Array.isArray(fragments)) throw new RuleFileError(`${source}: expected a \`fragments\` map of name: regex`);
  for (const [name, body] of Object.entries(fragments)) {
    if (!/^[a-z][a-z0-9-]*$/.test(name) || typeof body !== 'string') throw new RuleFileError(`${source}: fragment ${JSON.stringify(name)} must be a kebab-case name with a regex string`);
  }
  return fragments as Fragments;
}
