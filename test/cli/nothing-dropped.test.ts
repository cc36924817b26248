// Work bounds never hide a secret (issue 11.1, 11.4): many keyword hits before a secret, or many
// encoded runs before an encoded token, and the secret is still reported with its own rule and
// severity, through the CLI and its exit code.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/cli.ts';
import { awsKeyId, gen, githubPat } from '../helpers/secrets.ts';
import { parseReport, placesOf } from '../helpers/report.ts';

interface JsonFinding {
  ruleId: string;
  severity: string;
  path: string;
  line: number;
}

async function scanJson(dir: string, ...args: string[]): Promise<{ code: number; findings: JsonFinding[] }> {
  const r = await runCli(['scan', '.', '--format', 'json', ...args], dir);
  return { code: r.code, findings: placesOf(parseReport(r.stdout).secrets) };
}

describe('secrets after many keyword hits or encoded runs', () => {
  it('reports a password after 2,100 mentions of "password" in a 3 MB file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kw-many-hits-'));
    const filler = '// the quick brown fox jumps over the lazy dog\n'.repeat(34); // keyword windows far apart
    const mentions = Array.from({ length: 2100 }, (_, i) => `check_password(user${i});\n${filler}`).join('');
    assert.ok(mentions.length > 3_000_000);
    const secret = gen('{{gen:alnum:24}}');
    writeFileSync(join(dir, 'auth.c'), `${mentions}db_password = "${secret}"\n`);
    const { code, findings } = await scanJson(dir);
    assert.equal(code, 1);
    assert.deepEqual(findings.map((f) => [f.ruleId, f.line]), [['generic-password', mentions.split('\n').length]]);
  });

  it('reports a key after 2,100 keyword windows on one minified line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kw-minified-'));
    const line = Array.from({ length: 2100 }, (_, i) => `${'x=1;'.repeat(1200)}password${i}=null;`).join('');
    writeFileSync(join(dir, 'bundle.min.js'), `${line}var k="${awsKeyId()}";\n`);
    const { code, findings } = await scanJson(dir);
    assert.equal(code, 1);
    assert.deepEqual(findings.map((f) => f.ruleId), ['aws-access-key-id']);
  });

  it('reports a base64 GitHub token after 300 encoded runs as github-pat (critical), failing --fail-on critical', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kw-many-runs-'));
    const runs = Array.from({ length: 300 }, (_, i) => `  v${i}: ${Buffer.from(`an ordinary configuration value, number ${i}`).toString('base64')}`);
    writeFileSync(join(dir, 'values.yaml'), `values:\n${runs.join('\n')}\ntoken: ${Buffer.from(githubPat()).toString('base64')}\n`);
    const { code, findings } = await scanJson(dir, '--fail-on', 'critical');
    assert.equal(code, 1);
    assert.deepEqual(findings.map((f) => [f.ruleId, f.severity, f.line]), [['github-pat', 'critical', 302]]);
  });
});
