// End-to-end (dist/index.js) against a fake API that misbehaves: a stalled endpoint, a stalled API, a
// used-up primary rate limit, and a malformed event payload. The job ends within bounds, the SARIF
// file and the job summary are kept, and every problem is one readable line.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { githubPat } from '../helpers/secrets.ts';
import { FakeGitHub } from './fake-github.ts';
import { leaks, pullRequestPayload, runAction, TestRepo, type ActionRun, type ActionSpec } from './harness.ts';

/** Runs the Action on a pull request adding one secret, with the fake prepared by `setup`. */
async function leakyRun(setup: (fake: FakeGitHub) => void, spec: Partial<ActionSpec> = {}): Promise<{ run: ActionRun; fake: FakeGitHub; secret: string }> {
  const fake = await new FakeGitHub().start();
  const repo = new TestRepo();
  try {
    setup(fake);
    const secret = githubPat();
    const base = repo.commit('main', { 'README.md': '# app\n' });
    const head = repo.commit('feature', { 'a.env': `GITHUB_TOKEN=${secret}\n` }, 'feature', 'main');
    const run = await runAction({ workspace: repo.checkout('feature'), api: fake.url, eventName: 'pull_request', payload: pullRequestPayload(8, base, head), sha: head, ref: 'refs/pull/8/merge', inputs: { 'upload-sarif': 'true' }, ...spec });
    assert.deepEqual(leaks([secret], run, fake.requests.map((r) => r.raw)), []);
    return { run, fake, secret };
  } finally {
    await fake.close();
    repo.cleanup();
  }
}

function assertReportKept(run: ActionRun): void {
  assert.equal(run.code, 1, 'failed for the finding');
  assert.match(run.summary, /## keywarden: 1 secret found/);
  assert.ok(run.sarif?.includes('"ruleId": "github-pat"'), 'SARIF file written');
  assert.equal(run.outputs.findings, '1');
}

describe('API faults (dist/index.js)', { concurrency: true }, () => {
  it('a stalled comment endpoint: the request times out, the other steps go on', async () => {
    const { run, fake } = await leakyRun((f) => f.stall('POST', /\/issues\/8\/comments$/), { env: { KEYWARDEN_API_TIMEOUT_MS: '5000' } });
    assertReportKept(run);
    assert.ok(fake.calls('POST', /\/issues\/8\/comments$/).length <= 1, 'a timed-out write is not retried');
    assert.match(run.stdout, /^::warning::Could not write the pull request comment: no answer within 5 s \(request timeout\)/m);
    assert.equal(fake.sarifs.length, 1, 'the SARIF upload still happened');
    assert.match(run.summary, /### Notes[\s\S]*request timeout/);
    assert.ok(run.ms < 60_000, `ended in ${run.ms} ms`);
  });

  it('a stalled API: the publishing deadline stops every step, the job ends with a warning', async () => {
    const { run } = await leakyRun((f) => f.stall('GET', /./), { env: { KEYWARDEN_PUBLISH_DEADLINE_MS: '3000' } });
    assertReportKept(run);
    assert.match(run.stdout, /^::warning::The GitHub API steps did not finish within 3 s and were stopped: the pull request comment and the code-scanning upload were not written/m);
    assert.match(run.summary, /did not finish within 3 s/);
    assert.ok(run.ms < 60_000, `ended in ${run.ms} ms`);
  });

  it('a used-up primary rate limit is reported as such, with its reset time, not as a read-only token', async () => {
    const reset = Math.floor(Date.now() / 1000) + 3600;
    const { run } = await leakyRun((f) => {
      f.rateLimit('POST', /\/issues\/8\/comments$/, reset, 5);
      f.rateLimit('POST', /\/code-scanning\/sarifs$/, reset, 5);
    });
    assertReportKept(run);
    const at = new Date(reset * 1000).toISOString().slice(11, 19);
    assert.match(run.stdout, new RegExp(`^::warning::Could not write the pull request comment: HTTP 403: the GitHub API rate limit for this token is used up until ${at} UTC \\(in (59|60) min\\)`, 'm'));
    assert.match(run.stdout, /^::warning::SARIF upload failed: HTTP 403: the GitHub API rate limit/m);
    assert.doesNotMatch(run.stdout, /read-only|code scanning is not available/);
  });

  it('a malformed event payload: one ::error:: line, no stack trace, no payload echoed, exit non-zero', async () => {
    const marker = 'payload-content-must-not-echo';
    const { run, fake } = await leakyRun(() => undefined, { payloadText: `{"pull_request": {"number": 8, "title": "${marker}\n` });
    assert.equal(run.code, 1);
    const lines = (run.stdout + run.stderr).split('\n').filter(Boolean);
    assert.deepEqual(lines.filter((l) => !l.startsWith('::add-mask::')), [lines.find((l) => l.startsWith('::error::'))]);
    assert.match(run.stdout, /^::error::the event payload file GITHUB_EVENT_PATH \(.+event\.json\) is not valid JSON$/m);
    assert.ok(!(run.stdout + run.stderr).includes(marker));
    assert.equal(fake.requests.length, 0);
  });
});
