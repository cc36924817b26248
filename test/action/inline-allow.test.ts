// End-to-end (dist/index.js): `inline-allow: false` reports a secret even on a line marked
// `keywarden:allow`; by default the marker is honoured.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { githubPat } from '../helpers/secrets.ts';
import { FakeGitHub } from './fake-github.ts';
import { leaks, pullRequestPayload, runAction, TestRepo, type ActionRun } from './harness.ts';

async function markedPullRequest(inputs: Record<string, string>): Promise<ActionRun> {
  const fake = await new FakeGitHub().start();
  const repo = new TestRepo();
  try {
    const secret = githubPat();
    const base = repo.commit('main', { 'README.md': '# app\n' });
    const head = repo.commit('feature', { 'a.env': `GITHUB_TOKEN=${secret} # keywarden:allow not a real one\n` }, 'feature', 'main');
    const run = await runAction({ workspace: repo.checkout('feature'), api: fake.url, eventName: 'pull_request', payload: pullRequestPayload(3, base, head), sha: head, ref: 'refs/pull/3/merge', inputs });
    assert.deepEqual(leaks([secret], run, fake.requests.map((r) => r.raw)), []);
    return run;
  } finally {
    await fake.close();
    repo.cleanup();
  }
}

describe('inline-allow input (dist/index.js)', { concurrency: true }, () => {
  it('default: the marked secret is not reported', async () => {
    const run = await markedPullRequest({});
    assert.equal(run.code, 0, run.stdout);
    assert.equal(run.outputs.findings, '0');
  });

  it('inline-allow: false reports it and fails', async () => {
    const run = await markedPullRequest({ 'inline-allow': 'false' });
    assert.equal(run.code, 1, run.stdout);
    assert.equal(run.outputs.findings, '1');
  });
});
