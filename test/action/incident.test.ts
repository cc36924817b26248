// End-to-end incident issues: nightly history scans of a throwaway repository by the bundled Action,
// against the loopback fake API. One issue per context, no duplicates, new secrets appended with one
// comment, closed issues respected unless the secret shows up somewhere new.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { builtinPlaybooks } from '../../src/data/builtin.ts';
import { gen, githubPat, awsKeyId } from '../helpers/secrets.ts';
import { FakeGitHub } from './fake-github.ts';
import { leaks, runAction, TestRepo, type ActionRun } from './harness.ts';

const SCHEDULE = { schedule: '0 3 * * *', repository: { full_name: 'acme/app', default_branch: 'main' } };

/** Distinct-secret checklist items in an issue body. */
const checklist = (body: string): string[] => body.match(/^- \[[ x]\] /gm) ?? [];

describe('incident issues (nightly history scan)', { concurrency: 1 }, () => {
  const fake = new FakeGitHub();
  const repo = new TestRepo();
  const secrets = { pat: githubPat(), akid: awsKeyId(), aws: gen('{{gen:alnum:40}}'), password: gen('{{gen:alnum:18}}'), later: githubPat() };
  const raw = Object.values(secrets);
  let head = '';
  const nightly = async (inputs: Record<string, string> = {}): Promise<ActionRun> => {
    const run = await runAction({ workspace: repo.checkout('main', 0), api: fake.url, eventName: 'schedule', payload: SCHEDULE, sha: head, ref: 'refs/heads/main', inputs: { 'incident-assignees': 'alice, @bob', ...inputs } });
    assert.deepEqual(leaks(raw, run, fake.requests.map((r) => r.raw)), [], 'no raw secret anywhere');
    return run;
  };
  const issueWrites = (): string[] => fake.requests.filter((r) => r.method !== 'GET' && /\/issues/.test(r.path)).map((r) => `${r.method} ${r.path}`);

  before(async () => {
    await fake.start();
    repo.commit('main', { 'README.md': '# app\n' });
    repo.commit('main', { 'ops/aws.env': `AWS_ACCESS_KEY_ID=${secrets.akid}\naws_secret_access_key = ${secrets.aws}\n` }, 'aws');
    repo.commit('main', { '.github/token': `GITHUB_TOKEN=${secrets.pat}\n`, 'config/db.yml': `db_password = "${secrets.password}"\n` }, 'more');
    head = repo.commit('main', { '.github/token': null }, 'remove the token');
  });
  after(async () => {
    await fake.close();
    repo.cleanup();
  });

  it('first scan with three secret types opens exactly one issue with the steps for each and a checklist of every secret', async () => {
    const run = await nightly();
    assert.equal(run.code, 1);
    const created = fake.calls('POST', /^\/repos\/acme\/app\/issues$/);
    assert.equal(created.length, 1);
    const issue = fake.issuesOf('acme/app')[0];
    assert.ok(issue);
    assert.deepEqual(issue.labels.map((l) => l.name), ['keywarden', 'secret-leak']);
    assert.deepEqual(issue.assignees.map((a) => a.login), ['alice', 'bob']);
    assert.match(issue.title, /^Leaked secrets: 4 \(.+\) in the git history$/);
    const set = builtinPlaybooks();
    for (const id of ['aws', 'github', 'password']) {
      const p = set.playbooks.find((x) => x.id === id);
      assert.ok(p, `playbook ${id}`);
      assert.ok(issue.body.includes(p.revoke[0] ?? '-'), `revoke steps for ${id}`);
      assert.ok(issue.body.includes(p.rotate.steps[0] ?? '-'), `rotate steps for ${id}`);
      assert.ok(issue.title.includes(p.title) || issue.title.includes('more types'), `type ${p.title} in the title`);
    }
    const fingerprints = JSON.parse(run.outputs.fingerprints ?? '') as string[];
    assert.equal(fingerprints.length, 4);
    assert.equal(checklist(issue.body).length, 4);
    for (const fp of fingerprints) assert.ok(issue.body.includes(fp), 'the body names every fingerprint');
    assert.match(issue.body, /<!-- keywarden:incident fingerprints=[0-9a-f,]+ -->/);
    assert.match(run.summary, /incident issue \[#1\]\(https:\/\/github\.test\/acme\/app\/issues\/1\)/);
  });

  it('a second identical scan changes nothing', async () => {
    const before = issueWrites().length;
    const run = await nightly();
    assert.equal(issueWrites().length, before, 'no issue, update or comment');
    assert.equal(fake.issuesOf('acme/app').length, 1);
    assert.equal(run.outputs['new-findings'], '0');
  });

  it('one more secret is appended to the open issue with one comment; ticked items stay ticked', async () => {
    const issue = fake.issuesOf('acme/app')[0];
    assert.ok(issue);
    issue.body = issue.body.replace('- [ ] ', '- [x] ');
    head = repo.commit('main', { 'deploy/ci.env': `GH_TOKEN=${secrets.later}\n` }, 'ci');
    const run = await nightly();
    assert.equal(fake.calls('POST', /^\/repos\/acme\/app\/issues$/).length, 1, 'no second issue');
    assert.equal(fake.calls('PATCH', /^\/repos\/acme\/app\/issues\/1$/).length, 1);
    const comments = fake.calls('POST', /^\/repos\/acme\/app\/issues\/1\/comments$/);
    assert.equal(comments.length, 1);
    assert.match(String(comments[0]?.body?.body), /^\*\*1 new secret\*\* found/);
    assert.match(String(comments[0]?.body?.body), /deploy\/ci\.env:1/);
    assert.equal(checklist(issue.body).length, 5);
    assert.equal((issue.body.match(/^- \[x\] /gm) ?? []).length, 1, 'the tick survived the update');
    assert.match(issue.title, /^Leaked secrets: 5 /);
    assert.equal(run.outputs['new-findings'], '1');
  });

  it('after the issue is closed, known secrets stay quiet until one appears at a new path', async () => {
    const open = fake.issuesOf('acme/app')[0];
    assert.ok(open);
    open.state = 'closed';
    const writes = issueWrites().length;
    await nightly();
    assert.equal(issueWrites().length, writes, 'closed and unchanged: nothing reported');
    head = repo.commit('main', { 'copy/token.txt': `token: ${secrets.pat}\n` }, 'copied');
    await nightly();
    const issues = fake.issuesOf('acme/app');
    assert.equal(issues.length, 2, 'a new issue for the secret at a new path');
    assert.equal(checklist(issues[1]?.body ?? '').length, 1);
    assert.match(issues[1]?.body ?? '', /copy\/token\.txt/);
  });
});

describe('incident-repo', () => {
  it('opens the issue in the other repository', async () => {
    const fake = await new FakeGitHub().start();
    const repo = new TestRepo();
    try {
      const secret = githubPat();
      const head = repo.commit('main', { 'app.env': `GITHUB_TOKEN=${secret}\n` });
      const run = await runAction({
        workspace: repo.checkout('main', 0),
        api: fake.url,
        eventName: 'workflow_dispatch',
        payload: { inputs: {}, repository: { full_name: 'acme/app', default_branch: 'main' } },
        sha: head,
        ref: 'refs/heads/main',
        inputs: { 'incident-repo': 'acme/security' },
      });
      assert.equal(run.code, 1);
      assert.equal(fake.calls('POST', /^\/repos\/acme\/security\/issues$/).length, 1);
      assert.equal(fake.calls('GET', /^\/repos\/acme\/security\/issues$/).length, 1);
      assert.equal(fake.requests.filter((r) => r.path.startsWith('/repos/acme/app/issues')).length, 0);
      assert.deepEqual(leaks([secret], run, fake.requests.map((r) => r.raw)), []);
    } finally {
      await fake.close();
      repo.cleanup();
    }
  });
});
