// End-to-end: the bundled Action (dist/index.js, run `npm run bundle` first) in a child process against a
// loopback fake of the GitHub API, on throwaway repositories cloned the way actions/checkout clones
// (shallow). Scenarios run concurrently, each with its own fake server and repository.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { after, before, describe, it } from 'node:test';
import { legacyFingerprint } from '../../src/core/fingerprint.ts';
import { sarifSchemaErrors } from '../helpers/sarif-schema.ts';
import { awsKeyId, gen, githubPat } from '../helpers/secrets.ts';
import { FakeGitHub } from './fake-github.ts';
import { BUNDLE, leaks, pullRequestPayload, pushPayload, runAction, TestRepo, ZERO_SHA, type ActionRun } from './harness.ts';

const MARKER = '<!-- keywarden:pr-comment -->';

/** Every request body the fake recorded, for the leak check. */
const bodies = (fake: FakeGitHub): string[] => fake.requests.map((r) => r.raw);

function assertNoLeak(secrets: string[], run: ActionRun, fake: FakeGitHub): void {
  assert.deepEqual(leaks(secrets, run, bodies(fake)), [], 'a raw secret appeared outside ::add-mask::');
}

function assertMasked(secrets: string[], run: ActionRun): void {
  for (const s of secrets) assert.ok(run.stdout.split('\n').includes(`::add-mask::${s}`), 'every raw value is registered with core.setSecret');
}

/** A repository whose `feature` branch adds a config file with two secrets to `main`. */
function leakyPullRequest(): { repo: TestRepo; base: string; head: string; secrets: string[] } {
  const repo = new TestRepo();
  const base = repo.commit('main', { 'README.md': '# app\n', 'src/app.ts': 'export const port = 8080;\n' });
  const secrets = [githubPat(), awsKeyId()];
  const head = repo.commit('feature', { 'config/app.env': `PORT=8080\nGITHUB_TOKEN=${secrets[0]}\nAWS_ACCESS_KEY_ID=${secrets[1]}\n` }, 'add config', 'main');
  return { repo, base, head, secrets };
}

describe('GitHub Action (dist/index.js)', { concurrency: true }, () => {
  before(() => assert.ok(existsSync(BUNDLE), 'dist/index.js is missing: run `npm run bundle` first'));

  describe('pull request with secrets, re-run, then cleaned up', { concurrency: 1 }, () => {
    const fake = new FakeGitHub();
    const pr = leakyPullRequest();
    before(async () => {
      await fake.start();
      // Five earlier comments, two per page: the marker lookup has to page through.
      fake.maxPerPage = 2;
      for (let i = 0; i < 5; i++) fake.commentsOn('acme/app', 7).push({ id: i + 1, body: `review ${i}`, html_url: '', user: { login: 'someone' } });
    });
    after(async () => {
      await fake.close();
      pr.repo.cleanup();
    });
    const start = (head: string): Promise<ActionRun> =>
      runAction({ workspace: pr.repo.checkout('feature'), api: fake.url, eventName: 'pull_request', payload: pullRequestPayload(7, pr.base, head), sha: head, ref: 'refs/pull/7/merge', inputs: { 'upload-sarif': 'true' } });

    it('first run: fails, comments once, annotates, uploads valid SARIF, leaks nothing', async () => {
      const run = await start(pr.head);
      assert.equal(run.code, 1, run.stderr);
      assert.match(run.stdout, /^::error::keywarden found 2 leaked secrets \(1 critical, 1 high\) at or above fail-on "low"/m);
      assert.match(run.stdout, /^::error title=Leaked secret \(github-pat\),file=config\/app\.env,line=2,/m);
      assertMasked(pr.secrets, run);
      assert.equal(run.outputs.findings, '2');
      assert.equal(run.outputs['new-findings'], '2');
      assert.equal(JSON.parse(run.outputs.fingerprints ?? '').length, 2);
      const posted = fake.calls('POST', /\/issues\/7\/comments$/);
      assert.equal(posted.length, 1);
      const body = String(posted[0]?.body?.body);
      assert.ok(body.startsWith(MARKER));
      assert.match(body, /\[config\/app\.env:2\]\(https:\/\/github\.test\/acme\/app\/blob\/[0-9a-f]{40}\/config\/app\.env#L2\)/);
      assert.ok(fake.calls('GET', /\/issues\/7\/comments$/).length >= 3, 'paginated lookup');
      assert.equal(fake.sarifs.length, 1);
      const upload = fake.sarifs[0];
      assert.ok(upload);
      assert.equal(upload.ref, 'refs/pull/7/merge');
      assert.equal(upload.commit_sha, pr.head);
      assert.deepEqual(sarifSchemaErrors(upload.log), []);
      const results = (upload.log as { runs: { results: { partialFingerprints: Record<string, string> }[]; automationDetails: { id: string } }[] }).runs[0];
      assert.ok(results);
      assert.equal(results.automationDetails.id, 'keywarden/pr/');
      for (const r of results.results) assert.match(r.partialFingerprints.primaryLocationLineHash ?? '', /^[0-9a-f]+:\d+$/);
      assert.equal(upload.text, run.sarif, 'the uploaded SARIF is the file written');
      assert.match(run.summary, /## keywarden: 2 secrets found/);
      assertNoLeak(pr.secrets, run, fake);
    });

    it('identical re-run: finds the comment and writes nothing', async () => {
      const run = await start(pr.head);
      assert.equal(run.code, 1);
      assert.equal(fake.calls('POST', /\/issues\/7\/comments$/).length, 1, 'still one comment created');
      assert.equal(fake.calls('PATCH', /\/issues\/comments\/\d+$/).length, 0, 'same body: no update');
      assert.equal(run.outputs['new-findings'], '0', 'the comment already reported both');
      assertNoLeak(pr.secrets, run, fake);
    });

    it('a new push with one more secret: updates the same comment in place', async () => {
      const extra = githubPat();
      pr.secrets.push(extra);
      const head = pr.repo.commit('feature', { 'scripts/ci.sh': `export GH_TOKEN=${extra}\n` }, 'ci script');
      const run = await start(head);
      assert.equal(run.code, 1);
      assert.equal(fake.calls('POST', /\/issues\/7\/comments$/).length, 1, 'not duplicated');
      const patched = fake.calls('PATCH', /\/issues\/comments\/\d+$/);
      assert.equal(patched.length, 1);
      assert.match(String(patched[0]?.body?.body), /found 3 secrets/);
      assert.equal(fake.commentsOn('acme/app', 7).filter((c) => c.body.includes(MARKER)).length, 1);
      assert.equal(run.outputs.findings, '3');
      assert.equal(run.outputs['new-findings'], '1');
      assertNoLeak(pr.secrets, run, fake);
    });

    it('a later clean head: the comment says the secrets left the diff but must still be rotated', async () => {
      const clean = pr.repo.commit('feature', { 'config/app.env': 'PORT=8080\n', 'scripts/ci.sh': null }, 'remove secrets');
      const run = await start(clean);
      assert.equal(run.code, 0, run.stdout);
      assert.equal(run.outputs.findings, '0');
      const ours = fake.commentsOn('acme/app', 7).filter((c) => c.body.includes(MARKER));
      assert.equal(ours.length, 1);
      assert.match(ours[0]?.body ?? '', /no secrets in this pull request any more/);
      assert.match(ours[0]?.body ?? '', /still leaked/);
      assert.match(ours[0]?.body ?? '', /revoke and rotate/i);
      assertNoLeak(pr.secrets, run, fake);
    });
  });

  it('clean pull request: no comment, success, empty SARIF still written', async () => {
    const fake = await new FakeGitHub().start();
    const repo = new TestRepo();
    try {
      const base = repo.commit('main', { 'README.md': '# app\n' });
      const head = repo.commit('feature', { 'src/app.ts': 'export const port = 8080;\n' }, 'feature', 'main');
      const run = await runAction({ workspace: repo.checkout('feature'), api: fake.url, eventName: 'pull_request', payload: pullRequestPayload(3, base, head), sha: head, ref: 'refs/pull/3/merge' });
      assert.equal(run.code, 0, run.stdout + run.stderr);
      assert.equal(run.outputs.findings, '0');
      assert.equal(run.outputs.fingerprints, '[]');
      assert.deepEqual(fake.requests.map((r) => `${r.method} ${r.path}`), ['GET /user', 'GET /repos/acme/app/issues/3/comments'], 'looked, posted nothing');
      assert.match(run.summary, /no secrets found/);
      assert.ok(run.sarif && (JSON.parse(run.sarif) as { runs: { results: unknown[] }[] }).runs[0]?.results.length === 0);
    } finally {
      await fake.close();
      repo.cleanup();
    }
  });

  it('push of a new branch: scans only the commits not on the default branch (GHES API URL)', async () => {
    const fake = await new FakeGitHub().start();
    const repo = new TestRepo();
    try {
      const old = githubPat();
      repo.commit('main', { 'legacy.env': `GITHUB_TOKEN=${old}\n` });
      const fresh = awsKeyId();
      const head = repo.commit('topic', { 'deploy/aws.env': `AWS_ACCESS_KEY_ID=${fresh}\n` }, 'deploy', 'main');
      const run = await runAction({
        workspace: repo.checkout('topic'),
        api: `${fake.url}/api/v3`,
        eventName: 'push',
        payload: pushPayload('refs/heads/topic', ZERO_SHA, head),
        sha: head,
        ref: 'refs/heads/topic',
        inputs: { 'upload-sarif': 'true' },
      });
      assert.equal(run.code, 1, run.stdout + run.stderr);
      assert.equal(run.outputs.findings, '1', 'the secret on main is not part of this push');
      assert.match(run.stdout, /file=deploy\/aws\.env/);
      assert.ok(fake.requests.every((r) => r.ghes), 'every call went to the GHES-style base URL');
      assert.equal(fake.sarifs[0]?.ref, 'refs/heads/topic');
      assert.match(String(run.sarif), /"id": "keywarden\/push\/"/);
      assert.equal(fake.calls('POST', /\/issues$/).length, 0, 'no incident issue for a non-default branch by default');
      assertNoLeak([old, fresh], run, fake);
    } finally {
      await fake.close();
      repo.cleanup();
    }
  });

  it('push deleting a branch: nothing to scan, success', async () => {
    const fake = await new FakeGitHub().start();
    const repo = new TestRepo();
    try {
      const sha = repo.commit('main', { 'README.md': '# app\n' });
      const run = await runAction({ workspace: repo.checkout('main'), api: fake.url, eventName: 'push', payload: pushPayload('refs/heads/gone', sha, ZERO_SHA), sha, ref: 'refs/heads/gone', inputs: { 'upload-sarif': 'true' } });
      assert.equal(run.code, 0, run.stdout + run.stderr);
      assert.equal(run.outputs.findings, '0');
      assert.match(run.stdout, /scanning nothing: branch gone was deleted/);
      assert.equal(fake.requests.length, 0);
    } finally {
      await fake.close();
      repo.cleanup();
    }
  });

  it('fork pull request with a read-only token: warns once per write, keeps summary, annotations and SARIF', async () => {
    const fake = await new FakeGitHub().start();
    fake.readOnly = true;
    const pr = leakyPullRequest();
    try {
      const run = await runAction({
        workspace: pr.repo.checkout('feature'),
        api: fake.url,
        eventName: 'pull_request',
        payload: pullRequestPayload(9, pr.base, pr.head, { fork: true }),
        sha: pr.head,
        ref: 'refs/pull/9/merge',
        inputs: { 'upload-sarif': 'true' },
      });
      assert.equal(run.code, 1, 'failed for the findings, not for the API');
      assert.equal((run.stdout.match(/^::warning::Could not write the pull request comment \(HTTP 403/gm) ?? []).length, 1);
      assert.equal((run.stdout.match(/^::warning::SARIF not uploaded: code scanning is not available/gm) ?? []).length, 1);
      assert.match(run.stdout, /^::error title=Leaked secret/m);
      assert.match(run.summary, /## keywarden: 2 secrets found/);
      assert.match(run.summary, /### Notes[\s\S]*read-only/);
      assert.ok(run.sarif?.includes('"keywarden/pr/"'));
      assert.equal(run.outputs.findings, '2');
      assertNoLeak(pr.secrets, run, fake);
    } finally {
      await fake.close();
      pr.repo.cleanup();
    }
  });

  it('API errors: a 500 is retried; a 422 on upload becomes a warning and loses nothing', async () => {
    const fake = await new FakeGitHub().start();
    fake.fail('POST', /\/issues\/5\/comments$/, 500, 1);
    fake.fail('POST', /\/code-scanning\/sarifs$/, 422, 1, 'Validation Failed');
    const pr = leakyPullRequest();
    try {
      const run = await runAction({ workspace: pr.repo.checkout('feature'), api: fake.url, eventName: 'pull_request', payload: pullRequestPayload(5, pr.base, pr.head), sha: pr.head, ref: 'refs/pull/5/merge', inputs: { 'upload-sarif': 'true', 'fail-on': 'none' } });
      assert.equal(run.code, 0, 'fail-on none: API trouble does not fail the step');
      assert.equal(fake.calls('POST', /\/issues\/5\/comments$/).length, 2, 'the 500 was retried');
      assert.equal(fake.commentsOn('acme/app', 5).length, 1, 'one comment in the end');
      assert.doesNotMatch(run.stdout, /Could not write the pull request comment/);
      assert.match(run.stdout, /^::warning::SARIF upload failed: HTTP 422/m);
      assert.ok(run.sarif, 'SARIF file kept');
      assert.match(run.summary, /SARIF upload failed/);
      assertNoLeak(pr.secrets, run, fake);
    } finally {
      await fake.close();
      pr.repo.cleanup();
    }
  });

  it('mode tree with a baseline and fail-on critical: the baselined secret is dropped, a high one does not fail', async () => {
    const fake = await new FakeGitHub().start();
    const repo = new TestRepo();
    try {
      const [accepted, remaining] = [githubPat(), awsKeyId()];
      const head = repo.commit('main', { 'a.env': `GITHUB_TOKEN=${accepted}\n`, 'b.env': `AWS_ACCESS_KEY_ID=${remaining}\n` });
      const ws = repo.checkout('main');
      writeFileSync(join(ws, '.keywarden-baseline'), `${legacyFingerprint('github-pat', accepted)}  # github-pat a.env (a version 1 baseline is still read)\n`);
      const run = await runAction({ workspace: ws, api: fake.url, eventName: 'push', payload: pushPayload('refs/heads/main', ZERO_SHA, head), sha: head, ref: 'refs/heads/main', inputs: { mode: 'tree', baseline: '.keywarden-baseline', 'fail-on': 'critical', 'incident-issues': 'false' } });
      assert.equal(run.code, 0, run.stdout + run.stderr);
      assert.equal(run.outputs.findings, '1');
      assert.match(run.stdout, /file=b\.env/);
      assert.match(String(run.sarif), /"id": "keywarden\/tree\/"/);
      assert.match(run.stdout, /1 secret below fail-on "critical"/);
      assertNoLeak([accepted, remaining], run, fake);
    } finally {
      await fake.close();
      repo.cleanup();
    }
  });

  it('a tree larger than the inline budget is detected in worker threads from dist/worker.js, with the same findings', async () => {
    const fake = await new FakeGitHub().start();
    const repo = new TestRepo();
    try {
      const secrets = [githubPat(), awsKeyId(), githubPat()];
      const filler = `${'const value = compute(input, 42); // ordinary code line\n'.repeat(2000)}`;
      const files: Record<string, string> = {};
      for (let i = 0; i < 40; i++) files[`src/f${String(i).padStart(2, '0')}.js`] = filler;
      files['src/f10.js'] = `${filler}const t = "${secrets[0]}";\n`;
      files['src/f25.js'] = `${filler}AWS_ACCESS_KEY_ID=${secrets[1]}\n`;
      files['src/f39.js'] = `${filler}const u = "${secrets[2]}";\n`;
      const head = repo.commit('main', files);
      const run = await runAction({ workspace: repo.checkout('main'), api: fake.url, eventName: 'push', payload: pushPayload('refs/heads/main', ZERO_SHA, head), sha: head, ref: 'refs/heads/main', inputs: { mode: 'tree', 'incident-issues': 'false' } });
      assert.equal(run.code, 1, run.stdout + run.stderr);
      assert.equal(run.outputs.findings, '3');
      for (const f of ['src/f10.js', 'src/f25.js', 'src/f39.js']) assert.match(run.stdout, new RegExp(`file=${f.replace('.', '\\.')},`));
      assert.doesNotMatch(run.stdout, /detector worker failed/);
      if (availableParallelism() > 1) assert.match(run.stdout, /^::debug::detection: \d+ worker threads? started/m);
      assertNoLeak(secrets, run, fake);
    } finally {
      await fake.close();
      repo.cleanup();
    }
  });

  it('a shallow checkout that cannot be deepened fails with a clear fetch-depth hint', async () => {
    const fake = await new FakeGitHub().start();
    const repo = new TestRepo();
    try {
      repo.commit('main', { 'README.md': '# app\n' });
      const head = repo.commit('main', { 'src/a.ts': 'export {};\n' });
      const ws = repo.checkout('main');
      execFileSync('git', ['remote', 'set-url', 'origin', `file://${repo.dir}/no-such-origin.git`], { cwd: ws });
      const run = await runAction({ workspace: ws, api: fake.url, eventName: 'workflow_dispatch', payload: {}, sha: head, ref: 'refs/heads/main' });
      assert.equal(run.code, 1);
      assert.match(run.stdout, /^::error::a history scan needs the full history and the checkout is shallow\. Set `fetch-depth: 0` on actions\/checkout/m);
      assert.equal(fake.requests.length, 0);
    } finally {
      await fake.close();
      repo.cleanup();
    }
  });

  it('scheduled history scan of a shallow checkout: unshallows, finds a removed secret, opens an incident', async () => {
    const fake = await new FakeGitHub().start();
    const repo = new TestRepo();
    try {
      const secret = gen('{{gen:alnum:40}}');
      repo.commit('main', { 'README.md': '# app\n' });
      repo.commit('main', { 'ops/aws.cfg': `aws_secret_access_key = ${secret}\n` }, 'add creds');
      const head = repo.commit('main', { 'ops/aws.cfg': null }, 'remove creds');
      const run = await runAction({ workspace: repo.checkout('main'), api: fake.url, eventName: 'schedule', payload: { schedule: '0 3 * * *', repository: { full_name: 'acme/app', default_branch: 'main' } }, sha: head, ref: 'refs/heads/main' });
      assert.equal(run.code, 1, run.stdout + run.stderr);
      assert.match(run.stdout, /fetching the full history/);
      assert.equal(run.outputs.findings, '1');
      assert.match(String(run.sarif), /"id": "keywarden\/history\/"/);
      assert.equal(fake.calls('POST', /\/repos\/acme\/app\/issues$/).length, 1, 'incident issues are on for schedule');
      assert.equal(fake.calls('POST', /\/comments$/).length, 0, 'no pull request: no comment');
      assertNoLeak([secret], run, fake);
    } finally {
      await fake.close();
      repo.cleanup();
    }
  });
});
