// Errors about user files never echo a pasted secret (issue 11.16): a .keywardenignore or baseline
// line, a secret used as a YAML key, a .keywardenignore linked to a credentials file, a pasted value
// as an argument. They quote at most a short redacted prefix.
import assert from 'node:assert/strict';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { quoteUserValue } from '../../src/core/quote.ts';
import { runCli } from '../helpers/cli.ts';
import { awsSecret, githubPat } from '../helpers/secrets.ts';

function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kw-redact-'));
  for (const [p, t] of Object.entries(files)) writeFileSync(join(dir, p), t);
  return dir;
}

/** Exit 2, one line, and neither the secret nor its lower-cased form nor a long slice of it in the output. */
function assertNoLeak(r: { code: number; stdout: string; stderr: string }, secret: string, pattern: RegExp): void {
  assert.equal(r.code, 2, r.stdout + r.stderr);
  const out = r.stdout + r.stderr;
  for (const form of [secret, secret.toLowerCase()]) for (let i = 0; i + 12 <= form.length; i++) assert.ok(!out.includes(form.slice(i, i + 12)), `leaks ${form.slice(0, 4)}… at ${i}: ${out}`);
  assert.match(r.stderr, pattern);
}

describe('no secret in error messages', () => {
  it('a .keywardenignore line holding a pasted secret', async () => {
    const secret = githubPat();
    const dir = dirWith({ '.keywardenignore': `# ok\n${secret}  # oops\n` });
    assertNoLeak(await runCli(['scan'], dir), secret, /\.keywardenignore:2: "ghp_\w{0,6}…" \(40 chars\) is not a secret fingerprint/);
  });

  it('a baseline line holding a pasted secret', async () => {
    const secret = awsSecret();
    const dir = dirWith({ base: `${secret}\n` });
    assertNoLeak(await runCli(['scan', '--baseline', 'base'], dir), secret, /base:1: ".{0,6}…" \(40 chars\) is not a secret fingerprint/);
  });

  it('a secret used as a YAML key in .keywarden.yml (unknown key, and under ruleAllowlists)', async () => {
    const secret = githubPat();
    assertNoLeak(await runCli(['scan'], dirWith({ '.keywarden.yml': `allowlist:\n  paths: [docs/]\n${secret}: 1\n` })), secret, /\.keywarden\.yml:3: .*"ghp_\w{0,6}…" \(40 chars\)/);
    assertNoLeak(await runCli(['scan'], dirWith({ '.keywarden.yml': `ruleAllowlists:\n  ${secret}:\n    regexes: ['x']\n` })), secret, /\.keywarden\.yml:2: ruleAllowlists/);
  });

  it('a .keywardenignore linked to a credentials file', async () => {
    const secret = awsSecret();
    const creds = join(dirWith({ credentials: `[default]\naws_secret_access_key = ${secret}\n` }), 'credentials');
    const dir = dirWith({});
    symlinkSync(creds, join(dir, '.keywardenignore'));
    assertNoLeak(await runCli(['scan'], dir), secret, /\.keywardenignore:1: "…" \(9 chars\) is not a secret fingerprint/);
  });

  it('a pasted secret as an argument', async () => {
    const secret = githubPat();
    assertNoLeak(await runCli(['ignore', secret, '--reason', 'x'], dirWith({})), secret, /"ghp_\w{0,6}…" \(40 chars\) is not a secret fingerprint/);
    assertNoLeak(await runCli(['scan', '--disable-rule', secret], dirWith({})), secret, /--disable-rule: unknown rule id "ghp_/);
    assertNoLeak(await runCli([secret], dirWith({})), secret, /unknown command "ghp_/);
  });

  it('names stay readable: a mistyped rule id is quoted whole', () => {
    assert.equal(quoteUserValue('github-pta'), '"github-pta"');
    assert.equal(quoteUserValue('a'.repeat(40)), '"aaaaaa…" (40 chars)');
  });
});
