// Misspelled names are rejected with one line and the nearest valid names (issue 11.11): --threads
// out of range, unknown --enable-rule/--disable-rule ids, a custom rule's unknown validator.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { didYouMean, nearest } from '../../src/core/nearest.ts';
import { runCli } from '../helpers/cli.ts';

function dirWith(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'kw-typo-'));
  writeFileSync(join(dir, 'a.txt'), 'nothing\n');
  for (const [p, t] of Object.entries(files)) writeFileSync(join(dir, p), t);
  return dir;
}

function assertOneLine(r: { code: number; stdout: string; stderr: string }, pattern: RegExp): void {
  assert.equal(r.code, 2, r.stdout + r.stderr);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, pattern);
}

describe('typos and out-of-range values', () => {
  it('--threads is 1..64', async () => {
    const dir = dirWith();
    assertOneLine(await runCli(['scan', '--threads', '500'], dir), /--threads: "500" is not a whole number from 1 to 64/);
    assertOneLine(await runCli(['scan', '--threads', '0'], dir), /--threads/);
    assert.equal((await runCli(['scan', '--threads', '64'], dir)).code, 0);
  });

  it('--enable-rule / --disable-rule with a misspelled id name the nearest ids', async () => {
    const dir = dirWith();
    assertOneLine(await runCli(['scan', '--disable-rule', 'github-pta'], dir), /--disable-rule: unknown rule id "github-pta" \(did you mean github-pat/);
    assertOneLine(await runCli(['scan', '--enable-rule', 'stripe-test-kye'], dir), /--enable-rule: unknown rule id "stripe-test-kye" \(did you mean stripe-test-key/);
    assert.equal((await runCli(['scan', '--disable-rule', 'github-pat'], dir)).code, 0);
  });

  it('a custom rule with a misspelled validator names the valid ones', async () => {
    const rule = String.raw`rules:
  - id: acme-token
    name: ACME token
    pattern: '\b(acme_[a-z0-9]{24})\b'
    keywords: [acme_]
    severity: high
    playbook: generic-api-token
    validator: github-checksun
    examples: ['k = acme_{{gen:lowernum:24}}']
    negativeExamples: ['k = acme_short']
`;
    const dir = dirWith({ '.keywarden.yml': rule });
    assertOneLine(await runCli(['scan'], dir), /\.keywarden\.yml:8: rule acme-token: unknown validator "github-checksun" \(did you mean github-checksum/);
  });

  it('nearest() suggests only names that are close', () => {
    assert.deepEqual(nearest('scna', ['scan', 'rules', 'init']), ['scan']);
    assert.deepEqual(nearest('xyz', ['scan', 'rules', 'init']), []);
    assert.equal(didYouMean('stagd', ['staged', 'stage', 'history']), ' (did you mean stage or staged?)');
    assert.equal(didYouMean('qqqqqq', ['staged']), '');
  });
});
