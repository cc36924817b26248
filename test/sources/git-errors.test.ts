// Problems that stop a git scan give one GitSourceError line naming the problem: a missing or
// corrupt object, a directory outside any repository, an unknown branch, a shallow clone, no git
// binary. History cases run against both backends.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { InlineDetector } from '../../src/engine/detector.ts';
import { runScan } from '../../src/engine/run.ts';
import { loadRuleSet } from '../../src/scan.ts';
import { defaultSettings } from '../../src/settings.ts';
import { GitSourceError } from '../../src/sources/git/errors.ts';
import { HistorySource } from '../../src/sources/git/history.ts';
import type { GitBackendName } from '../../src/sources/git/open.ts';
import { TestRepo } from './git-repo.ts';
import { testFingerprintOf } from '../helpers/report.ts';

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}

function smallRepo(): { repo: TestRepo; blob: string } {
  const repo = TestRepo.init();
  dirs.push(repo.dir);
  repo.commit('one', { 'a.txt': 'alpha\n', 'b.txt': 'bravo\n' });
  return { repo, blob: repo.git('rev-parse', 'HEAD:b.txt') };
}

/** The error a full history scan of `root` stops with. */
async function historyError(root: string, backend: GitBackendName, extra: { branches?: string[] } = {}): Promise<GitSourceError> {
  try {
    const source = await HistorySource.open({ root, maxFileSize: 1 << 20, backend, ...extra });
    const ruleSet = loadRuleSet(defaultSettings(root));
    await runScan(source, new InlineDetector(ruleSet), { rules: ruleSet.rules, fingerprintOf: testFingerprintOf });
  } catch (e) {
    assert.ok(e instanceof GitSourceError, `expected a GitSourceError, got ${String(e)}`);
    assert.doesNotMatch(e.message, /\n/);
    return e;
  }
  assert.fail('the scan did not fail');
}

function looseObjectPath(repo: TestRepo, oid: string): string {
  return join(repo.dir, '.git', 'objects', oid.slice(0, 2), oid.slice(2));
}

for (const backend of ['git', 'isomorphic-git'] as const) {
  describe(`history errors (${backend})`, () => {
    it('a missing object is named', async () => {
      const { repo, blob } = smallRepo();
      rmSync(looseObjectPath(repo, blob));
      const err = await historyError(repo.dir, backend);
      assert.match(err.message, new RegExp(`missing (git|blob) object '?${blob}`));
    });

    it('a corrupt object is reported', async () => {
      const { repo, blob } = smallRepo();
      const file = looseObjectPath(repo, blob);
      chmodSync(file, 0o644);
      writeFileSync(file, 'not a zlib stream');
      const err = await historyError(repo.dir, backend);
      assert.match(err.message, backend === 'git' ? new RegExp(`${blob} \\(b.txt\\): the repository is corrupt`) : new RegExp(`cannot read git object ${blob}`));
    });

    it('a directory outside any repository is named', async () => {
      const dir = tempDir('kw-not-git-');
      assert.equal((await historyError(dir, backend)).message, `not a git repository: ${dir}`);
    });

    it('an unknown branch is named', async () => {
      const { repo } = smallRepo();
      assert.equal((await historyError(repo.dir, backend, { branches: ['nope'] })).message, "unknown branch or revision 'nope'");
    });

    it('a shallow clone is refused with the fix', async () => {
      const { repo } = smallRepo();
      repo.commit('two', { 'c.txt': 'charlie\n' });
      const dir = tempDir('kw-shallow-');
      execFileSync('git', ['clone', '-q', '--depth', '1', `file://${repo.dir}`, dir], { stdio: 'ignore' });
      assert.match((await historyError(dir, backend)).message, /^shallow clone: .*fetch-depth: 0/);
    });
  });
}

describe('git binary missing', () => {
  it('diff and staged scans say they need git', () => {
    const dir = tempDir('kw-nogit-');
    const script = `
      import { StagedSource } from ${JSON.stringify(new URL('../../src/sources/git/staged.ts', import.meta.url).href)};
      try { await StagedSource.open({ root: ${JSON.stringify(dir)}, maxFileSize: 1 }); } catch (e) { console.log(e.name + ': ' + e.message); }`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { env: { PATH: '/nonexistent' }, encoding: 'utf8' });
    assert.equal(out.trim(), 'GitSourceError: git is not installed or not on PATH: a staged scan needs the git binary');
  });
});
