// The "how to fix or allow" block for a blocked commit.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { commitHints } from '../../src/cli/hints.ts';
import type { Secret } from '../../src/core/types.ts';

const finding = (i: number, places = 1): Secret =>
  ({
    occurrences: Array.from({ length: places }, (_, k) => ({ path: `src/f${i}.js`, line: i + 1 + k, column: 1, endLine: i + 1 + k, endColumn: 2 })),
    ruleId: 'github-pat',
    redacted: `ghp_A… (40 chars, #00000${i})`,
    fingerprint: String(i % 10).repeat(40),
  }) as Secret;

describe('commitHints', () => {
  it('says nothing when nothing was found', () => {
    assert.equal(commitHints([]), '');
  });

  it('lists where, what and the fingerprint, then the ways to fix or allow', () => {
    const text = commitHints([finding(1)]);
    assert.match(text, /^Commit blocked: 1 secret in the staged changes\.\n {2}src\/f1\.js:2 {2}github-pat {2}ghp_A… \(40 chars, #000001\) {2}fingerprint 1{40}\n/);
    assert.match(text, /keywarden playbook <rule-id>/);
    assert.match(text, /`keywarden:allow` on the same line/);
    assert.match(text, new RegExp(`npx keywarden ignore ${'1'.repeat(40)} --reason`));
  });

  it('names the first place of a secret and counts the others', () => {
    assert.match(commitHints([finding(1, 3)]), /src\/f1\.js:2 \(\+2 more\) {2}github-pat/);
  });

  it('inside the pre-commit framework, where keywarden is not on PATH, gives the ignore-file line instead', () => {
    const text = commitHints([finding(1)], { preCommitFramework: true });
    assert.doesNotMatch(text, /keywarden ignore/);
    assert.match(text, new RegExp(`add this line to \\.keywardenignore and stage it: ${'1'.repeat(40)}  # why it is safe`));
  });

  it('stays short for many findings', () => {
    const text = commitHints(Array.from({ length: 25 }, (_, i) => finding(i)));
    assert.equal(text.split('\n').filter((l) => l.includes('fingerprint ')).length, 10);
    assert.match(text, /… and 15 more/);
  });
});
