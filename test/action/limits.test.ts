// End-to-end (dist/index.js) at GitHub's limits, against a fake API that enforces them: SARIF results
// per run and upload size, and (see the body tests) 65,536 characters per comment or issue body.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { awsKeyId } from '../helpers/secrets.ts';
import { FakeGitHub, LIMITS } from './fake-github.ts';
import { pullRequestPayload, pushPayload, runAction, TestRepo, ZERO_SHA } from './harness.ts';

/** Keyed fingerprints are HMACs: 30,000 distinct secrets would cost 30,000 scrypt runs (minutes) without a key. */
const FAST_KEY = 'keywarden-limits-test-key';

describe("GitHub's limits (dist/index.js)", { concurrency: true }, () => {
  it('30,000 findings: the SARIF file and upload keep 25,000 results, with a notice in the run, the log and the summary', async () => {
    const fake = await new FakeGitHub().start();
    const repo = new TestRepo();
    try {
      const keys = Array.from({ length: 30_000 }, () => `AWS_ACCESS_KEY_ID=${awsKeyId()}`);
      const head = repo.commit('main', { 'keys.env': `${keys.join('\n')}\n` });
      const run = await runAction({ workspace: repo.checkout('main'), api: fake.url, eventName: 'push', payload: pushPayload('refs/heads/main', ZERO_SHA, head), sha: head, ref: 'refs/heads/main', inputs: { mode: 'tree', 'upload-sarif': 'true', 'incident-issues': 'false', 'fingerprint-key': FAST_KEY } });
      assert.equal(run.code, 1, run.stderr);
      assert.equal(run.outputs.findings, '30000');
      assert.equal(fake.sarifs.length, 1, 'accepted by the fake, which refuses more than 25,000 results per run');
      const upload = fake.sarifs[0];
      assert.ok(upload);
      const runs = (upload.log as { runs: { results: unknown[]; invocations: { toolExecutionNotifications: { message: { text: string } }[] }[] }[] }).runs;
      assert.equal(runs[0]?.results.length, LIMITS.resultsPerRun);
      assert.match(runs[0]?.invocations[0]?.toolExecutionNotifications[0]?.message.text ?? '', /5,000 of lowest severity are left out/);
      assert.equal(upload.text, run.sarif, 'the file written is the file uploaded');
      assert.match(run.stdout, /^::warning::keywarden found 30,000 secrets; GitHub code scanning accepts at most 25,000 results per run/m);
      assert.match(run.summary, /\[!WARNING\][\s\S]*25,000 results per run/);
    } finally {
      await fake.close();
      repo.cleanup();
    }
  });
});

/** Every body the fake accepted or refused for size. */
const refused = (fake: FakeGitHub): string[] => fake.requests.filter((r) => typeof r.body?.body === 'string' && String(r.body.body).length > LIMITS.body).map((r) => `${r.method} ${r.path}`);

describe('bodies under 65,536 characters (dist/index.js)', { concurrency: true }, () => {
  it('a pull request comment with 25 findings under long paths is posted, its table cut with a count', async () => {
    const fake = await new FakeGitHub().start();
    const repo = new TestRepo();
    try {
      const base = repo.commit('main', { 'README.md': '# app\n' });
      const files: Record<string, string> = {};
      for (let i = 0; i < 25; i++) {
        const dir = Array.from({ length: 18 }, (_, d) => `deeply-nested-directory-${i}-${d}-${'x'.repeat(120)}`).join('/');
        files[`${dir}/config-${i}.env`] = `AWS_ACCESS_KEY_ID=${awsKeyId()}\n`;
      }
      const head = repo.commit('feature', files, 'many', 'main');
      const run = await runAction({ workspace: repo.checkout('feature'), api: fake.url, eventName: 'pull_request', payload: pullRequestPayload(2, base, head), sha: head, ref: 'refs/pull/2/merge' });
      assert.equal(run.code, 1, run.stderr);
      assert.equal(run.outputs.findings, '25');
      assert.deepEqual(refused(fake), []);
      assert.doesNotMatch(run.stdout, /::warning::Could not write the pull request comment/);
      const comment = fake.commentsOn('acme/app', 2)[0]?.body ?? '';
      assert.ok(comment.length <= LIMITS.body, `${comment.length} characters`);
      assert.match(comment, /found 25 secrets/);
    } finally {
      await fake.close();
      repo.cleanup();
    }
  });

  it('a first history scan with 1,000 secrets opens its incident issue within the limit', async () => {
    const fake = await new FakeGitHub().start();
    const repo = new TestRepo();
    try {
      repo.commit('main', { 'README.md': '# app\n' });
      for (let c = 0; c < 10; c++) {
        const files: Record<string, string> = {};
        for (let i = 0; i < 100; i++) files[`services/service-${c}/env/${i}.env`] = `AWS_ACCESS_KEY_ID=${awsKeyId()}\n`;
        repo.commit('main', files, `batch ${c}`);
      }
      const head = repo.commit('main', { 'README.md': '# app v2\n' });
      const run = await runAction({ workspace: repo.checkout('main', 0), api: fake.url, eventName: 'schedule', payload: { schedule: '0 3 * * *', repository: { full_name: 'acme/app', default_branch: 'main' } }, sha: head, ref: 'refs/heads/main', inputs: { 'fingerprint-key': FAST_KEY } });
      assert.equal(run.code, 1, run.stderr);
      assert.equal(run.outputs.findings, '1000');
      assert.deepEqual(refused(fake), []);
      assert.doesNotMatch(run.stdout, /::warning::Could not open or update the incident issue/);
      const issue = fake.issuesOf('acme/app')[0];
      assert.ok(issue, 'issue opened');
      assert.ok(issue.body.length <= LIMITS.body, `${issue.body.length} characters`);
      for (const c of issue.comments) assert.ok(c.body.length <= LIMITS.body);
      // A second run finds its own state again: no second issue, nothing new.
      const again = await runAction({ workspace: repo.checkout('main', 0), api: fake.url, eventName: 'schedule', payload: { schedule: '0 3 * * *', repository: { full_name: 'acme/app', default_branch: 'main' } }, sha: head, ref: 'refs/heads/main', inputs: { 'fingerprint-key': FAST_KEY } });
      assert.equal(again.code, 1);
      assert.equal(fake.issuesOf('acme/app').length, 1);
      assert.equal(again.outputs['new-findings'], '0');
      assert.deepEqual(refused(fake), []);
    } finally {
      await fake.close();
      repo.cleanup();
    }
  });
});
