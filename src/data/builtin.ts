// The built-in rule pack. In a source checkout this reads rules/*.yaml; the build (scripts/build.mjs)
// replaces this module with the same function returning the pre-validated specs, so the bundle
// parses no YAML at start-up.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseRuleFile, type SourcedRuleSpec } from '../rules/load.ts';

/** Absolute path of the repository's `rules/` directory (source checkouts only). */
export const RULES_DIR = fileURLToPath(new URL('../../rules/', import.meta.url));

/** Every built-in rule spec, in file-name order, then file order. */
export function builtinRuleSpecs(): SourcedRuleSpec[] {
  const files = readdirSync(RULES_DIR).filter((f) => /\.ya?ml$/.test(f)).sort();
  return files.flatMap((f) => parseRuleFile(readFileSync(join(RULES_DIR, f), 'utf8'), `rules/${f}`));
}
