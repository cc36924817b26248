// A value that starts with a provider's token prefix but is cut short or padded is not re-reported
// by a generic rule (src/core/claims.ts); a well-formed one is reported by its provider rule, and a
// value without a provider prefix stays a generic finding.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectFragment, type SkipCounter } from '../../src/core/detect.ts';
import { builtinRuleSpecs } from '../../src/data/builtin.ts';
import { compileRuleSet } from '../../src/rules/ruleset.ts';
import { gen } from '../helpers/secrets.ts';

const ruleSet = compileRuleSet(builtinRuleSpecs());

function scan(text: string): { ids: string[]; skipped: SkipCounter } {
  const skipped: SkipCounter = {};
  const ids = detectFragment({ text, path: 'app.env' }, ruleSet, skipped).map((f) => f.ruleId);
  return { ids, skipped };
}

describe('provider prefix claims', () => {
  it('a prefixed value much shorter than the provider token is reported by no rule', () => {
    const r = scan(`const sessionToken = "${gen('sm_pat_{{gen:lowernum:10}}')}";\n`);
    assert.deepEqual(r.ids, []);
    assert.equal(r.skipped['provider-format'], 1);
  });
  it('a Slack user token with too few digits is not reported as a generic token', () => {
    const r = scan(`"token3": "${gen('xoxp-{{gen:digits:4}}-{{gen:digits:4}}-{{gen:digits:4}}-{{gen:hex:32}}')}"\n`);
    assert.deepEqual(r.ids, []);
    assert.equal(r.skipped['provider-format'], 1);
  });
  it('a whole provider token with more glued on is not reported', () => {
    const r = scan(`APIFY_TOKEN=${gen('apify_api_{{gen:alnum:36}}')}_extra\n`);
    assert.deepEqual(r.ids, []);
    assert.equal(r.skipped['provider-format'], 1);
  });
  it('a provider prefix in the wrong case is not reported by a generic rule', () => {
    const r = scan(`APIFY_TOKEN=${gen('APIFY_API_{{gen:alnum:36}}')}\n`);
    assert.deepEqual(r.ids, []);
    assert.equal(r.skipped['provider-format'], 1);
  });
  it('a fixed-length token one character short is not reported by a generic rule', () => {
    const r = scan(`CANVA_CLIENT_SECRET=${gen('cnvca{{gen:alnum:50}}')}\n`);
    assert.deepEqual(r.ids, []);
    assert.equal(r.skipped['provider-format'], 1);
    assert.deepEqual(scan(`CANVA_CLIENT_SECRET=${gen('cnvca{{gen:alnum:51}}')}\n`).ids, ['canva-client-secret']);
  });
  it('a short prefix claims only with the format\'s structure after it (Salesforce 00D + org id + !)', () => {
    const cut = scan(`SALESFORCE_ACCESS_TOKEN=${gen('00D{{gen:alnum:12}}!{{gen:alnum:6}}')}\n`);
    assert.deepEqual(cut.ids, []);
    assert.equal(cut.skipped['provider-format'], 1);
    // A random value that happens to start with the three characters is no Salesforce token.
    const random = scan(`SESSION_TOKEN=${gen('00D{{gen:alnum:12}}{{gen:alnum:9}}')}\n`);
    assert.equal(random.ids.length, 1);
    assert.equal(random.skipped['provider-format'], undefined);
  });
  it('the well-formed token is reported by its provider rule', () => {
    assert.deepEqual(scan(`APIFY_TOKEN=${gen('apify_api_{{gen:alnum:36}}')}\n`).ids, ['apify-api-token']);
  });
  it('a value of the same length without the prefix stays a generic finding', () => {
    const r = scan(`const sessionToken = "${gen('{{gen:alnum:24}}')}";\n`);
    assert.deepEqual(r.ids, ['generic-token']);
    assert.equal(r.skipped['provider-format'], undefined);
  });
  it('a bare prefix that is no provider name claims too (a cut Google API key)', () => {
    const r = scan(`api_token = "${gen('AIza{{gen:alnum:20}}')}"\n`);
    assert.deepEqual(r.ids, []);
    assert.equal(r.skipped['provider-format'], 1);
  });
  it('a bare word keyword (a provider name) claims nothing', () => {
    const r = scan(`SLACK_SIGNING_SECRET=${gen('{{gen:hex:32}}')}\n`);
    assert.equal(r.ids.length, 1);
    assert.equal(r.skipped['provider-format'], undefined);
  });
});

describe('key-name claims (rules with ownsName)', () => {
  it('a value of the wrong length under a key a provider owns is reported by no rule', () => {
    const r = scan(`MERAKI_API_KEY=${gen('{{gen:hex:36}}')}\n`);
    assert.deepEqual(r.ids, []);
    assert.equal(r.skipped['provider-format'], 1);
  });
  it('the same value under a key no provider owns stays a generic finding', () => {
    const r = scan(`SERVICE_API_KEY=${gen('{{gen:hex:36}}')}\n`);
    assert.equal(r.ids.length, 1);
    assert.equal(r.skipped['provider-format'], undefined);
  });
  it('a value with a wrong alphabet or a missing prefix is a near-miss too', () => {
    for (const text of [`MISTRAL_API_KEY=${gen('{{gen:alnum:20}}_{{gen:alnum:11}}')}\n`, `TWITCH_STREAM_KEY = "${gen('{{gen:digits:9}}_{{gen:alnum:30}}')}"\n`]) {
      const r = scan(text);
      assert.deepEqual(r.ids, []);
      assert.equal(r.skipped['provider-format'], 1);
    }
  });
  it('the well-formed value under that key is reported by the provider rule', () => {
    assert.deepEqual(scan(`MERAKI_API_KEY=${gen('{{gen:hex:40}}')}\n`).ids, ['cisco-meraki-api-key']);
    assert.deepEqual(scan(`WANDB_API_KEY=local-${gen('{{gen:hex:40}}')}\n`).ids, ['wandb-api-key']);
  });
  it('a key with words beyond the provider and its credential names is not owned', () => {
    // A Gitea instance's own secret key and its admin password are not Gitea API tokens.
    const secretKey = scan(`GITEA__security__SECRET_KEY=${gen('{{gen:alnum:64}}')}\n`);
    assert.equal(secretKey.ids.length, 1);
    assert.equal(secretKey.skipped['provider-format'], undefined);
    assert.equal(scan(`GITEA_ADMIN_PASSWORD=${gen('{{gen:alnum:12}}{{gen:digits:4}}')}\n`).ids.length, 1);
  });
  it('a JWT under a hex-token provider key stays a finding; under a JWT provider key it is a near-miss', () => {
    assert.deepEqual(scan(`GITEA_ACCESS_TOKEN=${gen('{{gen:jwt}}')}\n`).ids, ['jwt']);
    // Temporal Cloud keys are JWTs that name temporal.io; another JWT there is not one.
    const r = scan(`TEMPORAL_API_KEY=${gen('{{gen:jwt}}')}\n`);
    assert.deepEqual(r.ids, []);
    assert.equal(r.skipped['provider-format'], 1);
  });
});
