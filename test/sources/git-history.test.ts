// History scans against a scripted repository, run once per backend (git binary, isomorphic-git):
// the same secret in 5 commits and 2 files, a file added then deleted, a rename, a branch never
// merged, a merge whose conflict resolution adds a secret, an annotated tag.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { secretOf } from '../../src/core/match.ts';
import { testFingerprintOf } from '../helpers/report.ts';
import { InlineDetector } from '../../src/engine/detector.ts';
import { runScan } from '../../src/engine/run.ts';
import type { Secret } from '../../src/core/types.ts';
import { silentLogger } from '../../src/logger.ts';
import { loadRuleSet, scan } from '../../src/scan.ts';
import { defaultSettings } from '../../src/settings.ts';
import { HistorySource } from '../../src/sources/git/history.ts';
import type { GitBackendName } from '../../src/sources/git/open.ts';
import { gen, githubPat } from '../helpers/secrets.ts';
import { TestRepo, filler } from './git-repo.ts';

const S1 = githubPat('history-s1');
const S2 = githubPat('history-s2');
const S3 = githubPat('history-s3');
const S4 = githubPat('history-s4');
const S5 = githubPat('history-s5');
const A1 = gen('{{gen:awskey:AKIA}}', 'history-a1');

let repo: TestRepo;
const c: Record<string, string> = {};

function buildRepo(): void {
  repo = TestRepo.init();
  c.c1 = repo.commit('init', { 'README.md': '# demo\n', 'config/app.env': `${filler(2)}TOKEN=${S1}\n`, 'shared.txt': 'value=base\n' });
  c.c2 = repo.commit('app: debug', { 'config/app.env': `${filler(2)}TOKEN=${S1}\nDEBUG=1\n` });
  repo.git('checkout', '-q', '-b', 'experiment');
  c.e1 = repo.commit('experiment', { 'exp.txt': `key ${S2}\n` });
  repo.git('checkout', '-q', 'main');
  c.c3 = repo.commit('ci: token', { 'deploy/ci.yml': `token: ${S1}\n` });
  c.c4 = repo.commit('ci: header', { 'deploy/ci.yml': `# ci\ntoken: ${S1}\n` });
  c.c5 = repo.commit('app: header', { 'config/app.env': `# app\n${filler(2)}TOKEN=${S1}\nDEBUG=1\n` });
  repo.git('tag', '-a', 'v1', '-m', 'release 1');
  c.c6 = repo.commit('temp creds', { 'temp/creds.txt': `${S4}\n` });
  repo.git('rm', '-q', 'temp/creds.txt');
  c.c7 = repo.commit('drop temp creds');
  c.c8 = repo.commit('add name', { 'old/name.txt': `key=${S5}\n` });
  repo.git('mv', 'old', 'new');
  c.c9 = repo.commit('rename name');
  repo.git('checkout', '-q', '-b', 'feature');
  c.f1 = repo.commit('feature', { 'shared.txt': 'value=feature\n', 'feature.txt': `# aws\nid=${A1}\n` });
  repo.git('checkout', '-q', 'main');
  c.c10 = repo.commit('main side', { 'shared.txt': 'value=main\n' });
  repo.nextTick();
  assert.throws(() => repo.git('merge', '-q', '--no-edit', 'feature'));
  repo.write({ 'shared.txt': `value=resolved\nTOKEN=${S3}\n` });
  repo.git('add', 'shared.txt');
  repo.git('commit', '-q', '--no-edit');
  c.m = repo.head();
}

/** The facts a test asserts about one secret (commits shown by fixture name). */
function summary(f: Secret): object {
  const name = (sha?: string) => Object.entries(c).find(([, v]) => v === sha)?.[0] ?? sha;
  const first = f.occurrences[0];
  return {
    rule: f.ruleId,
    at: `${name(first?.commit?.sha)} ${first?.path}:${first?.line}:${first?.column}`,
    inHead: f.inHead,
    occurrences: f.occurrences.map((o) => `${name(o.commit?.sha)} ${o.path}:${o.line}`),
  };
}

function bySecret(findings: Secret[]): Map<string | undefined, object> {
  const names = new Map([[S1, 'S1'], [S2, 'S2'], [S3, 'S3'], [S4, 'S4'], [S5, 'S5'], [A1, 'A1']]);
  return new Map(findings.map((f) => [names.get(secretOf(f) ?? '') ?? secretOf(f), summary(f)]));
}

async function historyFindings(backend: GitBackendName, extra: { branches?: string[]; since?: string } = {}): Promise<Secret[]> {
  const source = await HistorySource.open({ root: repo.dir, maxFileSize: 1 << 20, backend, ...extra });
  assert.equal(source.reader.backend, backend);
  const ruleSet = loadRuleSet(defaultSettings(repo.dir));
  return (await runScan(source, new InlineDetector(ruleSet), { rules: ruleSet.rules, fingerprintOf: testFingerprintOf })).secrets;
}

before(buildRepo);
after(() => repo.remove());

const EXPECTED_ALL = new Map<string, object>([
  ['S1', { rule: 'github-pat', at: 'c1 config/app.env:3:7', inHead: true, occurrences: ['c1 config/app.env:3', 'c2 config/app.env:3', 'c3 deploy/ci.yml:1', 'c4 deploy/ci.yml:2', 'c5 config/app.env:4'] }],
  ['S2', { rule: 'github-pat', at: 'e1 exp.txt:1:5', inHead: false, occurrences: ['e1 exp.txt:1'] }],
  ['S4', { rule: 'github-pat', at: 'c6 temp/creds.txt:1:1', inHead: false, occurrences: ['c6 temp/creds.txt:1'] }],
  ['S5', { rule: 'github-pat', at: 'c8 old/name.txt:1:5', inHead: true, occurrences: ['c8 old/name.txt:1', 'c9 new/name.txt:1'] }],
  ['A1', { rule: 'aws-access-key-id', at: 'f1 feature.txt:2:4', inHead: true, occurrences: ['f1 feature.txt:2'] }],
  ['S3', { rule: 'github-pat', at: 'm shared.txt:2:7', inHead: true, occurrences: ['m shared.txt:2'] }],
]);

for (const backend of ['git', 'isomorphic-git'] as const) {
  describe(`history scan (${backend})`, () => {
    it('reports each secret once, at the commit and path that first introduced it, with every occurrence', async () => {
      const got = bySecret(await historyFindings(backend));
      assert.deepEqual(got, EXPECTED_ALL);
    });

    it('--branch main leaves out the branch that was never merged', async () => {
      const got = bySecret(await historyFindings(backend, { branches: ['main'] }));
      assert.deepEqual([...got.keys()].sort(), ['A1', 'S1', 'S3', 'S4', 'S5']);
    });

    it('--since keeps blobs of recent commits only (their whole trees, so S1 stays)', async () => {
      const since = new Date((1_700_000_000 + 9 * 60 + 30) * 1000).toISOString();
      const got = bySecret(await historyFindings(backend, { since }));
      assert.deepEqual([...got.keys()].sort(), ['A1', 'S1', 'S3', 'S5']);
      // Only the S1 blobs still in those trees were scanned; attribution still walks all history.
      assert.deepEqual(got.get('S1'), { rule: 'github-pat', at: 'c4 deploy/ci.yml:2:8', inHead: true, occurrences: ['c4 deploy/ci.yml:2', 'c5 config/app.env:4'] });
    });

    it('fills commit metadata for the first occurrence', async () => {
      const f = (await historyFindings(backend)).find((x) => secretOf(x) === S4)!;
      assert.deepEqual(f.occurrences[0]?.commit, { sha: c.c6, author: 'Test Author', email: 'author@example.com', date: '2023-11-14T22:20:20+00:00', message: 'temp creds' });
      assert.match(f.occurrences[0]?.blobId ?? '', /^[0-9a-f]{40}$/);
    });
  });
}

describe('history scan through scan()', () => {
  it('runs with worker threads and reports the same findings', async () => {
    const settings = { ...defaultSettings(repo.dir, { kind: 'history' as const }), threads: 2 };
    const result = await scan(settings, { logger: silentLogger });
    assert.deepEqual(bySecret(result.secrets), EXPECTED_ALL);
  });
});
