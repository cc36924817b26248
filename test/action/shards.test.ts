// End-to-end sharded history scan through the bundled Action (run `npm run bundle` first), as a matrix
// runs it: three shard jobs (separate processes, each with its own checkout and output files), their
// JSON reports handed to a merge job as files (what upload-artifact/download-artifact do), and the
// merge job (`mode: merge`) against the loopback fake API. Compared with one unsharded run of the same
// history on its own fake server.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { awsKeyId, awsSecret, gen, githubPat } from '../helpers/secrets.ts';
import { FakeGitHub } from './fake-github.ts';
import { BUNDLE, leaks, runAction, TestRepo, type ActionRun } from './harness.ts';

const SCHEDULE = { schedule: '0 3 * * *', repository: { full_name: 'acme/app', default_branch: 'main' } };
const N = 3;
/** What every job of the workflow is given: the same inputs, so that the shard jobs' "asks" are visibly deferred. */
const COMMON = { 'upload-sarif': 'true', 'incident-issues': 'true' };

type Results = { runs: { results: unknown[]; properties?: Record<string, unknown>; automationDetails?: { id: string } }[] };

describe('sharded history scan through the Action (matrix of shard jobs, then mode: merge)', { concurrency: 1 }, () => {
  const repo = new TestRepo();
  const secrets = [githubPat(), awsKeyId(), awsSecret(), gen('{{gen:alnum:20}}'), githubPat(), githubPat()];
  let head = '';
  const shardRuns: ActionRun[] = [];
  const shardApi = new FakeGitHub();
  const job = (api: FakeGitHub, workspace: string, inputs: Record<string, string>): Promise<ActionRun> =>
    runAction({ workspace, api: api.url, eventName: 'schedule', payload: SCHEDULE, sha: head, ref: 'refs/heads/main', inputs: { ...COMMON, ...inputs } });
  /** A merge job's workspace (a shallow checkout, as the merge job needs no history) with the given shards' reports under `shards/`. */
  const mergeWorkspace = (indexes: number[]): string => {
    const ws = repo.checkout('main');
    mkdirSync(join(ws, 'shards', 'nested'), { recursive: true });
    for (const i of indexes) {
      const file = shardRuns[i - 1]?.outputs['shard-report'] ?? '';
      // download-artifact without merge-multiple makes one directory per artifact: found at any depth.
      copyFileSync(file, join(ws, 'shards', i === 1 ? 'nested' : '', basename(file)));
    }
    return ws;
  };

  before(async () => {
    assert.ok(existsSync(BUNDLE), 'dist/index.js is missing: run `npm run bundle` first');
    await shardApi.start();
    repo.commit('main', { 'README.md': '# app\n' });
    repo.commit('main', { 'ops/aws.env': `AWS_ACCESS_KEY_ID=${secrets[1]}\naws_secret_access_key = ${secrets[2]}\n` }, 'aws');
    repo.commit('main', { '.github/token': `GITHUB_TOKEN=${secrets[0]}\n`, 'config/db.yml': `db_password = "${secrets[3]}"\n` }, 'more');
    repo.commit('main', { 'deploy/ci.env': `GH_TOKEN=${secrets[4]}\n`, 'copy/token.txt': `token: ${secrets[0]}\n` }, 'ci');
    head = repo.commit('main', { '.github/token': null, 'tools/release.sh': `export GITHUB_TOKEN=${secrets[5]}\n` }, 'release');
    // The matrix: N jobs at once, each its own process, checkout and output files.
    shardRuns.push(...(await Promise.all(Array.from({ length: N }, (_, i) => job(shardApi, repo.checkout('main', 0), { shard: String(i + 1), shards: String(N) })))));
  });
  after(async () => {
    await shardApi.close();
    repo.cleanup();
  });

  it('each shard job writes its JSON report at the shard-report output, says "partial: shard I/N", passes, and calls no API', () => {
    for (const [i, run] of shardRuns.entries()) {
      const label = `partial: shard ${i + 1}/${N}`;
      assert.equal(run.code, 0, `a shard job does not fail on findings: ${run.stdout}${run.stderr}`);
      const file = run.outputs['shard-report'] ?? '';
      assert.equal(basename(file), `keywarden-shard-${i + 1}-of-${N}.json`);
      const report = JSON.parse(readFileSync(file, 'utf8')) as { shard: { index: number; count: number }; secrets: unknown[] };
      assert.deepEqual([report.shard.index, report.shard.count], [i + 1, N]);
      assert.equal(run.outputs.findings, String(report.secrets.length));
      assert.match(run.summary, new RegExp(`^## keywarden \\(${label.replace('/', '\\/')}\\): `));
      assert.ok(run.summary.includes(`> ${label} of a sharded history scan`), 'the summary says what the partial report is not');
      assert.ok(run.stdout.includes(`${label}: `), 'the log says it too');
      assert.match(run.stdout, /the code-scanning upload and the incident issue are done once, by the merge job/);
      assert.doesNotMatch(run.stdout, /^::error/m, 'no annotation, no failure');
      const sarif = JSON.parse(run.sarif ?? '{}') as Results;
      assert.deepEqual(sarif.runs[0]?.properties, { partial: true, shard: `${i + 1}/${N}` });
      assert.deepEqual(leaks(secrets, run), []);
    }
    assert.deepEqual(shardApi.requests, [], 'no comment, no code-scanning upload, no incident issue from a shard');
    const withSecrets = shardRuns.filter((r) => r.outputs.findings !== '0').length;
    assert.ok(withSecrets >= 2, `the secrets are spread over the shards (${withSecrets} of ${N} shards found some)`);
  });

  it('the merge job opens one incident issue, uploads one SARIF, and reports exactly what one unsharded run does', async () => {
    const mergeApi = await new FakeGitHub().start();
    const wholeApi = await new FakeGitHub().start();
    try {
      const merged = await job(mergeApi, mergeWorkspace([3, 1, 2]), { mode: 'merge', 'shard-reports': 'shards' });
      const whole = await job(wholeApi, repo.checkout('main', 0), {});
      assert.equal(merged.code, 1, merged.stdout + merged.stderr);
      assert.equal(whole.code, 1, whole.stdout + whole.stderr);
      assert.match(merged.stdout, /^::error::keywarden found 6 leaked secrets /m);
      assert.equal(mergeApi.calls('POST', /^\/repos\/acme\/app\/issues$/).length, 1, 'one incident issue');
      assert.equal(mergeApi.sarifs.length, 1, 'one SARIF upload');
      assert.equal(mergeApi.sarifs[0]?.commit_sha, head);
      // Same secrets, places, introducing commits and rule metadata as the unsharded run.
      assert.equal(merged.outputs.fingerprints, whole.outputs.fingerprints);
      assert.equal(JSON.parse(merged.outputs.fingerprints ?? '[]').length, 6);
      assert.equal(merged.outputs.findings, whole.outputs.findings);
      const m = mergeApi.sarifs[0]?.log as Results;
      const w = wholeApi.sarifs[0]?.log as Results;
      assert.equal(m.runs.length, 1);
      assert.equal(m.runs[0]?.properties, undefined, 'the merged log is not partial');
      assert.equal(m.runs[0]?.automationDetails?.id, 'keywarden/history/');
      assert.deepEqual(m.runs[0]?.results, w.runs[0]?.results);
      assert.equal(readFileSync(join(String(merged.outputs['sarif-file'])), 'utf8').length > 0, true);
      assert.equal(mergeApi.issuesOf('acme/app')[0]?.body, wholeApi.issuesOf('acme/app')[0]?.body, 'the same incident issue');
      assert.equal(mergeApi.issuesOf('acme/app')[0]?.title, wholeApi.issuesOf('acme/app')[0]?.title);
      assert.doesNotMatch(merged.summary, /partial/);
      assert.match(merged.summary, /^## keywarden: 6 secrets found/);
      assert.match(merged.summary, /Scanned the git history \(merged from 3 shards\)/);
      assert.match(merged.summary, /incident issue \[#1\]/);
      assert.deepEqual(leaks(secrets, merged, mergeApi.requests.map((r) => r.raw)), []);
    } finally {
      await mergeApi.close();
      await wholeApi.close();
    }
  });

  for (const [name, indexes, message] of [
    ['a missing shard', [1, 3], /^::error::keywarden merge: shard 2\/3 missing: the merged report would be incomplete$/m],
    ['no shard report at all', [], /^::error::keywarden merge: no shard report matches shard-reports \(shards\): download the shard jobs' artifacts/m],
  ] as const) {
    it(`${name} fails the merge job with one line, before any API call`, async () => {
      const api = await new FakeGitHub().start();
      try {
        const run = await job(api, mergeWorkspace([...indexes]), { mode: 'merge', 'shard-reports': 'shards' });
        assert.equal(run.code, 1);
        assert.match(run.stdout, message);
        assert.equal(run.stdout.split('\n').filter((l) => l.startsWith('::error')).length, 1, 'one line');
        assert.deepEqual(api.requests, [], 'no issue, no upload from an incomplete set');
        assert.equal(run.summary, '');
      } finally {
        await api.close();
      }
    });
  }

  it('shard inputs on a pull request (a diff scan) fail with one line', async () => {
    const api = await new FakeGitHub().start();
    try {
      const payload = { number: 7, pull_request: { number: 7, base: { sha: head, repo: { full_name: 'acme/app' } }, head: { sha: head, repo: { full_name: 'acme/app' } } }, repository: { full_name: 'acme/app', default_branch: 'main' } };
      const run = await runAction({ workspace: repo.checkout('main'), api: api.url, eventName: 'pull_request', payload, sha: head, ref: 'refs/pull/7/merge', inputs: { shard: '1', shards: '2' } });
      assert.equal(run.code, 1);
      assert.match(run.stdout, /^::error::inputs "shard" and "shards" split a history scan, and pull request #7 is not one: set `mode: history`$/m);
      assert.deepEqual(api.requests, []);
    } finally {
      await api.close();
    }
  });
});
