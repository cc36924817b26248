// SARIF upload and processing status, against the fake API; line hashes added only where verifiable.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import type { Log } from 'sarif';
import { withSecret } from '../../src/core/match.ts';
import type { Occurrence, Secret } from '../../src/core/types.ts';
import type { GitHubClient } from '../../src/github/client.ts';
import { CodeScanningUnavailableError, encodeSarif, uploadSarif, waitForSarif } from '../../src/github/code-scanning.ts';
import { upsertComment } from '../../src/github/comments.ts';
import { lineHashes } from '../../src/github/line-hash.ts';
import { addLineHashes, LINE_HASH_MASK } from '../../src/github/sarif-line-hashes.ts';
import { FakeGitHub } from '../action/fake-github.ts';
import { testClient } from './client.ts';

const repo = { owner: 'acme', repo: 'app' };

describe('code scanning upload', () => {
  const fake = new FakeGitHub();
  before(() => fake.start());
  after(() => fake.close());

  it('encodes gzip + base64 and sends commit and ref', async () => {
    const json = JSON.stringify({ version: '2.1.0', runs: [] });
    assert.equal(gunzipSync(Buffer.from(encodeSarif(json), 'base64')).toString(), json);
    const { id } = await uploadSarif(testClient(fake.url), repo, json, { commitSha: 'f'.repeat(40), ref: 'refs/heads/main' });
    const up = fake.sarifs.find((s) => s.id === id);
    assert.equal(up?.text, json);
    assert.equal(up?.ref, 'refs/heads/main');
    assert.deepEqual(await waitForSarif(testClient(fake.url), repo, id), { status: 'complete', errors: [] });
  });

  it('code scanning off (403) is reported as unavailable, not as a crash', async () => {
    fake.codeScanningEnabled = false;
    try {
      await assert.rejects(uploadSarif(testClient(fake.url), repo, '{}', { commitSha: 'f'.repeat(40), ref: 'refs/heads/main' }), CodeScanningUnavailableError);
    } finally {
      fake.codeScanningEnabled = true;
    }
  });
});

describe('waitForSarif', () => {
  const scripted = (statuses: { processing_status: string; errors?: string[] }[]): GitHubClient & { calls: number } => {
    const client = {
      calls: 0,
      request: async <T,>() => ({ status: 200, data: statuses[Math.min(client.calls++, statuses.length - 1)] as T }),
      pages: async function* () {},
    };
    return client;
  };
  const noSleep = async (): Promise<void> => {};

  it('reports a failed analysis with its errors', async () => {
    const c = scripted([{ processing_status: 'pending' }, { processing_status: 'failed', errors: ['invalid security severity value'] }]);
    assert.deepEqual(await waitForSarif(c, repo, 'x', { sleep: noSleep }), { status: 'failed', errors: ['invalid security severity value'] });
    assert.equal(c.calls, 2);
  });

  it('stops asking after the attempts and says it is still pending', async () => {
    const c = scripted([{ processing_status: 'pending' }]);
    assert.deepEqual(await waitForSarif(c, repo, 'x', { attempts: 3, sleep: noSleep }), { status: 'pending', errors: [] });
    assert.equal(c.calls, 3);
  });
});

describe('upsertComment', () => {
  it('refuses a body without its marker, and writes nothing when told to skip', async () => {
    const fake = await new FakeGitHub().start();
    try {
      const where = { ...repo, issueNumber: 1, author: 'github-actions[bot]' };
      await assert.rejects(upsertComment(testClient(fake.url), where, '<!-- m -->', () => 'no marker'), /must contain its marker/);
      assert.deepEqual(await upsertComment(testClient(fake.url), where, '<!-- m -->', () => undefined), { action: 'skipped' });
      assert.equal(fake.requests.filter((r) => r.method !== 'GET').length, 0);
    } finally {
      await fake.close();
    }
  });
});

describe('addLineHashes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kw-hash-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const text = 'first\n  token = "abc123secretvalue"\nlast\n';
  const at = (path: string, line: number): Occurrence => ({ path, line, column: 1, endLine: line, endColumn: 2 });
  const secret = (...places: Occurrence[]): Secret =>
    withSecret({ fingerprint: '0'.repeat(40), type: 'p', ruleId: 'r', ruleName: 'r', severity: 'high', confidence: 'high', redacted: 'a…', occurrences: places }, 'abc123secretvalue');
  const log = (k: number): Log => ({ version: '2.1.0', runs: [{ tool: { driver: { name: 't' } }, results: Array.from({ length: k }, () => ({ message: { text: 'm' } })) }] });

  it('hashes the reported line, with the secret masked, when it still holds the secret; skips moved lines and missing files', async () => {
    const files: Record<string, string> = { 'a.env': text };
    const l = log(3);
    const added = await addLineHashes(l, [secret(at('a.env', 2), at('a.env', 3), at('gone.env', 1))], async (p) => files[p]);
    assert.equal(added, 1);
    const results = l.runs[0]?.results ?? [];
    assert.equal(results.length, 3);
    assert.equal(results[0]?.partialFingerprints?.primaryLocationLineHash, lineHashes(`first\n  token = "${LINE_HASH_MASK}"\nlast\n`)[1]);
    assert.notEqual(results[0]?.partialFingerprints?.primaryLocationLineHash, lineHashes(text)[1], 'the raw line is never hashed');
    assert.equal(results[1]?.partialFingerprints, undefined, 'line 3 does not hold the secret');
    assert.equal(results[2]?.partialFingerprints, undefined, 'history-only: file gone');
  });
});
