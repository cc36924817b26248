// `--no-inline-allow` (like gitleaks' --ignore-gitleaks-allow): a `keywarden:allow` marker no longer
// hides a secret, in plain text and in a base64-encoded value alike.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { githubPat } from '../helpers/secrets.ts';
import { runCli } from '../helpers/cli.ts';

describe('scan --no-inline-allow', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kw-inline-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const plain = githubPat();
  const encoded = Buffer.from(`token=${githubPat()}`).toString('base64');
  writeFileSync(join(dir, 'a.env'), `GITHUB_TOKEN=${plain} # keywarden:allow test fixture\n`);
  writeFileSync(join(dir, 'b.txt'), `blob: ${encoded} # keywarden:allow\n`);

  it('by default the marked lines are allowed and counted', async () => {
    const run = await runCli(['scan', '.', '--format', 'json'], dir);
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout) as { stats: { skipped: Record<string, number> } };
    assert.ok((report.stats.skipped['inline-allow'] ?? 0) >= 2);
  });

  it('with the flag every marked secret is reported and the scan fails', async () => {
    const run = await runCli(['scan', '.', '--no-inline-allow', '--format', 'json'], dir);
    assert.equal(run.code, 1, run.stderr);
    assert.ok(!run.stdout.includes(plain), 'still redacted');
    const report = JSON.parse(run.stdout) as { stats: { skipped: Record<string, number> } };
    assert.equal(report.stats.skipped['inline-allow'] ?? 0, 0);
    assert.match(run.stdout, /"a\.env"/);
    assert.match(run.stdout, /"b\.txt"/);
  });
});
