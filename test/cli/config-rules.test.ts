// `keywarden rules` with a configuration, and `keywarden rules test FILE`.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/cli.ts';

const RULE = String.raw`  - id: acme-token
    name: ACME token
    pattern: '\b(acme_[a-z0-9]{24})\b'
    keywords: [acme_]
    severity: high
    playbook: generic-api-token
    examples:
      - 'k = acme_{{gen:lowernum:24}}'
      - 'k = ACME_{{gen:lowernum:24}}'
    negativeExamples: ['k = acme_short']`;

function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kw-rules-'));
  for (const [p, t] of Object.entries(files)) writeFileSync(join(dir, p), t);
  return dir;
}

describe('keywarden rules', () => {
  it('lists custom rules with their file and line, and rules the configuration disables', async () => {
    const dir = dirWith({ '.keywarden.yml': `disable: [github-pat]\nrules:\n${RULE}\n` });
    const r = await runCli(['rules'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^acme-token +high +generic-api-token +ACME token \(custom, \.keywarden\.yml:3\)$/m);
    assert.match(r.stdout, /^github-pat .* \(disabled by config\)$/m);
    assert.match(r.stdout, /\d+ rules \(configuration: \.keywarden\.yml\)\n$/);
    const json = JSON.parse((await runCli(['rules', '--json'], dir)).stdout) as { id: string; enabled: boolean; source: string }[];
    assert.deepEqual(json.find((x) => x.id === 'acme-token'), { id: 'acme-token', name: 'ACME token', severity: 'high', playbook: 'generic-api-token', enabled: true, source: '.keywarden.yml:3' });
    assert.equal(json.find((x) => x.id === 'github-pat')?.enabled, false);
  });
});

describe('keywarden rules test', () => {
  it('prints pass/fail per example and exits 1 when one fails', async () => {
    const dir = dirWith({ 'acme.yaml': `provider: ACME\nrules:\n${RULE}\n` });
    const r = await runCli(['rules', 'test', 'acme.yaml'], dir);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^pass {2}acme-token {2}example #1$/m);
    assert.match(r.stdout, /^FAIL {2}acme-token {2}example #2 +not reported by acme-token: nothing reported$/m);
    assert.match(r.stdout, /^pass {2}acme-token {2}negative example #1$/m);
    assert.match(r.stdout, /3 examples of 1 rule: 2 passed, 1 failed\n$/);
  });

  it('exits 0 when every example passes; reads the rules of a .keywarden.yml too', async () => {
    const dir = dirWith({ '.keywarden.yml': `extends: default\nrules:\n${RULE.replace(/\n {6}- 'k = ACME_.*'/, '')}\n` });
    const r = await runCli(['rules', 'test', '.keywarden.yml'], dir);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /2 examples of 1 rule: 2 passed, 0 failed/);
  });

  it('a negative example that is reported fails, showing only the redacted value', async () => {
    const dir = dirWith({ 'bad.yaml': `rules:\n${RULE.replace("['k = acme_short']", "['k = acme_{{gen:lowernum:24}}']")}\n` });
    const r = await runCli(['rules', 'test', 'bad.yaml'], dir);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^FAIL {2}acme-token {2}negative example #1 +reported acme_\w… \(29 chars\)$/m);
  });

  it('an invalid or unsafe rule file is an error (exit 2) naming the rule', async () => {
    const dir = dirWith({ 'unsafe.yaml': `rules:\n${RULE.replace(String.raw`'\b(acme_[a-z0-9]{24})\b'`, String.raw`'acme_((?:\w+-?)+)!'`)}\n`, 'broken.yaml': 'rules:\n  - id: X\n' });
    const unsafe = await runCli(['rules', 'test', 'unsafe.yaml'], dir);
    assert.equal(unsafe.code, 2);
    assert.match(unsafe.stderr, /unsafe\.yaml:4: rule acme-token: pattern is unsafe: nested quantifier/);
    const broken = await runCli(['rules', 'test', 'broken.yaml'], dir);
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /broken\.yaml:2: rules\[0\] must have required property 'name' \(and \d+ more\)/);
  });
});
