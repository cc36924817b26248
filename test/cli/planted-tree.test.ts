// Issue 2's acceptance test: `keywarden scan DIR --format sarif` on a tree with a planted synthetic
// secret of every enabled rule type finds each with the right rule id and line, stays silent on the
// decoys (placeholders, documentation keys, hashes, UUIDs, lockfile integrity, public keys,
// certificates), and never writes a planted value.
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { Log } from 'sarif';
import { builtinRuleSpecs } from '../../src/data/builtin.ts';
import { compileRule } from '../../src/rules/compile.ts';
import { examplePath, exampleText, expandExample } from '../../src/rules/examples.ts';
import { sarifSchemaErrors } from '../helpers/sarif-schema.ts';
import { runCli } from '../helpers/cli.ts';
import { gen } from '../helpers/secrets.ts';

interface Plant {
  ruleId: string;
  path: string;
  line: number;
  secret: string;
}

function decoys(): string {
  const pub = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return [
    "const password = process.env.DB_PASSWORD;",
    "const apiKey = '<your-api-key>';",
    'api_key: "{{ .Values.apiKey }}"',
    'secret = "${CLIENT_SECRET}"',
    'AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE',
    'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    `"integrity": "sha512-${gen('{{gen:base64:86}}')}=="`,
    `token_sha256 = "${gen('{{gen:hex:64}}')}"`,
    `request_id = "${gen('{{gen:uuid}}')}"`,
    `image: registry.example.org/app@sha256:${gen('{{gen:hex:64}}')}`,
    `github.com/pkg/errors v0.9.1 h1:${gen('{{gen:base64:43}}')}=`,
    'password: "********"',
    'token = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"',
    pub.trim(),
    '-----BEGIN CERTIFICATE-----',
    ...gen('{{gen:base64:64}}\n{{gen:base64:64}}\n{{gen:base64:20}}').split('\n'),
    '-----END CERTIFICATE-----',
    '',
  ].join('\n');
}

describe('scan of a tree with every rule type planted', () => {
  let dir = '';
  const plants: Plant[] = [];
  let sarifText = '';
  let log: Log;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kw-planted-'));
    for (const { spec, source } of builtinRuleSpecs()) {
      if (spec.enabled === false) continue;
      const ex = spec.examples[0];
      if (ex === undefined) continue;
      const text = expandExample(exampleText(ex), `planted:${spec.id}`);
      const path = typeof ex === 'string' ? `planted/${spec.id}.txt` : `planted/${spec.id}/${examplePath(ex)}`;
      const m = new RegExp(compileRule(spec, source).regex.source, `d${spec.flags ?? ''}`).exec(text);
      assert.ok(m?.indices?.[1], `${spec.id}: its first example does not match its own pattern`);
      plants.push({ ruleId: spec.id, path, line: text.slice(0, m.indices[1][0]).split('\n').length, secret: m[1] ?? '' });
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    mkdirSync(join(dir, 'decoys'));
    writeFileSync(join(dir, 'decoys/app.js'), decoys());
    writeFileSync(join(dir, 'decoys/package-lock.json'), JSON.stringify({ packages: { 'node_modules/a': { version: '1.0.0', integrity: `sha512-${gen('{{gen:base64:86}}')}==` } } }, null, 2));
    const r = await runCli(['scan', '.', '--format', 'sarif'], dir);
    assert.equal(r.code, 1, r.stderr);
    sarifText = r.stdout;
    log = JSON.parse(sarifText) as Log;
  });

  it('covers 40+ secret types', () => assert.ok(new Set(plants.map((p) => p.ruleId)).size >= 40));

  it('finds every planted secret with its rule id, file and line', () => {
    const results = log.runs[0]?.results ?? [];
    const missing = plants.filter(
      (p) =>
        !results.some((r) => r.ruleId === p.ruleId && decodeURI(r.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '') === p.path && r.locations?.[0]?.physicalLocation?.region?.startLine === p.line),
    );
    assert.deepEqual(missing.map((p) => `${p.ruleId} ${p.path}:${p.line}`), []);
  });

  it('stays silent on the decoys', () => {
    const noisy = (log.runs[0]?.results ?? []).filter((r) => r.locations?.[0]?.physicalLocation?.artifactLocation?.uri?.startsWith('decoys/'));
    assert.deepEqual(noisy.map((r) => `${r.ruleId} line ${r.locations?.[0]?.physicalLocation?.region?.startLine}`), []);
  });

  it('writes valid SARIF with no planted value in it', () => {
    assert.deepEqual(sarifSchemaErrors(log), []);
    const leaked = plants.filter((p) => p.secret.length >= 8 && sarifText.includes(p.secret));
    assert.deepEqual(leaked.map((p) => p.ruleId), []);
  });
});
