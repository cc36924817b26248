// The one grouping stage: matches of one value become one secret, whatever rule found them and
// wherever; its fingerprint is the value's, not the rule's.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildRuleSet, detectFragment } from '../../src/core/detect.ts';
import { Fingerprinter, keyedFingerprint, slowFingerprint } from '../../src/core/fingerprint.ts';
import { groupMatches } from '../../src/core/group.ts';
import { secretOf } from '../../src/core/match.ts';
import type { Match, RuleSpec } from '../../src/core/types.ts';
import { compileRule } from '../../src/rules/compile.ts';
import { testFingerprintOf } from '../helpers/report.ts';
import { gen, githubPat } from '../helpers/secrets.ts';

const base: Pick<RuleSpec, 'severity' | 'examples' | 'negativeExamples'> = { severity: 'high', examples: ['x'], negativeExamples: ['y'] };
const specs: RuleSpec[] = [
  { ...base, id: 'github-pat', name: 'GitHub PAT', pattern: '\\b(ghp_[A-Za-z0-9]{36})\\b', keywords: ['ghp_'], validator: 'github-checksum', severity: 'critical', playbook: 'github' },
  { ...base, id: 'generic-token', name: 'Token', pattern: 'token\\s*[:=]\\s*["\']?([A-Za-z0-9_]{16,})', flags: 'i', keywords: ['token'], entropy: 3, generic: true, playbook: 'generic-api-token' },
  { ...base, id: 'password', name: 'Password', pattern: 'password\\s*=\\s*(\\S{8,})', keywords: ['password'], generic: true, playbook: 'password', allowPlaceholders: true },
];
const rules = specs.map((s) => compileRule(s));
const ruleSet = buildRuleSet(rules);
const byId = new Map(rules.map((r) => [r.id, r]));

function matches(...files: [string, string][]): Match[] {
  return files.flatMap(([path, text]) => detectFragment({ text, path }, ruleSet));
}

describe('groupMatches', () => {
  it('one value in three files is one secret with three occurrences, in the order given', async () => {
    const pat = githubPat();
    const secrets = await groupMatches(matches(['a.env', `T=${pat}`], ['b.env', `x\nT=${pat}`], ['c.env', `T=${pat}`]), byId, testFingerprintOf);
    assert.equal(secrets.length, 1);
    assert.deepEqual(secrets[0]?.occurrences.map((o) => `${o.path}:${o.line}`), ['a.env:1', 'b.env:2', 'c.env:1']);
    assert.equal(secretOf(secrets[0] ?? {}), pat);
    assert.ok(!JSON.stringify(secrets).includes(pat));
  });

  it('a value found by a provider rule in one place and a generic rule in another is one secret named by the provider rule', async () => {
    const pat = githubPat();
    const ms = matches(['a.env', `GH=${pat}`]);
    const generic = matches(['b.env', `token = ${gen('{{gen:alnum:24}}')}`]);
    // The same value under the generic rule only (as if the provider rule were disabled there).
    const again = [{ ...generic[0], path: 'c.env' } as Match];
    Object.defineProperty(again[0], 'secret', { value: pat, enumerable: false });
    const secrets = await groupMatches([...ms, ...again], byId, testFingerprintOf);
    assert.equal(secrets.length, 1);
    assert.equal(secrets[0]?.ruleId, 'github-pat');
    assert.equal(secrets[0]?.type, 'github');
    assert.equal(secrets[0]?.occurrences.length, 2);
  });

  it('the fingerprint is the value\'s: the same under any rule, trimmed, different per value', async () => {
    const pat = githubPat();
    assert.equal(await testFingerprintOf(pat), await testFingerprintOf(` ${pat}\n`));
    const viaProvider = (await groupMatches(matches(['a', `GH=${pat}`]), byId, testFingerprintOf))[0];
    const viaGeneric = (await groupMatches(matches(['a', `token = ${pat}`]).filter((m) => m.ruleId === 'github-pat'), byId, testFingerprintOf))[0];
    assert.equal(viaProvider?.fingerprint, viaGeneric?.fingerprint);
    assert.notEqual(await testFingerprintOf(pat), await testFingerprintOf(githubPat()));
  });

  it('the same value at the same place twice is one occurrence, counted as a duplicate', async () => {
    const pat = githubPat();
    const skipped = {};
    const secrets = await groupMatches(matches(['a.env', `T=${pat}`], ['a.env', `T=${pat}`]), byId, testFingerprintOf, skipped);
    assert.equal(secrets[0]?.occurrences.length, 1);
    assert.deepEqual(skipped, { duplicate: 1 });
  });

  it('redacts a password without any prefix, a provider token with its prefix; no hash of the value', async () => {
    const pw = 'Liverpool1892!';
    const pat = githubPat();
    const secrets = await groupMatches(matches(['a', `password = ${pw}\nGH=${pat}`]), byId, testFingerprintOf);
    const [password, token] = [secrets.find((s) => s.type === 'password'), secrets.find((s) => s.type === 'github')];
    assert.match(password?.redacted ?? '', /^… \(14 chars, #[0-9a-f]{6}\)$/);
    assert.equal(password?.redacted.slice(-7, -1), password?.fingerprint.slice(0, 6), 'the tag is the fingerprint\'s');
    assert.match(token?.redacted ?? '', /^ghp_\w\w… \(40 chars, #[0-9a-f]{6}\)$/);
  });
});

describe('fingerprints', () => {
  it('keyed: HMAC, 40 hex, depends on the key', () => {
    const a = keyedFingerprint('k'.repeat(16), 'value');
    assert.match(a, /^[0-9a-f]{40}$/);
    assert.notEqual(a, keyedFingerprint('j'.repeat(16), 'value'));
  });

  it('keyless: scrypt, computed once per distinct value per scan', async () => {
    const f = new Fingerprinter();
    assert.equal(f.keyed, false);
    const started = performance.now();
    const [a, b] = await Promise.all([f.of('Dragon#2023x'), f.of(' Dragon#2023x ')]);
    const first = performance.now() - started;
    assert.equal(a, b);
    assert.equal(a, await slowFingerprint('Dragon#2023x'));
    const again = performance.now();
    await f.of('Dragon#2023x');
    assert.ok(performance.now() - again < first, 'cached');
    assert.match(a, /^[0-9a-f]{40}$/);
  });
});
