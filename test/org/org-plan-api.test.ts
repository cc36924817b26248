// `keywarden org-plan` against the loopback fake GitHub API: every page through the Link header, the
// filter and skips, the workflow outputs, and one-line failures for rate limits, 5xx that outlast the
// retries, a missing organisation and a refused token.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { orgPlanCommand } from '../../src/cli/commands/org-plan.ts';
import { listOrgRepos, nextLink, OrgApiError } from '../../src/org/list-repos.ts';
import type { OrgPlan } from '../../src/org/plan.ts';
import { FakeGitHub } from '../action/fake-github.ts';
import { FAKE_TOKEN, parseOutputs, tempDir } from '../action/harness.ts';

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

describe('keywarden org-plan (fake GitHub API)', { concurrency: 1 }, () => {
  const fake = new FakeGitHub();
  const tmp = tempDir('kw-org-plan-');
  const run = async (args: string[], env: Record<string, string> = {}): Promise<Ran> => {
    let stdout = '';
    let stderr = '';
    const io = {
      stdout: (t: string) => void (stdout += t),
      stderr: (t: string) => void (stderr += t),
      cwd: tmp.path,
      env: { GITHUB_API_URL: fake.url, GITHUB_TOKEN: FAKE_TOKEN, KEYWARDEN_API_RETRY_MS: '1', ...env },
      isTTY: false,
      stderrIsTTY: false,
    };
    const code = await orgPlanCommand(args, io);
    return { code, stdout, stderr };
  };

  before(async () => {
    await fake.start();
    const repos = Array.from({ length: 260 }, (_, i) => ({ full_name: `acme/svc-${String(i).padStart(3, '0')}`, name: `svc-${String(i).padStart(3, '0')}`, size: 50, archived: false }));
    repos.push({ full_name: 'acme/mono', name: 'mono', size: 3000 * 1024, archived: false });
    repos.push({ full_name: 'acme/legacy', name: 'legacy', size: 10, archived: true });
    repos.push({ full_name: 'acme/new', name: 'new', size: 0, archived: false });
    repos.push({ full_name: 'acme/docs', name: 'docs', size: 10, archived: false });
    fake.orgRepos.set('acme', repos);
  });
  after(async () => {
    await fake.close();
    tmp.cleanup();
  });

  it('pages through every repository, skips archived and empty ones, shards the large one and batches at 256', async () => {
    const output = join(tmp.path, 'github-output');
    writeFileSync(output, '');
    const r = await run(['--org', 'acme', '--github-output'], { GITHUB_OUTPUT: output });
    assert.equal(r.code, 0, r.stderr);
    const gets = fake.calls('GET', /^\/orgs\/acme\/repos$/);
    assert.equal(gets.length, 3, 'three pages of 100: the Link header was followed');
    assert.ok(gets.every((g) => g.authorization === `bearer ${FAKE_TOKEN}` || g.authorization === `Bearer ${FAKE_TOKEN}`));
    const plan = JSON.parse(r.stdout) as OrgPlan;
    assert.equal(plan.repositories, 262);
    assert.deepEqual(plan.skipped, { filtered: 0, archived: 1, empty: 1 });
    assert.deepEqual(plan.batches.map((b) => b.length), [256, 8], '261 repositories of one job + 3 shards of mono');
    assert.deepEqual(plan.merges, [{ repo: 'acme/mono', slug: 'mono', shards: '3' }]);
    assert.match(r.stderr, /^keywarden org-plan: 262 repositories of acme → 264 scan jobs in 2 batches, 1 merge job; skipped 0 by the filter, 1 archived, 1 empty\n$/);
    const outputs = parseOutputs(readFileSync(output, 'utf8'));
    assert.deepEqual(JSON.parse(outputs.batches ?? ''), [0, 1]);
    assert.deepEqual(JSON.parse(outputs.plan ?? ''), plan.batches);
    assert.deepEqual(JSON.parse(outputs.merges ?? ''), plan.merges);
    assert.equal(outputs.repositories, '262');
  });

  it('applies the repository filter and the include flags', async () => {
    const r = await run(['--org', 'acme', '--repositories', '/^(mono|legacy|new)$/', '--include-archived', '--include-empty', '--shard-size-mb', '1500', '--max-shards', '2']);
    assert.equal(r.code, 0, r.stderr);
    const plan = JSON.parse(r.stdout) as OrgPlan;
    assert.deepEqual(plan.batches.flat().map((e) => `${e.slug}${e.shard ? ` ${e.shard}/${e.shards}` : ''}`), ['legacy', 'mono 1/2', 'mono 2/2', 'new']);
    assert.equal(plan.skipped.filtered, 261);
  });

  it('retries a 5xx and goes on', async () => {
    fake.fail('GET', /^\/orgs\/acme\/repos$/, 502, 2, 'Bad Gateway');
    const before = fake.calls('GET', /^\/orgs\/acme\/repos$/).length;
    const r = await run(['--org', 'acme']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(fake.calls('GET', /^\/orgs\/acme\/repos$/).length - before, 5, 'two failures, then three pages');
  });

  it('waits out a rate limit that ends within a minute', async () => {
    fake.rateLimit('GET', /^\/orgs\/acme\/repos$/, Math.ceil(Date.now() / 1000), 1);
    const r = await run(['--org', 'acme']);
    assert.equal(r.code, 0, r.stderr);
  });

  const failures: [string, (f: FakeGitHub) => void, string[], RegExp][] = [
    ['5xx past the retries', (f) => f.fail('GET', /^\/orgs\/acme\/repos$/, 503, 4, 'Service Unavailable'), ['--org', 'acme'], /^keywarden org-plan: GET \/orgs\/acme\/repos: 503 Service Unavailable after 4 attempts\n$/],
    ['an exhausted rate limit', (f) => f.rateLimit('GET', /^\/orgs\/acme\/repos$/, Math.ceil(Date.now() / 1000) + 3600, 1), ['--org', 'acme'], /^keywarden org-plan: GET \/orgs\/acme\/repos: rate limit exhausted until \d\d:\d\d:\d\d UTC \(403\); run the plan again then/],
    ['an unknown organisation', () => {}, ['--org', 'nobody'], /^keywarden org-plan: GET \/orgs\/nobody\/repos: organisation "nobody" not found, or the token cannot see it \(404\)\n$/],
    ['a refused token', (f) => f.fail('GET', /^\/orgs\/acme\/repos$/, 401, 1, 'Bad credentials'), ['--org', 'acme'], /^keywarden org-plan: GET \/orgs\/acme\/repos: the token was refused \(401: Bad credentials\)\n$/],
  ];
  for (const [name, arrange, args, message] of failures) {
    it(`${name} is one line and exit 2, with no plan`, async () => {
      arrange(fake);
      const r = await run(args);
      assert.equal(r.code, 2);
      assert.match(r.stderr, message);
      assert.equal(r.stderr.trim().split('\n').length, 1);
      assert.equal(r.stdout, '');
      assert.ok(!r.stderr.includes(FAKE_TOKEN));
    });
  }

  it('an API that does not answer is one line after the retries', async () => {
    const r = await run(['--org', 'acme'], { GITHUB_API_URL: 'http://127.0.0.1:1' });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^keywarden org-plan: GET \/orgs\/acme\/repos: no answer after 4 attempts \(.+\)\n$/);
  });

  it('follows next pages on the API host only: the token is not sent elsewhere', async () => {
    assert.equal(nextLink('<https://api.github.test/orgs/a/repos?page=2>; rel="next", <https://api.github.test/orgs/a/repos?page=9>; rel="last"'), 'https://api.github.test/orgs/a/repos?page=2');
    assert.equal(nextLink('<https://api.github.test/orgs/a/repos?page=9>; rel="last"'), undefined);
    assert.equal(nextLink(null), undefined);
    const elsewhere: typeof fetch = async () => new Response('[]', { status: 200, headers: { link: '<https://evil.test/orgs/acme/repos?page=2>; rel="next"' } });
    await assert.rejects(listOrgRepos({ api: fake.url, token: FAKE_TOKEN, org: 'acme', fetch: elsewhere }), (e: Error) => e instanceof OrgApiError && /the next page is on another host \(evil\.test\); not sending the token there/.test(e.message));
  });

  it('bad arguments are usage errors', async () => {
    await assert.rejects(run([]), /--org ORG is required/);
    await assert.rejects(run(['--org', 'acme'], { GITHUB_TOKEN: '', GH_TOKEN: '' }), /no token: set GITHUB_TOKEN/);
    await assert.rejects(run(['--org', 'acme', '--max-shards', '0']), /--max-shards: "0" is not a whole number from 1 to 256/);
    await assert.rejects(run(['--org', 'acme', '--github-output'], { GITHUB_OUTPUT: '' }), /GITHUB_OUTPUT is not set/);
  });
});
