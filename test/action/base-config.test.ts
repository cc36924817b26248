// End-to-end (dist/index.js): on pull requests and merge queues the configuration, ignore file and
// baseline come from the base commit. A change that loosens them next to a secret still fails, and says
// that its edits take effect only once merged; the base commit's own configuration is honoured.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { legacyFingerprint } from '../../src/core/fingerprint.ts';
import { githubPat } from '../helpers/secrets.ts';
import { FakeGitHub } from './fake-github.ts';
import { BUNDLE, leaks, pullRequestPayload, runAction, TestRepo, type ActionRun } from './harness.ts';

interface Case {
  run: ActionRun;
  fake: FakeGitHub;
  secret: string;
}

/** A pull request adding `files` plus a GitHub token in `path` on top of `baseFiles`. */
async function pullRequest(baseFiles: Record<string, string>, files: (secret: string) => Record<string, string>, path = 'src/token.env', inputs: Record<string, string> = {}): Promise<Case> {
  const fake = await new FakeGitHub().start();
  const repo = new TestRepo();
  try {
    const secret = githubPat();
    const base = repo.commit('main', { 'README.md': '# app\n', ...baseFiles });
    const head = repo.commit('feature', { [path]: `GITHUB_TOKEN=${secret}\n`, ...files(secret) }, 'feature', 'main');
    const run = await runAction({ workspace: repo.checkout('feature'), api: fake.url, eventName: 'pull_request', payload: pullRequestPayload(4, base, head), sha: head, ref: 'refs/pull/4/merge', inputs });
    assert.deepEqual(leaks([secret], run, fake.requests.map((r) => r.raw)), []);
    return { run, fake, secret };
  } finally {
    await fake.close();
    repo.cleanup();
  }
}

const commentBody = (fake: FakeGitHub): string => String(fake.calls('POST', /\/issues\/4\/comments$/)[0]?.body?.body ?? '');

function assertStillFails(c: Case, changed: RegExp): void {
  assert.equal(c.run.code, 1, c.run.stdout + c.run.stderr);
  assert.equal(c.run.outputs.findings, '1');
  assert.match(c.run.summary, /## keywarden: 1 secret found/);
  for (const [where, text] of [['summary', c.run.summary], ['comment', commentBody(c.fake)]] as const) {
    assert.match(text, /\[!WARNING\]/, where);
    assert.match(text, changed, `${where} names the changed file`);
    assert.match(text, /take effect only once they are merged/, where);
  }
}

describe('configuration from the base commit (dist/index.js)', { concurrency: true }, () => {
  it('bundle present', () => assert.ok(existsSync(BUNDLE), 'dist/index.js is missing: run `npm run bundle` first'));

  it('a pull request adding `allowlist: {paths: [**]}` next to a secret still fails, with a notice', async () => {
    const c = await pullRequest({}, () => ({ '.keywarden.yml': "allowlist:\n  paths: ['**']\n" }));
    assertStillFails(c, /`\.keywarden\.yml`/);
  });

  it('a pull request switching to `extends: none` in .keywarden.yaml still fails', async () => {
    const c = await pullRequest({ '.keywarden.yml': 'minSeverity: low\n' }, () => ({ '.keywarden.yml': null as unknown as string, '.keywarden.yaml': 'extends: none\n' }));
    assertStillFails(c, /`\.keywarden\.yml`, `\.keywarden\.yaml`/);
  });

  it('a pull request adding its secret to .keywardenignore and to the baseline still fails', async () => {
    const c = await pullRequest({ '.keywarden-baseline': '# empty\n' }, (secret) => ({ '.keywardenignore': `${legacyFingerprint('github-pat', secret)}  # test key\n`, '.keywarden-baseline': `${legacyFingerprint('github-pat', secret)}\n` }), 'src/token.env', { baseline: '.keywarden-baseline' });
    assertStillFails(c, /`\.keywardenignore`, `\.keywarden-baseline`/);
  });

  it("the base commit's configuration applies: an allowlisted path passes, without a notice", async () => {
    const c = await pullRequest({ '.keywarden.yml': "allowlist:\n  paths: ['fixtures/**']\n" }, () => ({}), 'fixtures/token.env');
    assert.equal(c.run.code, 0, c.run.stdout + c.run.stderr);
    assert.equal(c.run.outputs.findings, '0');
    assert.doesNotMatch(c.run.summary, /\[!WARNING\]/);
  });

  it('a merge queue entry uses the base commit too', async () => {
    const fake = await new FakeGitHub().start();
    const repo = new TestRepo();
    try {
      const secret = githubPat();
      const base = repo.commit('main', { 'README.md': '# app\n' });
      const head = repo.commit('gh-readonly-queue/main/pr-4', { 'a.env': `GITHUB_TOKEN=${secret}\n`, '.keywarden.yml': 'extends: none\n' }, 'queued', 'main');
      const payload = { merge_group: { base_sha: base, head_sha: head, base_ref: 'refs/heads/main', head_ref: 'refs/heads/gh-readonly-queue/main/pr-4' } };
      const run = await runAction({ workspace: repo.checkout('gh-readonly-queue/main/pr-4'), api: fake.url, eventName: 'merge_group', payload, sha: head, ref: 'refs/heads/gh-readonly-queue/main/pr-4' });
      assert.equal(run.code, 1, run.stdout + run.stderr);
      assert.match(run.summary, /`\.keywarden\.yml`[\s\S]*take effect only once they are merged/);
      assert.deepEqual(leaks([secret], run, fake.requests.map((r) => r.raw)), []);
    } finally {
      await fake.close();
      repo.cleanup();
    }
  });
});
