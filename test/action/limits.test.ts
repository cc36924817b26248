// End-to-end (dist/index.js) at GitHub's limits, against a fake API that enforces them: SARIF results
// per run and upload size, and (see the body tests) 65,536 characters per comment or issue body.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { awsKeyId } from '../helpers/secrets.ts';
import { FakeGitHub, LIMITS } from './fake-github.ts';
import { pushPayload, runAction, TestRepo, ZERO_SHA } from './harness.ts';

describe("GitHub's limits (dist/index.js)", { concurrency: true }, () => {
  it('30,000 findings: the SARIF file and upload keep 25,000 results, with a notice in the run, the log and the summary', async () => {
    const fake = await new FakeGitHub().start();
    const repo = new TestRepo();
    try {
      const keys = Array.from({ length: 30_000 }, () => `AWS_ACCESS_KEY_ID=${awsKeyId()}`);
      const head = repo.commit('main', { 'keys.env': `${keys.join('\n')}\n` });
      const run = await runAction({ workspace: repo.checkout('main'), api: fake.url, eventName: 'push', payload: pushPayload('refs/heads/main', ZERO_SHA, head), sha: head, ref: 'refs/heads/main', inputs: { mode: 'tree', 'upload-sarif': 'true', 'incident-issues': 'false' } });
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
