// The Action run from its TypeScript sources (src/action/index.ts under Node 24, no build), so that a
// stale dist/ cannot hide a broken main, publish, report or commits module: the other Action tests run
// the committed bundle, as users get it. Same fake GitHub API and throwaway repositories.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sarifSchemaErrors } from '../helpers/sarif-schema.ts';
import { awsKeyId, githubPat } from '../helpers/secrets.ts';
import { FakeGitHub } from './fake-github.ts';
import { leaks, pullRequestPayload, runAction, TestRepo } from './harness.ts';

describe('GitHub Action from its sources (src/action/index.ts)', { concurrency: true }, () => {
  it('pull request: fetches the base (commits), fails, comments once, uploads SARIF (publish), summarises (report)', async () => {
    const fake = await new FakeGitHub().start();
    const repo = new TestRepo();
    try {
      const base = repo.commit('main', { 'README.md': '# app\n' });
      const secrets = [githubPat(), awsKeyId()];
      const head = repo.commit('feature', { 'config/app.env': `GITHUB_TOKEN=${secrets[0]}\nAWS_ACCESS_KEY_ID=${secrets[1]}\n` }, 'add config', 'main');
      const run = await runAction({ entry: 'source', workspace: repo.checkout('feature'), api: fake.url, eventName: 'pull_request', payload: pullRequestPayload(7, base, head), sha: head, ref: 'refs/pull/7/merge', inputs: { 'upload-sarif': 'true' } });
      assert.equal(run.code, 1, run.stdout + run.stderr);
      assert.match(run.stdout, /^::error::keywarden found 2 leaked secrets/m);
      assert.match(run.stdout, /^::error title=Leaked secret \(github-pat\),file=config\/app\.env,line=1,/m);
      assert.equal(run.outputs.findings, '2');
      assert.equal(fake.calls('POST', /\/issues\/7\/comments$/).length, 1);
      assert.equal(fake.sarifs.length, 1);
      assert.deepEqual(sarifSchemaErrors(fake.sarifs[0]?.log), []);
      assert.match(run.summary, /## keywarden: 2 secrets found/);
      assert.deepEqual(leaks(secrets, run, fake.requests.map((r) => r.raw)), []);
    } finally {
      await fake.close();
      repo.cleanup();
    }
  });

  describe('nightly history scan', () => {
    const fake = new FakeGitHub();
    const repo = new TestRepo();
    const secret = githubPat();
    let head = '';
    before(async () => {
      await fake.start();
      repo.commit('main', { 'README.md': '# app\n' });
      repo.commit('main', { 'deploy/ci.env': `GH_TOKEN=${secret}\n` }, 'ci');
      head = repo.commit('main', { 'deploy/ci.env': null }, 'remove the token');
    });
    after(async () => {
      await fake.close();
      repo.cleanup();
    });

    it('opens one incident issue for a secret only the history holds', async () => {
      const payload = { schedule: '0 3 * * *', repository: { full_name: 'acme/app', default_branch: 'main' } };
      const run = await runAction({ entry: 'source', workspace: repo.checkout('main', 0), api: fake.url, eventName: 'schedule', payload, sha: head, ref: 'refs/heads/main' });
      assert.equal(run.code, 1, run.stdout + run.stderr);
      const issues = fake.issuesOf('acme/app');
      assert.equal(issues.length, 1);
      assert.match(issues[0]?.body ?? '', /deploy\/ci\.env/);
      assert.deepEqual(leaks([secret], run, fake.requests.map((r) => r.raw)), []);
    });
  });
});
