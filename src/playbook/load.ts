// Playbook files (YAML) → validated Playbook / CommonPlaybook. Errors name the file, the line and the key,
// with the same helpers as rule files.
import AjvModule, { type ValidateFunction } from 'ajv';
import schema from '../../schema/playbook.schema.json' with { type: 'json' };
import { formatSchemaErrors, parseYaml } from '../rules/load.ts';
import type { CommonPlaybook, Playbook } from './types.ts';

/** A playbook file that does not parse or does not match the schema. */
export class PlaybookFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlaybookFileError';
  }
}

// ajv is CommonJS; under Node's ESM loader (and esbuild's node interop) the class is `.default`.
const Ajv = AjvModule.default;

let validators: { playbook: ValidateFunction; common: ValidateFunction } | undefined;
function compiled(): { playbook: ValidateFunction; common: ValidateFunction } {
  if (!validators) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    ajv.addSchema(schema);
    const playbook = ajv.getSchema(schema.$id);
    const common = ajv.getSchema(`${schema.$id}#/definitions/common`);
    if (!playbook || !common) throw new Error('playbook schema did not compile');
    validators = { playbook, common };
  }
  return validators;
}

/** Parses YAML and validates it; `source` is the path shown in errors. */
function parseValidated(text: string, source: string, validate: ValidateFunction): unknown {
  let parsed: ReturnType<typeof parseYaml>;
  try {
    parsed = parseYaml(text, source);
  } catch (e) {
    throw new PlaybookFileError((e as Error).message);
  }
  if (!validate(parsed.value)) throw new PlaybookFileError(formatSchemaErrors(source, parsed.doc, parsed.lc, validate.errors ?? []));
  return parsed.value;
}

/** The id a playbook file must declare: its base name without `.yaml`/`.yml`. */
export function idOfSource(source: string): string {
  return (source.split('/').pop() ?? source).replace(/\.ya?ml$/, '');
}

/** Parses and validates one playbook file; its `id` must equal the file's base name. */
export function parsePlaybookFile(text: string, source: string): Playbook {
  const playbook = parseValidated(text, source, compiled().playbook) as Playbook;
  const expected = idOfSource(source);
  if (playbook.id !== expected) throw new PlaybookFileError(`${source}: id "${playbook.id}" must equal the file name "${expected}"`);
  return playbook;
}

/** Parses and validates the common steps file (`_common.yaml`). */
export function parseCommonFile(text: string, source: string): CommonPlaybook {
  return parseValidated(text, source, compiled().common) as CommonPlaybook;
}
