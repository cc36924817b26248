// The pre-commit workflow end to end in a throwaway repository: a real git pre-commit hook running
// `keywarden scan --staged` blocks a commit that adds a secret, lets a clean one through, and lets
// the blocked one through once the finding is ignored with `keywarden ignore`.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { runCli } from '../helpers/cli.ts';
import { githubPat } from '../helpers/secrets.ts';

const CLI = join(import.meta.dirname, '../../src/cli/index.ts');
const hasGit = spawnSync('git', ['--version']).status === 0;

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** `git commit`; returns the exit status and the hook's output. */
function commit(dir: string, message: string): { status: number; output: string } {
  const r = spawnSync('git', ['commit', '-q', '-m', message], { cwd: dir, encoding: 'utf8' });
  return { status: r.status ?? -1, output: `${r.stdout}${r.stderr}` };
}

describe('pre-commit hook: keywarden scan --staged', { skip: hasGit ? false : 'git is not installed' }, () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'kw-hook-'));
    git(dir, 'init', '-q');
    git(dir, 'config', 'user.name', 'Test');
    git(dir, 'config', 'user.email', 'test@example.invalid');
    git(dir, 'config', 'core.hooksPath', '.git/hooks');
    git(dir, 'config', 'commit.gpgsign', 'false');
    const hook = join(dir, '.git/hooks/pre-commit');
    writeFileSync(hook, `#!/bin/sh\nexec "${process.execPath}" "${CLI}" scan --staged --no-color\n`);
    chmodSync(hook, 0o755);
  });

  it('lets a clean commit through', () => {
    writeFileSync(join(dir, 'README.md'), '# demo\n');
    git(dir, 'add', 'README.md');
    const r = commit(dir, 'clean');
    assert.equal(r.status, 0, r.output);
    assert.match(r.output, /no secrets found/);
  });

  it('blocks a commit that adds a secret, naming file, line and rule', () => {
    writeFileSync(join(dir, 'config.env'), `DEBUG=1\nGITHUB_TOKEN=${githubPat()}\n`);
    git(dir, 'add', 'config.env');
    const r = commit(dir, 'add token');
    assert.notEqual(r.status, 0, 'the commit must be refused');
    assert.match(r.output, /Commit blocked: 1 secret in the staged changes\.\n\s+config\.env:2\s+github-pat\s/);
    assert.match(r.output, /keywarden:allow/);
    assert.throws(() => git(dir, 'rev-parse', '--verify', '-q', 'HEAD~1'), 'only the clean commit exists');
  });

  it('lets it through once the finding is ignored and the ignore file staged', async () => {
    const scan = await runCli(['scan', '--staged', '--format', 'json'], dir);
    assert.equal(scan.code, 1, scan.stderr);
    const fingerprint = (JSON.parse(scan.stdout) as { secrets: { fingerprint: string }[] }).secrets[0]?.fingerprint ?? '';
    assert.equal((await runCli(['ignore', fingerprint, '--reason', 'revoked demo token', '--by', 'Test'], dir)).code, 0);
    git(dir, 'add', '.keywardenignore');
    const r = commit(dir, 'add token (revoked)');
    assert.equal(r.status, 0, r.output);
  });

  it('reports only what is staged: an unstaged secret in the working tree is not the commit\'s', async () => {
    writeFileSync(join(dir, 'notes.txt'), 'todo\n');
    git(dir, 'add', 'notes.txt');
    writeFileSync(join(dir, 'notes.txt'), `todo\nTOKEN=${githubPat()}\n`);
    assert.equal((await runCli(['scan', '--staged'], dir)).code, 0);
  });
});
