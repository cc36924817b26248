// Control characters in file names never reach the terminal raw (issue 11.18): a name holding an
// escape sequence or a newline is printed escaped in the text report, in error lines and in logs.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { printable } from '../../src/core/printable.ts';
import { runCli } from '../helpers/cli.ts';
import { githubPat } from '../helpers/secrets.ts';

// Retitles an xterm window, then forges a line that looks like a clean summary.
const EVIL = 'cfg\x1b]0;owned\x07\n✔ no secrets found.env';

describe('control characters in file names', () => {
  it('the text report prints the name escaped, on one line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kw-esc-'));
    writeFileSync(join(dir, EVIL), `T=${githubPat()}\n`);
    const r = await runCli(['scan'], dir);
    assert.equal(r.code, 1);
    assert.ok(!r.stdout.includes('\x1b') && !r.stdout.includes('\x07'), 'no raw control character');
    assert.match(r.stdout, /^ {2}cfg\\x1b\]0;owned\\x07\\n✔ no secrets found\.env:1:3$/m);
    assert.doesNotMatch(r.stdout, /^✔ no secrets found/m, 'no forged line');
  });

  it('error lines escape names too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kw-esc-'));
    const missing = await runCli(['scan', 'gone\x1b[2J.txt'], dir);
    assert.equal(missing.code, 2);
    assert.ok(!missing.stderr.includes('\x1b'), missing.stderr);
    assert.match(missing.stderr, /gone\\x1b\[2J\.txt/);
    const cmd = await runCli(['sc\x1b[2Jan'], dir);
    assert.ok(!cmd.stderr.includes('\x1b'));
  });

  it('printable escapes C0, C1, DEL and bidi overrides, and leaves other text alone', () => {
    assert.equal(printable('a\tb\r\n\x00\x7f\u009b\u202e✔ é'), 'a\\tb\\r\\n\\x00\\x7f\\x9b\\u202e✔ é');
  });
});
