import assert from 'node:assert/strict';
import { it } from 'node:test';
import { builtinRuleSpecs } from '../../src/data/builtin.ts';
import { lintRules } from '../../src/rules/lint.ts';

it('the built-in rule pack lints clean', () => {
  const problems = lintRules(builtinRuleSpecs());
  assert.deepEqual(problems.map((p) => `${p.source} ${p.ruleId}: ${p.message}`), []);
});
