// A provider rule that is switched off (spec `enabled: false`, or disabled in config) still keeps
// generic rules from reporting its matches: a Stripe test key is not a generic `*_SECRET_KEY`.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectFragment, type SkipCounter } from '../../src/core/detect.ts';
import { builtinRuleSpecs } from '../../src/data/builtin.ts';
import { compileRuleSet } from '../../src/rules/ruleset.ts';
import { gen } from '../helpers/secrets.ts';

const specs = builtinRuleSpecs();

function scan(text: string, options: Parameters<typeof compileRuleSet>[1] = {}): { ids: string[]; skipped: SkipCounter } {
  const skipped: SkipCounter = {};
  const ids = detectFragment({ text, path: 'app.env' }, compileRuleSet(specs, options), skipped).map((f) => f.ruleId);
  return { ids, skipped };
}

describe('switched-off provider rules suppress generic re-reports', () => {
  it('a Stripe test key is reported by no generic rule while stripe-test-key is off', () => {
    const r = scan(`STRIPE_SECRET_KEY=${gen('sk_test_{{gen:alnum:24}}')}\nstripe_api_key: "${gen('rk_test_{{gen:alnum:30}}')}"\n`);
    assert.deepEqual(r.ids, []);
    assert.ok((r.skipped.superseded ?? 0) >= 2);
  });
  it('enabling the rule reports it under its own id', () => {
    assert.deepEqual(scan(`STRIPE_SECRET_KEY=${gen('sk_test_{{gen:alnum:24}}')}\n`, { enable: ['stripe-test-key'] }).ids, ['stripe-test-key']);
  });
  it('a provider rule disabled in config is not reported under a generic id either', () => {
    assert.deepEqual(scan(`STRIPE_SECRET_KEY=${gen('sk_live_{{gen:alnum:24}}')}\n`, { disable: ['stripe-secret-key'] }).ids, []);
  });
  it('a disabled generic rule suppresses nothing', () => {
    assert.deepEqual(scan(`PAYMENTS_API_KEY=${gen('{{gen:alnum:32}}')}\n`, { disable: ['generic-api-key'] }).ids, ['env-secret-assignment']);
  });
});
