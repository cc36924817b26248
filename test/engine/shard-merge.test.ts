// Sharded history scans: for N in 1..4, merging the shards' JSON reports gives exactly the secrets of one
// unsharded scan (fingerprints, rules, occurrences with their introducing commits and paths, in HEAD or
// not); every blob is in exactly one shard; and merge refuses incomplete, overlapping and mismatched sets.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { inShard, parseShard, shardOfOid } from '../../src/sources/git/shard.ts';
import { runCli } from '../helpers/cli.ts';
import { awsKeyId, awsSecret, githubPat } from '../helpers/secrets.ts';
import { TestRepo } from '../sources/git-repo.ts';

interface Report {
  shard?: { index: number; count: number };
  secrets: { fingerprint: string; ruleId: string; inHead?: boolean; occurrences: { path: string; line: number; commit?: { sha: string }; introOrder?: number }[] }[];
}

describe('shard of a blob', () => {
  it('puts every object id in exactly one shard of N, in contiguous ranges', () => {
    for (const oid of ['0000000000000000000000000000000000000000', '7fffffffaaaa', '80000000bbbb', 'ffffffffffff', 'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3']) {
      for (let n = 1; n <= 7; n++) {
        const owners = Array.from({ length: n }, (_, i) => i + 1).filter((i) => inShard(oid, { index: i, count: n }));
        assert.deepEqual(owners, [shardOfOid(oid, n)], `${oid} in ${n} shards`);
      }
    }
    assert.equal(shardOfOid('7fffffff00', 2), 1);
    assert.equal(shardOfOid('80000000ff', 2), 2);
  });

  it('parses I/N and refuses anything else', () => {
    assert.deepEqual(parseShard('2/4'), { index: 2, count: 4 });
    for (const bad of ['0/4', '5/4', '1/0', 'a/b', '2', '1/5000']) assert.equal(parseShard(bad), undefined, bad);
  });
});

describe('scan --history --shard I/N, then keywarden merge', { timeout: 120_000 }, () => {
  let repo: TestRepo;
  let out = '';
  const scanJson = async (extra: string[] = []): Promise<Report> => {
    const r = await runCli(['scan', '--history', '--format', 'json', '--threads', '1', ...extra], repo.dir);
    assert.ok(r.code === 0 || r.code === 1, r.stderr);
    return JSON.parse(r.stdout) as Report;
  };
  /** The report with what a merge cannot know (counters) left out. */
  const comparable = (r: Report): unknown => r.secrets;

  before(() => {
    repo = TestRepo.init('kw-shard-');
    out = mkdtempSync(join(tmpdir(), 'kw-shard-out-'));
    const shared = githubPat();
    const key = `AWS_ACCESS_KEY_ID=${awsKeyId()}\nAWS_SECRET_ACCESS_KEY=${awsSecret()}\n`;
    // docs/ is allowlisted and lists before src/: the shared blob must still be reported at src/ (per occurrence).
    writeFileSync(join(repo.dir, '.keywarden.yml'), 'allowlist:\n  paths: ["docs/**"]\n');
    repo.commit('base', { 'README.md': '# app\n', 'docs/a.env': `GITHUB_TOKEN=${shared}\n`, 'src/a.env': `GITHUB_TOKEN=${shared}\n` });
    repo.commit('more', { 'deploy/b.sh': `export GH=${shared}\n`, 'aws/credentials': key });
    for (let i = 0; i < 12; i++) repo.commit(`c${i}`, { [`pkg${i}/config.env`]: `TOKEN_${i}=${githubPat()}\n`, [`pkg${i}/notes.txt`]: `note ${i}\n` });
    repo.commit('move', { 'src/a.env': 'GITHUB_TOKEN=\n', 'copy/a.env': `GITHUB_TOKEN=${shared}\n` });
  });
  after(() => undefined);

  it('for N = 1, 2, 3, 4 the merged report equals the unsharded one', async () => {
    const whole = await scanJson();
    assert.ok(whole.secrets.length >= 14, `planted secrets found (${whole.secrets.length})`);
    assert.ok(whole.secrets.some((s) => s.occurrences.length >= 3), 'one secret in several places and commits');
    const paths = whole.secrets.flatMap((s) => s.occurrences.map((o) => o.path));
    assert.ok(paths.includes('src/a.env') && !paths.some((p) => p.startsWith('docs/')), 'allowlisted path dropped per occurrence');
    for (let n = 1; n <= 4; n++) {
      const files: string[] = [];
      let scanned = 0;
      for (let i = 1; i <= n; i++) {
        const part = await scanJson(['--shard', `${i}/${n}`]);
        assert.deepEqual(part.shard && { index: part.shard.index, count: part.shard.count }, { index: i, count: n });
        scanned += part.secrets.length;
        const file = join(out, `n${n}-shard${i}.json`);
        writeFileSync(file, JSON.stringify(part));
        files.push(file);
      }
      if (n > 1) assert.ok(scanned >= whole.secrets.length, 'the shards together see every secret');
      const merged = await runCli(['merge', '--format', 'json', ...files.reverse()], repo.dir);
      assert.equal(merged.code, 1, merged.stderr);
      const report = JSON.parse(merged.stdout) as Report;
      assert.deepEqual(comparable(report), comparable(whole), `N=${n}: merged shards differ from the unsharded scan`);
      assert.ok(!merged.stdout.includes('introOrder'));
    }
  });

  it('refuses a missing shard, a shard given twice, shards of another split, commit or configuration', async () => {
    const part = async (i: number, n: number, name: string, extra: string[] = []): Promise<string> => {
      const file = join(out, name);
      writeFileSync(file, JSON.stringify(await scanJson(['--shard', `${i}/${n}`, ...extra])));
      return file;
    };
    const a = await part(1, 3, 'a.json');
    const b = await part(2, 3, 'b.json');
    const c = await part(3, 3, 'c.json');
    const check = async (files: string[], message: RegExp): Promise<void> => {
      const r = await runCli(['merge', ...files], repo.dir);
      assert.equal(r.code, 2, r.stdout);
      assert.match(r.stderr, message);
      assert.equal(r.stderr.trim().split('\n').length, 1, 'one line');
    };
    await check([a, b], /shard 3\/3 missing/);
    await check([a, b, b, c], /shard 2\/3 is given twice/);
    await check([a, b, await part(3, 4, 'd.json')], /shards of different splits/);
    await check([a, b, await part(3, 3, 'e.json', ['--max-file-size', '1000'])], /another configuration/);
    repo.commit('later', { 'later.txt': 'x\n' });
    await check([a, b, await part(3, 3, 'f.json')], /another history/);
    const notShard = join(out, 'whole.json');
    writeFileSync(notShard, JSON.stringify(await scanJson()));
    await check([notShard], /not a shard report/);
  });

  it('--shard applies only to --history and must be I/N', async () => {
    const r = await runCli(['scan', '--shard', '1/2'], repo.dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--shard applies to --history/);
    const bad = await runCli(['scan', '--history', '--shard', '3/2'], repo.dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--shard: "3\/2" is not I\/N/);
  });
});
