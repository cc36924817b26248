// The built-in rule pack. In a source checkout this reads rules/*.yaml; the build (scripts/build.mjs)
// replaces this module with the same function returning the pre-validated specs, so the bundle
// parses no YAML at start-up.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PlaceholderLists } from '../core/placeholder.ts';
import { parseFragmentsFile, parseRuleFile, parseYaml, RuleFileError, type SourcedRuleSpec } from '../rules/load.ts';
import type { Fragments } from '../rules/pattern.ts';
import { parseCommonFile, parsePlaybookFile } from '../playbook/load.ts';
import type { PlaybookSet } from '../playbook/types.ts';

/** Absolute path of the repository's `rules/` directory (source checkouts only). */
export const RULES_DIR = fileURLToPath(new URL('../../rules/', import.meta.url));

/** The named sub-patterns rules share (`{{frag:NAME}}`), from rules/_fragments.yaml. */
export function builtinFragments(): Fragments {
  return parseFragmentsFile(readFileSync(join(RULES_DIR, '_fragments.yaml'), 'utf8'), 'rules/_fragments.yaml');
}

/** The placeholder and stop-word lists every rule applies (rules/_placeholders.yaml). */
export function builtinPlaceholders(): PlaceholderLists {
  const { value } = parseYaml(readFileSync(join(RULES_DIR, '_placeholders.yaml'), 'utf8'), 'rules/_placeholders.yaml');
  const lists = value as Partial<Record<keyof PlaceholderLists, unknown>> | null;
  const list = (k: keyof PlaceholderLists): string[] => {
    const v = lists?.[k];
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw new RuleFileError(`rules/_placeholders.yaml: ${k} must be a list of strings`);
    return v;
  };
  return { words: list('words'), values: list('values'), sequences: list('sequences') };
}

/** Every built-in rule spec, in file-name order, then file order (files starting with `_` are not rule files). */
export function builtinRuleSpecs(): SourcedRuleSpec[] {
  const fragments = builtinFragments();
  const files = readdirSync(RULES_DIR).filter((f) => /\.ya?ml$/.test(f) && !f.startsWith('_')).sort();
  return files.flatMap((f) => parseRuleFile(readFileSync(join(RULES_DIR, f), 'utf8'), `rules/${f}`, fragments)).map((s) => ({ ...s, trusted: true }));
}

/**
 * The regexes of the built-in rules' path globs (`paths`, `allowlist.paths`), by glob, as
 * src/rules/compile.ts `globRegex` makes them: the bundle carries them made at build time
 * (scripts/builtin-data.mjs). None in a source checkout, where each is made on first use.
 */
export function builtinPathRegexes(): Map<string, { source: string; flags: string }> {
  return new Map();
}

// Not exported: the build inlines exported constants, and this is a path on the build machine.
const PLAYBOOKS_DIR = join(RULES_DIR, 'playbooks');

/** Every built-in playbook (`rules/playbooks/<id>.yaml`, sorted by id) and the common steps (`_common.yaml`). */
export function builtinPlaybooks(): PlaybookSet {
  const read = (f: string): string => readFileSync(join(PLAYBOOKS_DIR, f), 'utf8');
  const files = readdirSync(PLAYBOOKS_DIR).filter((f) => /\.ya?ml$/.test(f) && !f.startsWith('_')).sort();
  return {
    common: parseCommonFile(read('_common.yaml'), 'rules/playbooks/_common.yaml'),
    playbooks: files.map((f) => parsePlaybookFile(read(f), `rules/playbooks/${f}`)),
  };
}
