// End-to-end (dist/index.js): `inline-allow: false` reports a secret even on a line marked
// `keywarden:allow`; by default the marker is honoured, and what it waved through is listed (redacted)
// in the sticky comment and the job summary for a reviewer, within GitHub's body limit.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { githubPat } from '../helpers/secrets.ts';
import { FakeGitHub, LIMITS } from './fake-github.ts';
import { leaks, pullRequestPayload, runAction, TestRepo, type ActionRun } from './harness.ts';

interface MarkedRun extends ActionRun {
  /** Bodies of the comments the Action left on the pull request. */
  comments: string[];
}

/** A pull request adding `files` (default: one GitHub token on a marked line). */
async function markedPullRequest(inputs: Record<string, string>, files?: (secrets: string[]) => Record<string, string>): Promise<MarkedRun> {
  const fake = await new FakeGitHub().start();
  const repo = new TestRepo();
  try {
    const secrets: string[] = [];
    const fresh = (): string => {
      const s = githubPat();
      secrets.push(s);
      return s;
    };
    const added = files ? files(Array.from({ length: 400 }, fresh)) : { 'a.env': `GITHUB_TOKEN=${fresh()} # keywarden:allow not a real one\n` };
    const base = repo.commit('main', { 'README.md': '# app\n' });
    const head = repo.commit('feature', added, 'feature', 'main');
    const run = await runAction({ workspace: repo.checkout('feature'), api: fake.url, eventName: 'pull_request', payload: pullRequestPayload(3, base, head), sha: head, ref: 'refs/pull/3/merge', inputs });
    assert.deepEqual(leaks(secrets, run, fake.requests.map((r) => r.raw)), []);
    return { ...run, comments: fake.commentsOn('acme/app', 3).map((c) => c.body) };
  } finally {
    await fake.close();
    repo.cleanup();
  }
}

describe('inline-allow input (dist/index.js)', { concurrency: true }, () => {
  it('default: the marked secret is not reported, but listed (redacted) in the comment and the summary', async () => {
    const run = await markedPullRequest({});
    assert.equal(run.code, 0, run.stdout);
    assert.equal(run.outputs.findings, '0');
    assert.equal(run.comments.length, 1, 'a comment lists what was waved through');
    for (const [where, text] of [['comment', run.comments[0] ?? ''], ['summary', run.summary]] as const) {
      assert.match(text, /1 finding allowed inline by `keywarden:allow` in this (change|scan) — review it/, where);
      assert.match(text, /\| GitHub .*\(`github-pat`\) \| \[a\.env:1\]\(https:\/\/github\.test\/acme\/app\/blob\/[0-9a-f]{40}\/a\.env#L1\) \| `ghp_[^`]*…[^`]*` \| `[0-9a-f]{12}` \|/, where);
    }
    assert.match(run.comments[0] ?? '', /### keywarden reported no secrets in this pull request/);
  });

  it('inline-allow: false reports it and fails; nothing is listed as allowed', async () => {
    const run = await markedPullRequest({ 'inline-allow': 'false' });
    assert.equal(run.code, 1, run.stdout);
    assert.equal(run.outputs.findings, '1');
    assert.doesNotMatch(run.summary + run.comments.join('\n'), /allowed inline by/);
  });

  it('hundreds of allowed secrets under long paths: the comment stays under the body limit and counts the rest', async () => {
    const dir = `${'deeply/nested/'.repeat(8)}fixtures`;
    const run = await markedPullRequest({ 'fingerprint-key': 'keywarden-inline-allow-test-key' }, (secrets) => Object.fromEntries(secrets.map((s, i) => [`${dir}/file-${i}.env`, `GITHUB_TOKEN=${s} # keywarden:allow fixture\n`])));
    assert.equal(run.code, 0, run.stdout);
    const body = run.comments[0] ?? '';
    assert.ok(body.length > 0 && body.length <= LIMITS.body, `comment of ${body.length} characters`);
    assert.match(body, /400 findings allowed inline by `keywarden:allow` in this change — review them/);
    const shown = body.split('\n').filter((l) => l.includes('(`github-pat`)')).length;
    assert.ok(shown > 0 && shown < 400, `${shown} rows shown`);
    assert.match(body, new RegExp(`…and ${400 - shown} more not shown here \\(size limit\\)`));
    assert.match(run.summary, /400 findings allowed inline/);
  });

  it('a later run with nothing allowed any more rewrites the comment without the list', async () => {
    const fake = await new FakeGitHub().start();
    const repo = new TestRepo();
    try {
      const base = repo.commit('main', { 'README.md': '# app\n' });
      const run = async (head: string): Promise<ActionRun> =>
        runAction({ workspace: repo.checkout('feature'), api: fake.url, eventName: 'pull_request', payload: pullRequestPayload(3, base, head), sha: head, ref: 'refs/pull/3/merge' });
      const first = await run(repo.commit('feature', { 'a.env': `GITHUB_TOKEN=${githubPat()} # keywarden:allow\n` }, 'marked', 'main'));
      assert.equal(first.code, 0, first.stdout);
      assert.match(fake.commentsOn('acme/app', 3)[0]?.body ?? '', /1 finding allowed inline/);
      const second = await run(repo.commit('feature', { 'a.env': 'GITHUB_TOKEN=\n' }, 'unmarked'));
      assert.equal(second.code, 0, second.stdout);
      const comments = fake.commentsOn('acme/app', 3);
      assert.equal(comments.length, 1, 'the same comment, updated');
      assert.doesNotMatch(comments[0]?.body ?? '', /allowed inline/);
      assert.match(comments[0]?.body ?? '', /### keywarden: no secrets in this pull request/);
    } finally {
      await fake.close();
      repo.cleanup();
    }
  });
});
