// The eval corpus generator: deterministic, answers point at the planted secrets, no raw secret in the key.
import assert from 'node:assert/strict';
import { createPrivateKey } from 'node:crypto';
import { describe, it } from 'node:test';
import { buildCorpus, type CorpusOptions } from '../../bench/eval/corpus.ts';
import { assemble, type Host } from '../../bench/eval/host.ts';
import { seedUnseededGenerators, seededPrivateKey } from '../../bench/eval/keys.ts';
import { makePlant, parseAssign } from '../../bench/eval/plant.ts';
import type { RuleSpec } from '../../src/core/types.ts';
import { builtinRuleSpecs } from '../../src/data/builtin.ts';
import { rng } from '../../src/rules/examples.ts';

const SMALL: CorpusOptions = { seed: 'test', perRule: 2, decoys: 80, decoyFiles: 12, fillerFiles: 6 };
const specs = builtinRuleSpecs();
const corpus = buildCorpus(specs, SMALL);

describe('buildCorpus', () => {
  it('is deterministic for a seed and rule pack', () => {
    const again = buildCorpus(specs, SMALL);
    assert.deepEqual([...again.files.entries()], [...corpus.files.entries()]);
    assert.deepEqual(again.answers, corpus.answers);
  });

  it('plants every enabled rule that has a usable example', () => {
    const planted = new Set(corpus.answers.secrets.map((s) => s.ruleId));
    const skipped = new Set(corpus.answers.skipped.map((s) => s.ruleId));
    for (const { spec } of specs) assert.ok(planted.has(spec.id) || skipped.has(spec.id), `${spec.id} neither planted nor skipped`);
  });

  it('records lines that exist and hold the start of the planted secret', () => {
    for (const s of corpus.answers.secrets) {
      const lines = corpus.files.get(s.file)?.split('\n');
      assert.ok(lines && s.line >= 1 && s.endLine >= s.line && s.endLine <= lines.length, `${s.file}:${s.line}`);
      const prefix = s.redacted.split('…')[0];
      assert.ok(lines[s.line - 1]?.includes(prefix ?? ''), `${s.file}:${s.line} should contain "${prefix}" (${s.ruleId} via ${s.host}/${s.style})`);
    }
  });

  it('never puts a decoy on a planted secret line', () => {
    const planted = new Set(corpus.answers.secrets.map((s) => `${s.file}:${s.line}`));
    for (const d of corpus.answers.decoys) assert.ok(!planted.has(`${d.file}:${d.line}`), `${d.file}:${d.line}`);
  });

  it('keeps raw secrets out of the answer key', () => {
    // Everything but the fields that are names (rule ids, families, paths, hosts).
    const key = JSON.stringify(corpus.answers.secrets.map((s) => [s.hash, s.fingerprint, s.redacted]));
    for (const s of corpus.answers.secrets) {
      const line = corpus.files.get(s.file)?.split('\n')[s.line - 1] ?? '';
      for (const token of line.match(/[A-Za-z0-9_+/=.-]{16,}/g) ?? []) assert.ok(!key.includes(token), `${s.ruleId}: answer key holds a value from ${s.file}:${s.line}`);
    }
  });
});

const spec = (over: Partial<RuleSpec>): RuleSpec => ({ id: 't', name: 't', pattern: '', keywords: [], severity: 'high', playbook: 'generic-api-token', examples: [], negativeExamples: [], ...over });

describe('makePlant', () => {
  it('reads assignments in the usual syntaxes', () => {
    assert.deepEqual(parseAssign('export API_KEY="abc def"'), { key: 'API_KEY', value: 'abc def' });
    assert.deepEqual(parseAssign('  "token": "v1",'), { key: 'token', value: 'v1' });
    assert.deepEqual(parseAssign('conn := `x`'), { key: 'conn', value: 'x' });
    assert.equal(parseAssign('curl -u user:pass https://h'), undefined);
    assert.equal(parseAssign('imaps://user@example.org:pw@imap.example.org:993/INBOX'), undefined);
    assert.equal(parseAssign('PGPASSWORD=pw psql -h db -U app'), undefined);
    assert.deepEqual(parseAssign('url: "//cdn.example.org/x.js"'), { key: 'url', value: '//cdn.example.org/x.js' });
  });

  it('marks a prefixed token as self-identifying and a keyed password as needing its key', () => {
    const token = makePlant(spec({ pattern: '\\b(tkn_[a-z0-9]{20})\\b', keywords: ['tkn_'], examples: ['T = tkn_{{gen:lowernum:20}}'] }), 'rules/t.yaml', 0, 's');
    const pw = makePlant(spec({ pattern: 'password\\s*=\\s*"([^"]{8,})"', keywords: ['password'], examples: ['password = "{{gen:alnum:16}}"'] }), 'rules/t.yaml', 0, 's');
    assert.equal(token?.contextFree, true);
    assert.equal(token?.assign?.key, 'T');
    assert.equal(pw?.contextFree, false);
    assert.equal(pw?.secret.length, 16);
    assert.equal(pw?.family, 't');
  });

  it('gives up on an example its own rule does not match', () => {
    assert.equal(makePlant(spec({ pattern: '(zzz)', examples: ['abc'] }), 'rules/t.yaml', 0, 's'), undefined);
  });
});

describe('keys', () => {
  it('derives the same parseable private key from the same seed', () => {
    for (const kind of ['ec', 'ed25519', 'rsa-pkcs1']) {
      const a = seededPrivateKey(kind, rng(`k:${kind}`));
      assert.equal(a, seededPrivateKey(kind, rng(`k:${kind}`)));
      assert.ok(createPrivateKey(a).asymmetricKeyType);
    }
  });

  it('replaces only the unseeded generators', () => {
    const out = seedUnseededGenerators('{{gen:uuid}} {{gen:hex:8}} {{gen:pemjson:ec}}', rng('x'));
    assert.match(out, /^[0-9a-f-]{36} \{\{gen:hex:8\}\} -----BEGIN PRIVATE KEY-----\\n.*\\n$/);
  });
});

describe('assemble', () => {
  it('returns the file line of each block target', () => {
    let n = 0;
    const host: Host = { id: 'h', path: () => 'f', styles: ['assign'], render: () => ({ lines: [], target: 0 }), header: () => ['H'], footer: () => ['F'], filler: () => [`filler ${n++}`] };
    const { lines, targets } = assemble(host, [{ lines: ['a0', 'a1'], target: 1 }, { lines: ['b0'], target: 0 }], rng('a'));
    assert.deepEqual(targets.map((t) => lines[t]), ['a1', 'b0']);
    assert.equal(lines[0], 'H');
    assert.equal(lines[lines.length - 1], 'F');
  });
});
