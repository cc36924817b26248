// The PR comment and job summary renderers against golden files in test/golden/ (UPDATE_GOLDEN=1
// rewrites them; a missing one is written and the case skipped), plus escaping and size behaviour.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import type { Occurrence, ScanResult, Secret } from '../../src/core/types.ts';
import { emptyStats } from '../../src/core/types.ts';
import { renderJobSummary, type JobSummaryContext } from '../../src/reporters/job-summary.ts';
import { commentFingerprints, PR_COMMENT_MARKER, renderPrComment, renderPrCommentResolved, type PlaybookLookup, type PrCommentContext } from '../../src/reporters/pr-comment.ts';
import { VERSION } from '../../src/version.ts';
import { ROOT } from './harness.ts';

const GOLDEN = join(ROOT, 'test', 'golden');

function golden(t: TestContext, name: string, actual: string): void {
  const file = join(GOLDEN, name);
  const text = actual.replaceAll(`keywarden ${VERSION}`, 'keywarden VERSION');
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
    const missing = !existsSync(file);
    writeFileSync(file, text);
    if (missing) t.skip(`wrote ${name}`);
    return;
  }
  assert.equal(text, readFileSync(file, 'utf8'), `${name} differs (UPDATE_GOLDEN=1 rewrites it)`);
}

const playbooks: PlaybookLookup = {
  title: (id) => ({ aws: 'AWS access key', github: 'GitHub token' })[id],
  firstStep: (id) => ({ aws: 'Deactivate the key: `aws iam update-access-key --status Inactive`.', github: 'Delete it at https://github.com/settings/tokens.' })[id],
  steps: (id) =>
    ({
      aws: { revoke: ['Deactivate the key: `aws iam update-access-key --status Inactive`.'], rotate: ['Create a new key.', 'Deploy it.'], verify: ['Call `aws sts get-caller-identity` with the old key: it fails.'] },
      github: { revoke: ['Delete it at https://github.com/settings/tokens.'], rotate: ['Create a fine-grained token.'], verify: ['`curl` with the old token answers 401.'] },
    })[id],
};

const HEAD = '0123456789abcdef0123456789abcdef01234567';

const place = (over: Partial<Occurrence> = {}): Occurrence => ({ path: 'config/app.env', line: 2, column: 14, endLine: 2, endColumn: 54, ...over });

function secret(over: Partial<Secret>): Secret {
  return { fingerprint: 'f1'.repeat(20), type: 'github', ruleId: 'github-pat', ruleName: 'GitHub personal access token (classic)', severity: 'critical', confidence: 'high', redacted: 'ghp_Ab… (40 chars, #1a2b3c)', occurrences: [place()], ...over };
}

function result(secrets: Secret[]): ScanResult {
  return { secrets, stats: { ...emptyStats(), files: 3, bytes: 2048, rules: 130, durationMs: 1234 }, errors: [], rules: [] };
}

const sample = result([
  secret({ occurrences: [place(), place({ path: 'config/staging.env', line: 5 }), place({ path: 'ci/deploy.yml', line: 30 })] }),
  secret({ ruleId: 'aws-access-key-id', ruleName: 'AWS access key ID', severity: 'high', occurrences: [place({ path: 'deploy/aws config.env', line: 7, column: 19, endColumn: 39 })], redacted: 'AKIAB… (20 chars, #5e6f7a)', fingerprint: 'a2'.repeat(20), type: 'aws' }),
  secret({ ruleId: 'aws-secret-access-key', ruleName: 'AWS secret access key', occurrences: [place({ path: 'deploy/old.env', line: 3, commit: { sha: 'fedcba9876543210fedcba9876543210fedcba98', date: '2026-01-02T03:04:05Z' } })], redacted: 'wJal9… (40 chars, #9c0d1e)', fingerprint: 'b3'.repeat(20), type: 'aws' }),
  secret({ ruleId: 'custom-token', ruleName: 'Internal API token', severity: 'medium', occurrences: [place({ path: 'src/client.ts', line: 40, endLine: 42 })], redacted: 'it_… (32 chars, #001122)', fingerprint: 'c4'.repeat(20), type: 'generic-api-token' }),
]);

const commentCtx: PrCommentContext = { repoUrl: 'https://github.com/acme/app', headSha: HEAD, playbooks, runUrl: 'https://github.com/acme/app/actions/runs/42' };
const summaryCtx: JobSummaryContext = {
  repoUrl: 'https://github.com/acme/app',
  headSha: HEAD,
  scanned: 'pull request #7 (lines added in 1111111..0123456)',
  playbooks,
  stepsUrl: (id) => `https://example.test/playbooks/${id}`,
  incident: { number: 12, url: 'https://github.com/acme/app/issues/12' },
  notes: ['Could not write the pull request comment (HTTP 403): the token is read-only.'],
};

describe('PR comment renderer', () => {
  it('golden: secrets', (t) => golden(t, 'pr-comment.md', renderPrComment(sample, commentCtx)));
  it('golden: resolved', (t) => golden(t, 'pr-comment-resolved.md', renderPrCommentResolved(4, commentCtx)));

  it('carries the marker and the fingerprints it reported', () => {
    const body = renderPrComment(sample, commentCtx);
    assert.ok(body.startsWith(PR_COMMENT_MARKER));
    assert.deepEqual(commentFingerprints(body), [...new Set(sample.secrets.map((f) => f.fingerprint.slice(0, 12)))].sort());
    assert.deepEqual(commentFingerprints(renderPrCommentResolved(1, commentCtx)), []);
  });

  it('folds rows past 20 into <details>', () => {
    const many = result(Array.from({ length: 25 }, (_, i) => secret({ occurrences: [place({ line: i + 1 })], fingerprint: i.toString(16).padStart(40, '0') })));
    const body = renderPrComment(many, commentCtx);
    assert.match(body, /<details><summary>5 more<\/summary>/);
    const beforeDetails = body.slice(0, body.indexOf('<details>'));
    assert.equal((beforeDetails.match(/^\| critical /gm) ?? []).length, 20);
  });

  it('a secret in three files is one row listing the three places', () => {
    const body = renderPrComment(sample, commentCtx);
    const rows = body.split('\n').filter((l) => l.includes('(`github-pat`)'));
    assert.equal(rows.length, 1);
    for (const p of ['config/app.env:2', 'config/staging.env:5', 'ci/deploy.yml:30']) assert.ok(rows[0]?.includes(`[${p}]`), p);
    const five = result([secret({ occurrences: Array.from({ length: 5 }, (_, i) => place({ path: `f${i}.env` })) })]);
    assert.match(renderPrComment(five, commentCtx), /f2\.env#L2\)<br>and 2 more \|/);
  });

  it('stays under GitHub’s body limit with thousands of secrets', () => {
    const many = result(Array.from({ length: 3000 }, (_, i) => secret({ occurrences: [place({ line: i + 1 })], fingerprint: i.toString(16).padStart(40, '0') })));
    const body = renderPrComment(many, commentCtx);
    assert.ok(body.length < 65_536, `${body.length} chars`);
    assert.match(body, /…and \d+ more not shown here \(size limit\)/);
  });

  it('escapes paths and values from the repository', () => {
    const evil = secret({ occurrences: [place({ path: 'docs/[x](javascript:alert(1))|<img src=x>.md' })], redacted: 'a|b`c… (9 chars, #0)' });
    const body = renderPrComment(result([evil]), commentCtx);
    assert.doesNotMatch(body, /(?<!\\)<img/, 'no raw HTML');
    assert.ok(!body.includes('](javascript:'), 'no injected link');
    assert.match(body, /blob\/0123456789abcdef0123456789abcdef01234567\/docs\/%5Bx%5D\(javascript%3Aalert\(1\)\)%7C%3Cimg%20src%3Dx%3E\.md#L2/);
    const row = body.split('\n').find((l) => l.startsWith('| critical'));
    assert.equal(row?.replace(/\\\|/g, '').split('|').length, 7, 'pipes escaped: the row keeps its 5 cells');
  });
});

describe('job summary renderer', () => {
  it('golden: secrets', (t) => golden(t, 'summary.md', renderJobSummary(sample, summaryCtx)));
  it('golden: clean', (t) => golden(t, 'summary-clean.md', renderJobSummary(result([]), { ...summaryCtx, incident: undefined, notes: [] })));

  it('one collapsible block of steps per found type, most severe first, and a false-alarm command', () => {
    const text = renderJobSummary(sample, summaryCtx);
    const blocks = [...text.matchAll(/<details><summary><b>([^<]+)<\/b>: (\d+) secrets?, (\w+)<\/summary>/g)].map((m) => `${m[1]} ${m[2]} ${m[3]}`);
    assert.deepEqual(blocks, ['GitHub token 1 critical', 'AWS access key 2 critical']);
    assert.match(text, /\*\*Revoke\*\*\n\n1\. Deactivate the key/);
    assert.match(text, /- \[generic-api-token\]\(https:\/\/example\.test\/playbooks\/generic-api-token\): `npx keywarden playbook generic-api-token`/, 'a type without steps gets a link');
    assert.match(text, /A false alarm\? .*`npx keywarden ignore <fingerprint> --reason/);
    const severities = [...text.matchAll(/^\| (critical|high|medium|low) \|/gm)].map((m) => m[1]);
    assert.deepEqual(severities, ['critical', 'critical', 'high', 'medium'], 'rows sorted by severity');
  });

  it('caps the secrets table and points at the SARIF file', () => {
    const many = result(Array.from({ length: 12 }, (_, i) => secret({ occurrences: [place({ line: i + 1 })], fingerprint: i.toString(16).padStart(40, '0') })));
    const text = renderJobSummary(many, { ...summaryCtx, maxRows: 10 });
    assert.match(text, /…and 2 more in the SARIF file\./);
  });
});
