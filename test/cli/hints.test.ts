// The "how to fix or allow" block for a blocked commit.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { commitHints } from '../../src/cli/hints.ts';
import type { Finding } from '../../src/core/types.ts';

const finding = (i: number): Finding =>
  ({ path: `src/f${i}.js`, line: i + 1, ruleId: 'github-pat', redacted: `ghp_A… (40 chars, #0000000${i})`, fingerprint: String(i % 10).repeat(32) }) as Finding;

describe('commitHints', () => {
  it('says nothing when nothing was found', () => {
    assert.equal(commitHints([]), '');
  });

  it('lists where, what and the fingerprint, then the ways to fix or allow', () => {
    const text = commitHints([finding(1)]);
    assert.match(text, /^Commit blocked: 1 secret in the staged changes\.\n {2}src\/f1\.js:2 {2}github-pat {2}ghp_A… \(40 chars, #00000001\) {2}fingerprint 1{32}\n/);
    assert.match(text, /keywarden playbook <rule-id>/);
    assert.match(text, /`keywarden:allow` on the same line/);
    assert.match(text, new RegExp(`npx keywarden ignore ${'1'.repeat(32)} --reason`));
  });

  it('inside the pre-commit framework, where keywarden is not on PATH, gives the ignore-file line instead', () => {
    const text = commitHints([finding(1)], { preCommitFramework: true });
    assert.doesNotMatch(text, /keywarden ignore/);
    assert.match(text, new RegExp(`add this line to \\.keywardenignore and stage it: ${'1'.repeat(32)}  # why it is safe`));
  });

  it('stays short for many findings', () => {
    const text = commitHints(Array.from({ length: 25 }, (_, i) => finding(i)));
    assert.equal(text.split('\n').filter((l) => l.includes('fingerprint ')).length, 10);
    assert.match(text, /… and 15 more/);
  });
});
