// `keywarden rules test FILE`: runs the examples of a custom rule file (a rules/*.yaml-style file or a
// .keywarden.yml) the way test/rules/examples.test.ts runs the built-in ones: every example must be
// reported by its rule, no negative example may be. The file's rules are tested on their own, all
// enabled, so that a result depends only on the file.
import { readFile } from 'node:fs/promises';
import { detectFragment } from '../core/detect.ts';
import { builtinFragments } from '../data/builtin.ts';
import { secretOf } from '../core/match.ts';
import { redact, showsPrefix } from '../core/redact.ts';
import { examplePath, exampleText, expandExample } from './examples.ts';
import { lineOfPath, parseRuleFile, RuleFileError, type SourcedRuleSpec } from './load.ts';
import { compileRuleSet } from './ruleset.ts';
import { ConfigError } from '../config/errors.ts';
import { parseConfig, parseYamlDoc } from '../config/load.ts';
import type { LoadedConfig } from '../config/types.ts';
import { checkUserRegexes } from './safety/user-regexes.ts';

/** The outcome of one example. */
export interface ExampleResult {
  ruleId: string;
  kind: 'example' | 'negative';
  /** 1-based, as in lint messages. */
  index: number;
  ok: boolean;
  /** What was reported instead, when not ok. */
  detail: string;
}

/** Reads a rule file or configuration, validates it and checks its regexes (probe included). */
export async function loadRulesForTest(path: string, source: string): Promise<SourcedRuleSpec[]> {
  const text = await readFile(path, 'utf8').catch((e: NodeJS.ErrnoException) => {
    throw new ConfigError(`cannot read ${source}: ${e.code ?? e.message}`);
  });
  const loaded = isRuleFile(text, source) ? asConfig(text, source) : parseConfig(text, source);
  await checkUserRegexes(loaded);
  return (loaded.config.rules ?? []).map((spec, i) => ({ spec: { ...spec, linear: true }, source: `${source}:${loaded.lineOf(`/rules/${i}`) ?? '?'}` }));
}

function isRuleFile(text: string, source: string): boolean {
  const { value } = parseYamlDoc(text, source);
  return typeof value === 'object' && value !== null && Object.keys(value).every((k) => k === 'provider' || k === 'rules');
}

/** A rules/*.yaml-style file, validated with the rule schema, seen as a configuration with only rules. */
function asConfig(text: string, source: string): LoadedConfig {
  const { doc, lc } = parseYamlDoc(text, source);
  let specs: SourcedRuleSpec[];
  try {
    specs = parseRuleFile(text, source, builtinFragments());
  } catch (e) {
    throw e instanceof RuleFileError ? new ConfigError(e.message) : e;
  }
  return { config: { extends: 'none', rules: specs.map((s) => s.spec) }, source, lineOf: (p) => lineOfPath(doc, lc, p) };
}

/** Runs every example and negative example of `specs` against a rule set of exactly those rules. */
export function testRuleExamples(specs: readonly SourcedRuleSpec[]): ExampleResult[] {
  const ruleSet = compileRuleSet(specs, { enable: specs.map((s) => s.spec.id) });
  const results: ExampleResult[] = [];
  for (const { spec } of specs) {
    spec.examples.forEach((ex, i) => {
      const ids = detectFragment({ text: expandExample(exampleText(ex), `${spec.id}#${i}`), path: examplePath(ex) }, ruleSet).map((f) => f.ruleId);
      results.push({ ruleId: spec.id, kind: 'example', index: i + 1, ok: ids.includes(spec.id), detail: ids.length ? `reported by ${ids.join(', ')}` : 'nothing reported' });
    });
    spec.negativeExamples.forEach((ex, i) => {
      const hits = detectFragment({ text: expandExample(exampleText(ex), `${spec.id}#neg${i}`), path: examplePath(ex) }, ruleSet).filter((f) => f.ruleId === spec.id);
      results.push({ ruleId: spec.id, kind: 'negative', index: i + 1, ok: hits.length === 0, detail: hits.map((f) => `reported ${redact(secretOf(f) ?? '', showsPrefix({ generic: spec.generic ?? false, playbook: spec.playbook }))}`).join(', ') });
    });
  }
  return results;
}
