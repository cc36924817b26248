// End-to-end: `html-report: true` makes the bundled Action write the HTML report to the runner's temporary
// directory and name it in the `html-report-path` output, for the README's actions/upload-artifact step.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { gen, githubPat } from '../helpers/secrets.ts';
import { FakeGitHub } from './fake-github.ts';
import { BUNDLE, leaks, runAction, TestRepo } from './harness.ts';

const schedule = { schedule: '0 3 * * *', repository: { full_name: 'acme/app', default_branch: 'main' } };

describe('Action input html-report (dist/index.js)', { timeout: 120_000 }, () => {
  let fake: FakeGitHub;
  let repo: TestRepo;
  let head: string;
  const removed = gen('{{gen:alnum:40}}');
  const kept = githubPat();

  before(async () => {
    assert.ok(existsSync(BUNDLE), 'dist/index.js is missing: run `npm run bundle` first');
    fake = await new FakeGitHub().start();
    repo = new TestRepo();
    repo.commit('main', { 'ops/aws.cfg': `aws_secret_access_key = ${removed}\n` }, 'add creds');
    repo.commit('main', { 'ops/aws.cfg': null }, 'remove creds');
    head = repo.commit('main', { 'ci/deploy.env': `GITHUB_TOKEN=${kept}\n` }, 'deploy token');
  });
  after(async () => {
    await fake.close();
    repo.cleanup();
  });

  it('writes the report outside the checkout and names it in html-report-path', async () => {
    const workspace = repo.checkout('main', 0);
    const run = await runAction({ workspace, api: fake.url, eventName: 'schedule', payload: schedule, sha: head, ref: 'refs/heads/main', inputs: { 'html-report': 'true', 'incident-issues': 'false' } });
    assert.equal(run.code, 1, run.stdout + run.stderr);
    const path = run.outputs['html-report-path'] ?? '';
    assert.match(path, /\/kw-runner-[^/]+\/keywarden-report\.html$/, 'in RUNNER_TEMP');
    assert.ok(!path.startsWith(workspace));
    const html = run.html ?? '';
    assert.match(html, /^<!DOCTYPE html>/);
    assert.ok(html.includes('still in HEAD') && html.includes('history only (not in HEAD)'));
    assert.ok(html.includes('add creds'), 'first commit of the removed secret');
    assert.ok(html.includes('<h4>Revoke</h4>'), 'playbook steps');
    assert.deepEqual(leaks([removed, kept], run), [], 'a raw secret outside ::add-mask::');
  });

  it('writes nothing and sets no output by default', async () => {
    const run = await runAction({ workspace: repo.checkout('main', 0), api: fake.url, eventName: 'schedule', payload: schedule, sha: head, ref: 'refs/heads/main', inputs: { 'incident-issues': 'false' } });
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.equal(run.outputs['html-report-path'], undefined);
    assert.equal(run.html, undefined);
  });
});
