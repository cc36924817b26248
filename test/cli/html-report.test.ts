// `--format html` from the CLI: a history scan writes the page with commits and HEAD state; a directory
// scan prints it with "no commit"; `merge --format html` renders merged shards. No raw secret anywhere.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../helpers/cli.ts';
import { awsKeyId, githubPat } from '../helpers/secrets.ts';
import { TestRepo } from '../sources/git-repo.ts';

describe('scan --format html', { timeout: 60_000 }, () => {
  let repo: TestRepo;
  const kept = githubPat();
  const removed = awsKeyId();
  before(() => {
    repo = TestRepo.init('kw-html-cli-');
    repo.commit('add deploy token', { 'deploy.env': `GITHUB_TOKEN=${kept}\n` });
    repo.commit('add aws', { 'aws.ini': `aws_access_key_id = ${removed}\n` });
    repo.commit('drop aws', { 'aws.ini': 'aws_access_key_id =\n' });
  });
  after(() => repo.remove());

  it('writes the history report to --output, with commits, HEAD state and steps', async () => {
    const r = await runCli(['scan', '--history', '--format', 'html', '--output', 'report.html', '--threads', '1'], repo.dir);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /report written to .*report\.html/);
    const html = readFileSync(join(repo.dir, 'report.html'), 'utf8');
    assert.match(html, /^<!DOCTYPE html>/);
    assert.ok(html.includes('still in HEAD') && html.includes('history only (not in HEAD)'));
    assert.ok(html.includes('add deploy token'), 'first commit subject');
    assert.ok(html.includes('<h4>Revoke</h4>'), 'playbook steps from the built-in playbooks');
    for (const raw of [kept, removed]) assert.ok(!html.includes(raw) && !r.stderr.includes(raw), 'raw secret');
  });

  it('prints a directory scan report on stdout, saying there is no commit', async () => {
    const r = await runCli(['scan', '.', '-f', 'html'], repo.dir);
    assert.equal(r.code, 1, r.stderr);
    assert.ok(r.stdout.includes('No commit dates: this scan did not read git history'));
    assert.ok(r.stdout.includes('<span class="muted">no commit</span>'));
    assert.ok(!r.stdout.includes(kept));
  });

  it('--explain refuses html with one line', async () => {
    const r = await runCli(['scan', '--explain', 'deploy.env', '--format', 'html'], repo.dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^keywarden: usage error: --explain writes text or json, not html\n$/);
  });

  it('merge --format html renders the merged shards', async () => {
    const files: string[] = [];
    for (const i of [1, 2]) {
      const s = await runCli(['scan', '--history', '--shard', `${i}/2`, '--format', 'json', '--threads', '1'], repo.dir);
      const file = join(repo.dir, `shard-${i}.json`);
      writeFileSync(file, s.stdout);
      files.push(file);
    }
    const m = await runCli(['merge', '--format', 'html', ...files], repo.dir);
    assert.equal(m.code, 1, m.stderr);
    assert.ok(m.stdout.includes('2 secrets found'));
    assert.ok(m.stdout.includes('still in HEAD'));
    assert.ok(!m.stdout.includes(kept) && !m.stdout.includes(removed));
  });
});
