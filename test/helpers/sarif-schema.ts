// Validates SARIF against the OASIS 2.1.0 schema shipped by @microsoft/sarif-multitool, with ajv.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

const require = createRequire(import.meta.url);
// ajv and ajv-formats are CommonJS: their callables are the `.default` of the default import.
const Ajv2020 = Ajv2020Module.default;
const addFormats = addFormatsModule.default;

export const MULTITOOL_DIR = (() => {
  try {
    return require.resolve('@microsoft/sarif-multitool-linux/package.json').replace(/package\.json$/, '');
  } catch {
    return undefined;
  }
})();

/** Schema validation errors (empty when valid). */
export function sarifSchemaErrors(log: unknown): string[] {
  if (!MULTITOOL_DIR || !existsSync(`${MULTITOOL_DIR}sarif-2.1.0.json`)) throw new Error('SARIF schema not installed (@microsoft/sarif-multitool)');
  const schema = JSON.parse(readFileSync(`${MULTITOOL_DIR}sarif-2.1.0.json`, 'utf8')) as object;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  return validate(log) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
