// `.keywarden.yml` → LoadedConfig: YAML parse, schema validation (schema/config.schema.json, whose rule
// entries `$ref` the rule schema), then every user regex is compiled and checked for catastrophic
// backtracking. Every error names the file, the line and the key or rule.
// Loaded on demand (src/config/scan-config.ts imports it only when a configuration file exists).
import { readFile } from 'node:fs/promises';
import AjvModule, { type ErrorObject, type ValidateFunction } from 'ajv';
import configSchema from '../../schema/config.schema.json' with { type: 'json' };
import rulesSchema from '../../schema/rules.schema.json' with { type: 'json' };
import { LineCounter, parseDocument, type Document } from 'yaml';
import { builtinFragments } from '../data/builtin.ts';
import { formatSchemaErrors, lineOfPath } from '../rules/load.ts';
import { expandPattern } from '../rules/pattern.ts';
import { ConfigError } from './errors.ts';
import type { KeywardenConfig, LoadedConfig } from './types.ts';
import { checkUserRegexes } from '../rules/safety/user-regexes.ts';
import { displayPath, findConfigFile } from './find.ts';

export { CONFIG_FILE_NAMES, displayPath, findConfigFile } from './find.ts';

// ajv is CommonJS; under Node's ESM loader (and esbuild's node interop) the class is `.default`.
const Ajv = AjvModule.default;

let validateFn: ValidateFunction | undefined;
/** The compiled config validator. The schemas are ours (test/config/load.test.ts checks them against
 * the draft-07 meta-schema), so meta-validation and code optimisation are skipped: this runs in every
 * pre-commit hook of a repository with a configuration, and it halves the compile time (~35 ms). */
function validator(): ValidateFunction {
  if (!validateFn) {
    const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: false, verbose: true, code: { optimize: false } });
    ajv.addSchema(rulesSchema);
    validateFn = ajv.compile(configSchema);
  }
  return validateFn;
}

/** A parsed YAML document with line lookup; a syntax error is a ConfigError with its line. */
export interface YamlDoc {
  doc: Document;
  lc: LineCounter;
  value: unknown;
}

/** Parses YAML text, locating a syntax error by line (from the error's offset). */
export function parseYamlDoc(text: string, source: string): YamlDoc {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    throw new ConfigError(`${source}:${lc.linePos(e.pos[0]).line}: YAML syntax error: ${e.message.split('\n')[0] ?? ''}`);
  }
  return { doc, lc, value: doc.toJS() };
}

/** Parses and validates configuration text (no regex probe: see `loadConfigFile`). */
export function parseConfig(text: string, source: string): LoadedConfig {
  const parsed = parseYamlDoc(text, source);
  const { doc, lc } = parsed;
  const value = parsed.value ?? {};
  const validate = validator();
  if (!validate(value)) throw new ConfigError(formatConfigErrors(source, doc, lc, validate.errors ?? []));
  const config = value as KeywardenConfig;
  if (config.rules) config.rules = config.rules.map((r, i) => ({ ...r, pattern: userPattern(r.pattern, `${source}:${lineOfPath(doc, lc, `/rules/${i}/pattern`) ?? '?'}`) }));
  return { config, source, lineOf: (pointer) => lineOfPath(doc, lc, pointer) };
}

/** A custom rule's pattern with `(?x)` and the built-in `{{frag:NAME}}` fragments applied. */
function userPattern(pattern: string, where: string): string {
  try {
    return expandPattern(pattern, builtinFragments());
  } catch (e) {
    throw new ConfigError(`${where}: rules pattern: ${(e as Error).message}`);
  }
}

/** Schema errors as `file:line: key message`; an unknown key is located on its own line. */
function formatConfigErrors(source: string, doc: Document, lc: LineCounter, errors: ErrorObject[]): string {
  return errors
    .map((e) => {
      const text = formatSchemaErrors(source, doc, lc, [e]);
      const prop = e.keyword === 'additionalProperties' ? (e.params as { additionalProperty?: string }).additionalProperty : undefined;
      const line = prop === undefined ? undefined : lineOfPath(doc, lc, `${e.instancePath}/${prop.replace(/~/g, '~0').replace(/\//g, '~1')}`);
      if (!line) return text;
      const old = lineOfPath(doc, lc, e.instancePath);
      return `${source}:${line}: ${text.slice(`${source}${old ? `:${old}` : ''}: `.length)}`;
    })
    .join('\n');
}

export interface LoadOptions {
  /** Run the runtime regex probe (a worker thread, ~40 ms). Default: true. */
  probe?: boolean;
}

/** Reads, validates and safety-checks a configuration file. `root` only shortens the name in messages. */
export async function loadConfigFile(path: string, root: string, options: LoadOptions = {}): Promise<LoadedConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new ConfigError(`cannot read configuration ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const loaded = parseConfig(text, displayPath(path, root));
  await checkUserRegexes(loaded, { probe: options.probe ?? true });
  return loaded;
}

/** The configuration for a scan: `configPath` when given (it must exist), else the file at `root`, else none. */
export async function loadConfigFor(root: string, configPath: string | undefined, options: LoadOptions = {}): Promise<LoadedConfig | undefined> {
  const path = configPath ?? findConfigFile(root);
  return path ? loadConfigFile(path, root, options) : undefined;
}
