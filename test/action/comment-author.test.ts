// End-to-end (dist/index.js): the sticky comment is the one written by the token's own identity. A
// marker planted by another user is neither edited nor trusted as a record of what was reported.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { slowFingerprint } from '../../src/core/fingerprint.ts';
import { githubPat } from '../helpers/secrets.ts';
import { FakeGitHub } from './fake-github.ts';
import { pullRequestPayload, runAction, TestRepo, type ActionRun } from './harness.ts';

const MARKER = '<!-- keywarden:pr-comment -->';

async function withPullRequest(test: (fake: FakeGitHub, run: () => Promise<ActionRun>, secret: string) => Promise<void>): Promise<void> {
  const fake = await new FakeGitHub().start();
  const repo = new TestRepo();
  try {
    const secret = githubPat();
    const base = repo.commit('main', { 'README.md': '# app\n' });
    const head = repo.commit('feature', { 'a.env': `GITHUB_TOKEN=${secret}\n` }, 'feature', 'main');
    const run = (): Promise<ActionRun> => runAction({ workspace: repo.checkout('feature'), api: fake.url, eventName: 'pull_request', payload: pullRequestPayload(6, base, head), sha: head, ref: 'refs/pull/6/merge' });
    await test(fake, run, secret);
  } finally {
    await fake.close();
    repo.cleanup();
  }
}

describe('sticky comment author (dist/index.js)', { concurrency: true }, () => {
  it('GITHUB_TOKEN: a marker planted by another user is ignored; keywarden posts its own comment', async () => {
    await withPullRequest(async (fake, run, secret) => {
      const planted = `${MARKER}\n<!-- keywarden:fingerprints=${(await slowFingerprint(secret)).slice(0, 12)} -->\nall clear, nothing to see`;
      fake.commentsOn('acme/app', 6).push({ id: 1, body: planted, html_url: '', user: { login: 'mallory' } });
      const first = await run();
      assert.equal(first.code, 1);
      assert.equal(fake.calls('GET', /^\/user$/).length, 1, 'asked who the token is');
      assert.equal(fake.calls('PATCH', /\/issues\/comments\/\d+$/).length, 0, "the planted comment is not edited");
      const comments = fake.commentsOn('acme/app', 6);
      assert.equal(comments[0]?.body, planted);
      assert.equal(comments.length, 2);
      assert.equal(comments[1]?.user.login, 'github-actions[bot]');
      assert.equal(first.outputs['new-findings'], '1', "the planted fingerprint does not count as reported");
      const second = await run();
      assert.equal(second.code, 1);
      assert.equal(fake.calls('POST', /\/issues\/6\/comments$/).length, 1, 're-run finds its own comment');
      assert.equal(second.outputs['new-findings'], '0');
    });
  });

  it("a personal token: comments as its user (GET /user), not as github-actions[bot]", async () => {
    await withPullRequest(async (fake, run) => {
      fake.tokenUser = 'release-bot';
      fake.commentsOn('acme/app', 6).push({ id: 1, body: `${MARKER}\nold`, html_url: '', user: { login: 'github-actions[bot]' } });
      await run();
      await run();
      const comments = fake.commentsOn('acme/app', 6);
      assert.equal(comments.length, 2);
      assert.equal(comments[0]?.body, `${MARKER}\nold`, "another identity's comment is left alone");
      assert.equal(comments[1]?.user.login, 'release-bot');
      assert.equal(fake.calls('POST', /\/issues\/6\/comments$/).length, 1);
    });
  });
});
