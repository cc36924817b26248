// What `keywarden:allow` waved through is listed in the JSON report (`allowedInline`, redacted, same shape as
// `secrets`) for review: plain and base64-encoded secrets on marked lines, never a placeholder a marked line
// would not have reported anyway, never a raw value; `--no-inline-allow` reports them instead; the shards of a
// history scan merge their lists like their secrets.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from '../helpers/cli.ts';
import { githubPat } from '../helpers/secrets.ts';
import { TestRepo } from '../sources/git-repo.ts';

interface ReportSecret {
  fingerprint: string;
  ruleId: string;
  redacted: string;
  occurrences: { path: string; line: number; decodedFrom?: string }[];
}
interface Report {
  secrets: ReportSecret[];
  allowedInline: ReportSecret[];
}

const places = (list: ReportSecret[]): string[] => list.flatMap((s) => s.occurrences.map((o) => `${s.ruleId} ${o.path}:${o.line}${o.decodedFrom ? ` (${o.decodedFrom})` : ''}`)).sort();

describe('allowedInline in the JSON report', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kw-allowed-inline-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const plain = githubPat();
  const encoded = githubPat();
  const reported = githubPat();
  writeFileSync(join(dir, 'a.env'), `# app\nGITHUB_TOKEN=${plain} # keywarden:allow test fixture\n`);
  writeFileSync(join(dir, 'b.txt'), `blob: ${Buffer.from(`token=${encoded}`).toString('base64')} # keywarden:allow\n`);
  writeFileSync(join(dir, 'c.env'), 'password = "changeme" # keywarden:allow\n');
  writeFileSync(join(dir, 'd.env'), `GITHUB_TOKEN=${reported}\n`);

  it('lists the secrets on marked lines, redacted, apart from the reported ones', async () => {
    const run = await runCli(['scan', '.', '--format', 'json'], dir);
    assert.equal(run.code, 1, run.stderr);
    const report = JSON.parse(run.stdout) as Report;
    assert.deepEqual(places(report.secrets), ['github-pat d.env:1']);
    assert.deepEqual(places(report.allowedInline), ['github-pat a.env:2', 'github-pat b.txt:1 (base64)'], 'the placeholder is not listed');
    for (const s of report.allowedInline) {
      assert.match(s.fingerprint, /^[0-9a-f]{40}$/);
      assert.match(s.redacted, /^ghp_/);
    }
    for (const raw of [plain, encoded, reported]) assert.ok(!run.stdout.includes(raw) && !run.stdout.includes(raw.slice(4)), 'no raw value');
  });

  it('--no-inline-allow reports them and lists none', async () => {
    const run = await runCli(['scan', '.', '--format', 'json', '--no-inline-allow'], dir);
    const report = JSON.parse(run.stdout) as Report;
    assert.deepEqual(places(report.secrets), ['github-pat a.env:2', 'github-pat b.txt:1 (base64)', 'github-pat d.env:1']);
    assert.deepEqual(report.allowedInline, []);
  });

  it('the shards of a history scan merge their lists', async () => {
    const repo = TestRepo.init('kw-allowed-inline-shards-');
    try {
      const tokens = Array.from({ length: 6 }, () => githubPat());
      repo.commit('fixtures', Object.fromEntries(tokens.map((t, i) => [`f${i}.env`, `TOKEN=${t} # keywarden:allow\n`])));
      const whole = JSON.parse((await runCli(['scan', '--history', '--format', 'json', '--threads', '1'], repo.dir)).stdout) as Report;
      assert.equal(whole.allowedInline.length, 6);
      const files: string[] = [];
      for (const i of [1, 2]) {
        const part = await runCli(['scan', '--history', '--format', 'json', '--threads', '1', '--shard', `${i}/2`], repo.dir);
        files.push(join(dir, `shard-${i}.json`));
        writeFileSync(files[files.length - 1] ?? '', part.stdout);
      }
      const merged = await runCli(['merge', '--format', 'json', ...files], repo.dir);
      assert.equal(merged.code, 0, merged.stderr);
      assert.deepEqual((JSON.parse(merged.stdout) as Report).allowedInline, whole.allowedInline);
    } finally {
      repo.remove();
    }
  });
});
