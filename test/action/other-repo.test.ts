// An organisation scan's job: the workflow runs in acme/security-scans, the workspace holds a checkout
// of another repository (input `repository`). Its incident issue goes to that repository, or to a
// central incident repository where each scanned repository keeps its own issue; the upload and the
// links are about the scanned repository's checked-out commit, not GITHUB_SHA.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { githubPat } from '../helpers/secrets.ts';
import { FakeGitHub } from './fake-github.ts';
import { leaks, runAction, TestRepo, type ActionRun } from './harness.ts';

const WORKFLOW_SHA = 'f'.repeat(40);

describe('input repository (organisation scan job)', { concurrency: 1 }, () => {
  const fake = new FakeGitHub();
  const app = new TestRepo();
  const web = new TestRepo();
  const secrets = [githubPat(), githubPat()];
  const heads: string[] = [];
  const job = (repo: TestRepo, name: string, inputs: Record<string, string>): Promise<ActionRun> =>
    runAction({
      workspace: repo.checkout('main', 0),
      api: fake.url,
      eventName: 'schedule',
      payload: { schedule: '0 3 * * *', repository: { full_name: 'acme/security-scans', default_branch: 'main' } },
      sha: WORKFLOW_SHA,
      ref: 'refs/heads/main',
      repository: 'acme/security-scans',
      inputs: { repository: name, mode: 'history', ...inputs },
    });

  before(async () => {
    await fake.start();
    heads.push(app.commit('main', { 'ci.env': `GITHUB_TOKEN=${secrets[0]}\n` }));
    heads.push(web.commit('main', { 'deploy.env': `GH_TOKEN=${secrets[1]}\n` }));
  });
  after(async () => {
    await fake.close();
    app.cleanup();
    web.cleanup();
  });

  it('without incident-repo, the issue and the upload go to the scanned repository, at its checked-out commit', async () => {
    const run = await job(app, 'acme/app', { 'upload-sarif': 'true' });
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.equal(fake.issuesOf('acme/app').length, 1);
    assert.match(fake.issuesOf('acme/app')[0]?.title ?? '', / in the git history$/);
    assert.equal(fake.requests.filter((r) => r.path.startsWith('/repos/acme/security-scans')).length, 0, 'nothing goes to the workflow\'s repository');
    assert.equal(fake.sarifs.length, 1);
    assert.equal(fake.sarifs[0]?.repo, 'acme/app');
    assert.equal(fake.sarifs[0]?.commit_sha, heads[0]);
    assert.equal(fake.sarifs[0]?.ref, 'refs/heads/main');
    assert.ok(run.summary.includes(`https://github.test/acme/app/blob/${heads[0]}/ci.env`), 'links point at the scanned repository and commit');
    assert.deepEqual(leaks(secrets, run, fake.requests.map((r) => r.raw)), []);
  });

  it('with a central incident-repo, each scanned repository gets its own issue there, named in the title', async () => {
    const a = await job(app, 'acme/app', { 'incident-repo': 'acme/incidents' });
    const w = await job(web, 'acme/web', { 'incident-repo': 'acme/incidents' });
    assert.equal(a.code, 1);
    assert.equal(w.code, 1);
    const issues = fake.issuesOf('acme/incidents');
    assert.deepEqual(issues.map((i) => i.title.replace(/^Leaked secret: .+ in /, '')), ['the git history of acme/app', 'the git history of acme/web']);
    assert.match(issues[0]?.body ?? '', /ci\.env/);
    assert.match(issues[1]?.body ?? '', /deploy\.env/);
    const again = await job(app, 'acme/app', { 'incident-repo': 'acme/incidents' });
    assert.equal(again.outputs['new-findings'], '0');
    assert.equal(fake.issuesOf('acme/incidents').length, 2, 'a re-run finds its own issue again');
  });

  it('a workspace without a checkout of it is one line', async () => {
    const run = await runAction({ workspace: app.dir, api: fake.url, eventName: 'schedule', payload: {}, sha: WORKFLOW_SHA, ref: 'refs/heads/main', inputs: { repository: 'acme/app', mode: 'history' } });
    assert.equal(run.code, 1);
    assert.match(run.stdout, /^::error::input "repository": the workspace has no checked-out commit of acme\/app/m);
  });
});
