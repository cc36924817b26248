// Built-in rule specs are checked at build time, so their regexes compile on first use (start-up);
// any other spec's regex compiles at once, so that a bad custom rule is reported when it is loaded.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { builtinRuleSpecs } from '../../src/data/builtin.ts';
import { compileRule } from '../../src/rules/compile.ts';
import { compileRuleSet } from '../../src/rules/ruleset.ts';
import type { RuleSpec } from '../../src/core/types.ts';

const bad: RuleSpec = { id: 'bad-rule', name: 'Bad', pattern: 'key=(\\w+', keywords: ['key'], severity: 'high', playbook: 'generic-api-token', examples: ['x'], negativeExamples: ['y'] };

describe('rule regex compilation', () => {
  it('is deferred to first use for a trusted (built-in) spec, with the same error then', () => {
    const rule = compileRule(bad, 'rules/x.yaml', { lazy: true });
    assert.throws(() => rule.regex, /^RuleError: rule bad-rule \(rules\/x\.yaml\): invalid pattern/);
    const set = compileRuleSet([{ spec: bad, source: 'rules/x.yaml', trusted: true }]);
    assert.throws(() => set.rules[0]?.regex, /invalid pattern/);
  });

  it('happens at load for any other spec', () => {
    assert.throws(() => compileRuleSet([{ spec: bad, source: 'custom.yml:3' }]), /^RuleError: rule bad-rule \(custom\.yml:3\): invalid pattern/);
  });

  it('gives one regex per rule, compiled once', () => {
    const set = compileRuleSet(builtinRuleSpecs().slice(0, 3));
    const rule = set.rules[0];
    const first = rule?.regex;
    assert.ok(first?.flags.includes('d'));
    assert.equal(rule?.regex, first);
    assert.ok(builtinRuleSpecs().every((s) => s.trusted === true));
  });
});
