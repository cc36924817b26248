// Action inputs → ActionSettings: the defaults action.yml declares, and errors that name the input.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError, parseInputs } from '../../src/action/inputs.ts';
import { actionDefaults } from './harness.ts';

const reader =
  (values: Record<string, string>) =>
  (name: string): string =>
    values[name] ?? '';

describe('parseInputs', () => {
  it('action.yml defaults give the documented settings', () => {
    const s = parseInputs(reader(actionDefaults()), '/ws');
    assert.deepEqual(s, {
      mode: 'auto',
      shardReports: ['/ws/keywarden-shard-*.json'],
      workspace: '/ws',
      configPath: undefined,
      baselinePath: undefined,
      fingerprintKey: undefined,
      failOn: 'low',
      comment: true,
      annotations: true,
      inlineAllow: true,
      sarifFile: '/ws/keywarden.sarif',
      uploadSarif: false,
      htmlReportFile: undefined,
      incidentIssues: undefined,
      incidentRepo: undefined,
      repository: undefined,
      incidentAssignees: [],
      maxIssueSecrets: 50,
      token: 'fake-token-for-tests',
      apiTimeoutMs: 30_000,
      publishDeadlineMs: 180_000,
    });
  });

  it('request timeout and publishing deadline come from the environment (tests shorten them)', () => {
    const s = parseInputs(reader({ token: 't' }), '/ws', { KEYWARDEN_API_TIMEOUT_MS: '500', KEYWARDEN_PUBLISH_DEADLINE_MS: '2000' });
    assert.equal(s.apiTimeoutMs, 500);
    assert.equal(s.publishDeadlineMs, 2000);
    assert.equal(parseInputs(reader({ token: 't' }), '/ws', { KEYWARDEN_API_TIMEOUT_MS: 'soon' }).apiTimeoutMs, 30_000);
  });

  it('reads every input', () => {
    const s = parseInputs(
      reader({
        mode: 'History',
        config: '.github/keywarden.yml',
        baseline: '/abs/baseline.json',
        'fail-on': 'high',
        comment: 'false',
        annotations: 'no',
        'sarif-file': 'out/k.sarif',
        'upload-sarif': 'TRUE',
        'incident-issues': 'false',
        'incident-repo': 'acme/security-incidents',
        repository: 'acme/api',
        'incident-assignees': '@alice, bob\ncarol',
        'max-issue-secrets': '5',
        'fingerprint-key': ' k3y-of-sixteen-chars ',
        token: 't',
      }),
      '/ws',
    );
    assert.equal(s.fingerprintKey, 'k3y-of-sixteen-chars');
    assert.equal(s.mode, 'history');
    assert.equal(s.configPath, '/ws/.github/keywarden.yml');
    assert.equal(s.baselinePath, '/abs/baseline.json');
    assert.equal(s.failOn, 'high');
    assert.equal(s.comment, false);
    assert.equal(s.annotations, false);
    assert.equal(s.sarifFile, '/ws/out/k.sarif');
    assert.equal(s.uploadSarif, true);
    assert.equal(s.incidentIssues, false);
    assert.deepEqual(s.incidentRepo, { owner: 'acme', repo: 'security-incidents' });
    assert.deepEqual(s.repository, { owner: 'acme', repo: 'api' });
    assert.deepEqual(s.incidentAssignees, ['alice', 'bob', 'carol']);
    assert.equal(s.maxIssueSecrets, 5);
  });

  it('reads a shard of a history scan, and the merge job\'s report globs (one per line, relative to the workspace)', () => {
    assert.deepEqual(parseInputs(reader({ token: 't', shard: ' 3 ', shards: '4' }), '/ws').shard, { index: 3, count: 4 });
    assert.deepEqual(parseInputs(reader({ token: 't', mode: 'history', shard: '1', shards: '1' }), '/ws').shard, { index: 1, count: 1 });
    const merge = parseInputs(reader({ token: 't', mode: 'merge', 'shard-reports': 'shards\n/abs/more/*.json\n' }), '/ws');
    assert.equal(merge.mode, 'merge');
    assert.equal(merge.shard, undefined);
    assert.deepEqual(merge.shardReports, ['/ws/shards', '/abs/more/*.json']);
  });

  it('html-report: true writes the report to RUNNER_TEMP (the workspace without one)', () => {
    assert.equal(parseInputs(reader({ token: 't', 'html-report': 'true' }), '/ws', { RUNNER_TEMP: '/tmp/runner' }).htmlReportFile, '/tmp/runner/keywarden-report.html');
    assert.equal(parseInputs(reader({ token: 't', 'html-report': 'yes' }), '/ws').htmlReportFile, '/ws/keywarden-report.html');
    assert.throws(() => parseInputs(reader({ token: 't', 'html-report': 'pdf' }), '/ws'), /input "html-report": "pdf" is not a boolean/);
  });

  const bad: [string, Record<string, string>, RegExp][] = [
    ['an unknown mode', { mode: 'full' }, /input "mode": "full" is not one of auto, diff, history, tree, merge/],
    ['a shard without shards', { shard: '2' }, /inputs "shard" and "shards" go together \(shard 2 of \?\)/],
    ['shards without a shard', { shards: '4' }, /inputs "shard" and "shards" go together \(shard \? of 4\)/],
    ['a shard past the count', { shard: '5', shards: '4' }, /inputs "shard" and "shards": "5" of "4" is not 1 <= shard <= shards <= 4096/],
    ['a shard that is no number', { shard: 'one', shards: '4' }, /inputs "shard" and "shards": "one" of "4" is not/],
    ['a shard of a diff scan', { shard: '1', shards: '2', mode: 'diff' }, /split a history scan, not mode "diff"/],
    ['a shard in the merge job', { shard: '1', shards: '2', mode: 'merge' }, /the merge job \(mode: merge\) reads every shard's report/],
    ['an unknown fail-on', { 'fail-on': 'severe' }, /input "fail-on": "severe" is not one of critical, high, medium, low, none/],
    ['a non-boolean', { comment: 'maybe' }, /input "comment": "maybe" is not a boolean/],
    ['a repository without owner', { 'incident-repo': 'security' }, /input "incident-repo": "security" is not a repository \(owner\/name\)/],
    ['a repository that is no owner/name', { repository: 'acme/api/x' }, /input "repository": "acme\/api\/x" is not a repository \(owner\/name\)/],
    ['a bad login', { 'incident-assignees': 'ok, not/valid' }, /input "incident-assignees": "not\/valid" is not a GitHub login/],
    ['a zero cap', { 'max-issue-secrets': '0' }, /input "max-issue-secrets": "0" is not a positive whole number/],
    ['an empty token', { token: ' ' }, /input "token" is empty/],
  ];
  for (const [name, values, message] of bad) {
    it(`rejects ${name}`, () => {
      assert.throws(() => parseInputs(reader({ token: 't', ...values }), '/ws'), (e: Error) => e instanceof InputError && message.test(e.message));
    });
  }
});
