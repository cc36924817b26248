// The example .keywarden.yml in the README's configuration section is valid, resolves against the built-in rules,
// and its custom rule passes its own examples.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { parseConfig } from '../../src/config/load.ts';
import { resolveConfig } from '../../src/config/merge.ts';
import { testRuleExamples } from '../../src/rules/rule-test.ts';
import { checkUserRegexes } from '../../src/rules/safety/user-regexes.ts';
import { builtinRuleSpecs } from '../../src/data/builtin.ts';
import { defaultSettings } from '../../src/settings.ts';
import { readmeSection } from '../helpers/readme.ts';

it('the documented .keywarden.yml example is valid and its rule passes its examples', async () => {
  const doc = readmeSection('Configuration, ignores, baselines and hooks');
  const example = /### `\.keywarden\.yml`[\s\S]*?```yaml\n([\s\S]*?)```/.exec(doc)?.[1];
  assert.ok(example, 'the README has a .keywarden.yml example');
  const loaded = parseConfig(example, 'docs example');
  await checkUserRegexes(loaded);
  const resolved = resolveConfig(loaded, defaultSettings('/repo'), builtinRuleSpecs);
  const custom = resolved.specs.filter((s) => s.source.startsWith('docs example'));
  assert.deepEqual(custom.map((s) => s.spec.id), ['acme-api-key']);
  assert.deepEqual(testRuleExamples(custom).filter((r) => !r.ok), []);
});
