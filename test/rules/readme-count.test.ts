// The README's rule count is the number of built-in rules, not a figure left behind by an older set.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { builtinRuleSpecs } from '../../src/data/builtin.ts';

it('README states how many built-in rules there are', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const m = /Rules are data: (\d+) rules in `rules\/<provider>\.yaml`/.exec(readme);
  assert.ok(m, 'the "Rules are data: N rules" sentence');
  assert.equal(Number(m[1]), builtinRuleSpecs().length);
});
