// Table-driven tests of the detection pipeline's stages, on a small fixed rule set.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildRuleSet, detectFragment, pathOnlyAt, type SkipCounter } from '../../src/core/detect.ts';
import type { RuleSpec } from '../../src/core/types.ts';
import { builtinPlaceholders } from '../../src/data/builtin.ts';
import { compileRule } from '../../src/rules/compile.ts';
import { awsKeyId, githubPat, gen } from '../helpers/secrets.ts';

const base: Pick<RuleSpec, 'severity' | 'playbook' | 'examples' | 'negativeExamples'> = { severity: 'high', playbook: 'generic-api-token', examples: ['x'], negativeExamples: ['y'] };
const specs: RuleSpec[] = [
  { ...base, id: 'github-pat', name: 'GitHub PAT', pattern: '\\b(ghp_[A-Za-z0-9]{36})\\b', keywords: ['ghp_'], validator: 'github-checksum', severity: 'critical' },
  { ...base, id: 'aws-access-key-id', name: 'AWS key id', pattern: '\\b((?:AKIA|ASIA)[A-Z2-7]{16})\\b', keywords: ['akia', 'asia'] },
  { ...base, id: 'generic-token', name: 'Token', pattern: '(?:token|secret)[\\w.-]{0,20}\\s*[:=]\\s*["\']?([A-Za-z0-9_]{16,})', flags: 'i', keywords: ['token', 'secret'], entropy: 3, generic: true },
  { ...base, id: 'client-secret', name: 'Client secret', pattern: 'client_secret\\s*=\\s*(\\w{20,})', keywords: ['client_secret'], entropy: 3 },
  { ...base, id: 'pem', name: 'Key', pattern: '(-----BEGIN PRIVATE KEY-----[\\s\\S]{20,4000}?-----END PRIVATE KEY-----)', keywords: ['-----begin'], reach: { after: 5000 }, allowPlaceholders: true },
];
const ruleSet = buildRuleSet(specs.map((s) => compileRule(s)), builtinPlaceholders());

interface Case {
  name: string;
  text: string;
  path?: string;
  expect: { ruleId: string; line: number; column: number; endLine?: number; confidence?: string }[];
  skipped?: SkipCounter;
}

function cases(): Case[] {
  const pat = githubPat();
  const key = awsKeyId();
  return [
    { name: 'a checksum-valid GitHub token is reported with high confidence', text: `x = 1\nGITHUB_TOKEN=${pat}\n`, expect: [{ ruleId: 'github-pat', line: 2, column: 14, confidence: 'high' }] },
    { name: 'a checksum-invalid GitHub lookalike is dropped by the validator', text: `t=${gen('{{gen:badchecksum:ghp:30}}')}`, expect: [], skipped: { 'validator-rejected': 1 } },
    { name: 'a checksum-invalid lookalike is not reported by a generic rule either', text: `token = ${gen('{{gen:badchecksum:ghp:30}}')}`, expect: [], skipped: { 'validator-rejected': 2 } },
    { name: 'a provider rule beats a generic rule on the same span', text: `token = ${pat}`, expect: [{ ruleId: 'github-pat', line: 1, column: 9 }], skipped: { superseded: 1 } },
    { name: 'inline keywarden:allow suppresses the line', text: `key = "${key}" # keywarden:allow\nkey2 = "${key}"`, expect: [{ ruleId: 'aws-access-key-id', line: 2, column: 9 }], skipped: { 'inline-allow': 1 } },
    { name: 'placeholders are not secrets', text: 'token = xxxxxxxxxxxxxxxxxxxxxxxx\nsecret = ${MY_SECRET_VALUE_FROM_ENV}', expect: [] },
    { name: 'low-entropy values are dropped', text: 'token = aaaaabbbbbaaaaabbbbb', expect: [], skipped: { 'low-entropy': 1 } },
    { name: 'nested keywords still select their rule (secret inside client_secret)', text: `client_secret = ${gen('{{gen:alnum:32}}')}`, expect: [{ ruleId: 'client-secret', line: 1, column: 17 }] },
    { name: 'an AWS key id and its neighbour are two findings with their own columns', text: `a=${key} b=${awsKeyId()}`, expect: [{ ruleId: 'aws-access-key-id', line: 1, column: 3 }, { ruleId: 'aws-access-key-id', line: 1, column: 26 }] },
  ];
}

describe('detectFragment', () => {
  for (const c of cases()) {
    it(c.name, () => {
      const skipped: SkipCounter = {};
      const got = detectFragment({ text: c.text, path: c.path ?? 'a.txt' }, ruleSet, skipped);
      assert.deepEqual(
        got.map((f) => ({ ruleId: f.ruleId, line: f.line, column: f.column })),
        c.expect.map(({ ruleId, line, column }) => ({ ruleId, line, column })),
      );
      c.expect.forEach((e, i) => {
        if (e.confidence) assert.equal(got[i]?.confidence, e.confidence);
      });
      for (const [reason, n] of Object.entries(c.skipped ?? {})) assert.equal(skipped[reason as keyof SkipCounter], n, `skipped.${reason}`);
    });
  }

  it('runs a rule without keywords on the paths it selects, path after path (the last answer is kept, per path)', () => {
    const envRule = compileRule({ ...base, id: 'env-file', name: 'Env file', pattern: '^APP_VALUE=(\\w{8,})$', keywords: [], paths: ['**/*.env'], entropy: 2 });
    const rs = buildRuleSet([...specs.map((s) => compileRule(s)), envRule]);
    const text = `APP_VALUE=${gen('{{gen:alnum:24}}')}`;
    const found = (path: string): string[] => detectFragment({ text, path }, rs).map((m) => m.ruleId);
    for (const [path, expect] of [['a.env', ['env-file']], ['a.env', ['env-file']], ['b.txt', []], ['a.env', ['env-file']], ['x/c.env', ['env-file']]] as const) {
      assert.deepEqual(found(path), expect, path);
      assert.deepEqual(pathOnlyAt(rs, path).length, expect.length, path);
    }
  });

  it('counts a match whose secret group captured nothing', () => {
    const optional = buildRuleSet([compileRule({ ...base, id: 'optional-group', name: 'Optional', pattern: 'apikey=(\\w{20,})?;', keywords: ['apikey'] })]);
    const skipped: SkipCounter = {};
    assert.deepEqual(detectFragment({ text: 'apikey=;', path: 'a' }, optional, skipped), []);
    assert.deepEqual(skipped, { 'empty-secret': 1 });
  });

  it('reports a multi-line secret from its first line to its last', () => {
    const body = gen('{{gen:base64:64}}\n{{gen:base64:64}}');
    const text = `config:\n  key: |\n    -----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----\n`;
    const [f] = detectFragment({ text, path: 'k.yaml' }, ruleSet);
    assert.ok(f);
    assert.equal(f.ruleId, 'pem');
    assert.equal(f.line, 3);
    assert.equal(f.column, 5);
    assert.equal(f.endLine, 6);
    assert.equal(f.endColumn, '-----END PRIVATE KEY-----'.length + 1);
  });

  it('maps lines through lineNumbers for diff fragments and startLine for chunks', () => {
    const text = `added = 1\nkey = ${awsKeyId()}\n`;
    assert.equal(detectFragment({ text, path: 'a', lineNumbers: [10, 42] }, ruleSet)[0]?.line, 42);
    assert.equal(detectFragment({ text, path: 'a', startLine: 100 }, ruleSet)[0]?.line, 101);
  });

  it('keeps the raw secret out of JSON and spreads, but reachable for masking', () => {
    const pat = githubPat();
    const [f] = detectFragment({ text: `t=${pat}`, path: 'a' }, ruleSet);
    assert.ok(!JSON.stringify(f).includes(pat));
    assert.ok(f);
    assert.ok(!JSON.stringify({ ...f }).includes(pat));
    assert.equal((f as { secret?: string }).secret, pat);
  });

  it('bounds work on a very long line: only windows around keywords are scanned', () => {
    const key = awsKeyId();
    const filler = 'var a=function(){return 1};'.repeat(40_000); // ~1 MB, one line
    const text = `${filler}k="${key}";${filler}`;
    const skipped: SkipCounter = {};
    const got = detectFragment({ text, path: 'app.min.js' }, ruleSet, skipped);
    assert.equal(got.length, 1);
    assert.equal(got[0]?.column, filler.length + 4);
  });

  it('never drops a window: a secret after thousands of keyword hits on one long line is found', () => {
    const key = awsKeyId();
    const sparse = Array.from({ length: 5000 }, (_, i) => `${'z'.repeat(5000)}token${i}`).join('');
    const got = detectFragment({ text: `${sparse}akia="${key}"`, path: 'y.min.js' }, ruleSet);
    assert.deepEqual(got.map((f) => f.ruleId), ['aws-access-key-id']);
    assert.equal(got[0]?.column, sparse.length + 7);
  });

  it('runs a rule within its reach of its own keyword: the line (and the next) by default, farther when declared', () => {
    const key = 'k'.repeat(4) + gen('{{gen:alnum:28}}');
    const near = buildRuleSet([compileRule({ ...base, id: 'near', name: 'Near', pattern: 'val=(\\w{32})', keywords: ['acme'] })]);
    const far = buildRuleSet([compileRule({ ...base, id: 'far', name: 'Far', pattern: 'val=(\\w{32})', keywords: ['acme'], reach: { after: 200 } })]);
    const file = buildRuleSet([compileRule({ ...base, id: 'file', name: 'File', pattern: 'val=(\\w{32})', keywords: ['acme'], reach: 'file' })]);
    const ids = (rs: typeof ruleSet, text: string): number => detectFragment({ text, path: 'a' }, rs).length;
    assert.equal(ids(near, `acme\nval=${key}`), 1, 'the next line is in reach');
    assert.equal(ids(near, `acme\n\n\nval=${key}`), 0);
    assert.equal(ids(far, `acme\n\n\nval=${key}`), 1);
    assert.equal(ids(far, `acme\n${'x'.repeat(300)}\n\nval=${key}`), 0);
    assert.equal(ids(file, `val=${key}\n${'x\n'.repeat(500)}acme`), 1);
  });
});

describe('jwt validator', () => {
  it('rejects the public jwt.io documentation token and accepts a signed token', async () => {
    const { jwt } = await import('../../src/core/validators/jwt.ts');
    const enc = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
    const sig = gen('{{gen:base64url:43}}');
    assert.equal(jwt(`${enc({ alg: 'HS256', typ: 'JWT' })}.${enc({ sub: '1234567890', name: 'John Doe', iat: 1516239022 })}.${sig}`), 'invalid');
    assert.equal(jwt(`${enc({ alg: 'HS256', typ: 'JWT' })}.${enc({ sub: 'svc-42', iat: 1700000000 })}.${sig}`), 'valid');
    assert.equal(jwt(`${enc({ alg: 'none' })}.${enc({ sub: 'x' })}.`), 'invalid');
  });
});
