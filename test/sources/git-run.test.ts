// The one git runner: every way keywarden runs git (awaited, synchronous, never-throwing) uses the
// same safe options, and no other module starts git (or any process) itself.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { gitIn } from '../../src/action/commits.ts';
import { git, gitSync, gitSyncText, tryGit } from '../../src/sources/git/run.ts';
import { TestRepo } from './git-repo.ts';

const repo = TestRepo.init('kw-run-');
after(() => repo.remove());
// Configuration that would change the output if the runner did not override it.
repo.git('config', 'core.quotepath', 'true');
repo.git('config', 'color.ui', 'always');
repo.commit('a file with a non-ASCII name', { 'café.txt': 'x\n' });

describe('git runner', () => {
  it('prints paths unquoted and uncoloured in every mode', async () => {
    assert.equal((await git(repo.dir, ['ls-files'])).stdout.toString('utf8'), 'café.txt\n');
    assert.equal((await tryGit(repo.dir, ['ls-files'])).stdout, 'café.txt\n');
    assert.equal(gitSyncText(repo.dir, ['ls-files']), 'café.txt');
    assert.equal((await gitIn(repo.dir)(['ls-files'])).stdout, 'café.txt\n', "the Action's runner is the same one");
  });

  it('tryGit and gitSync report a failing command by its exit code instead of throwing', async () => {
    assert.equal((await tryGit(repo.dir, ['rev-parse', '--verify', '--quiet', 'no-such-ref'])).code, 1);
    assert.equal(gitSync(repo.dir, ['rev-parse', '--verify', '--quiet', 'no-such-ref']).code, 1);
    assert.equal(gitSyncText(repo.dir, ['config', '--get', 'no.such-key']), undefined);
    await assert.rejects(git(repo.dir, ['rev-parse', '--verify', '--quiet', 'no-such-ref']), /git rev-parse failed/);
  });

  it('gitSync gives code -1 when git cannot start in the directory', () => {
    assert.equal(gitSync(join(repo.dir, 'missing-dir'), ['status']).code, -1);
  });

  it('no module but src/sources/git/run.ts starts a process', () => {
    const root = join(import.meta.dirname, '../../src');
    const offenders = (readdirSync(root, { recursive: true }) as string[])
      .filter((f) => f.endsWith('.ts') && readFileSync(join(root, f), 'utf8').includes('node:child_process'))
      .map((f) => f.split('\\').join('/'));
    assert.deepEqual(offenders, ['sources/git/run.ts']);
  });
});
