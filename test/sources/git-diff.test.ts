// Diff scans (`--diff BASE..HEAD`) against a scripted repository: a base that already holds secrets,
// a pull-request branch of 40 commits adding new ones, a rename, a merge whose conflict resolution
// adds a secret, a force-push, shallow clones with and without a remote, and the error cases.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { secretOf } from '../../src/core/match.ts';
import type { Secret } from '../../src/core/types.ts';
import { silentLogger, type Logger } from '../../src/logger.ts';
import { scan } from '../../src/scan.ts';
import { defaultSettings } from '../../src/settings.ts';
import { DiffSource } from '../../src/sources/git/diff.ts';
import { GitSourceError } from '../../src/sources/git/errors.ts';
import { githubPat } from '../helpers/secrets.ts';
import { TestRepo, filler } from './git-repo.ts';

const O1 = githubPat('diff-o1');
const O2 = githubPat('diff-o2');
const O3 = githubPat('diff-o3');
const N1 = githubPat('diff-n1');
const N2 = githubPat('diff-n2');
const N3 = githubPat('diff-n3');
const N4 = githubPat('diff-n4');
const N5 = githubPat('diff-n5');
const NAMES = new Map([[O1, 'O1'], [O2, 'O2'], [O3, 'O3'], [N1, 'N1'], [N2, 'N2'], [N3, 'N3'], [N4, 'N4'], [N5, 'N5']]);

let repo: TestRepo;
const c = { b1: '', b2: '', b3: '', m: '', p1: '', p2: '', p3: '', p4: '', p5: '', r1: '' };
const cleanup: string[] = [];

function buildRepo(): void {
  repo = TestRepo.init();
  c.b1 = repo.commit('base', { 'app.env': `NAME=demo\nTOKEN=${O1}\n`, 'keys/old.txt': `${O2}\n`, 'keys/legacy.txt': `${O3}\n`, 'shared.txt': 'v=base\n' });
  c.b2 = repo.commit('base: mode', { 'app.env': `NAME=demo\nTOKEN=${O1}\nMODE=1\n` });
  repo.git('checkout', '-q', '-b', 'pr');
  c.p1 = repo.commit('pr: new file', { 'new.txt': `${filler(2)}gh=${N1}\n` });
  c.p2 = repo.commit('pr: next token', { 'app.env': `NAME=demo\nTOKEN=${O1}\nMODE=1\nLEVEL=2\nNEXT=${N2}\n` });
  repo.git('mv', 'keys/old.txt', 'keys/renamed.txt');
  c.p3 = repo.commit('pr: rename');
  c.p4 = repo.commit('pr: many 1', { 'many.txt': `${N4}\n` });
  for (let i = 2; i <= 35; i++) repo.commit(`pr: many ${i}`, { 'many.txt': `${N4}\n${filler(i)}` });
  c.p5 = repo.commit('pr: shared', { 'shared.txt': 'v=pr\n' });
  repo.git('checkout', '-q', 'main');
  repo.git('rm', '-q', 'keys/legacy.txt');
  c.b3 = repo.commit('base: drop legacy', { 'shared.txt': 'v=main\n' });
  repo.git('checkout', '-q', 'pr');
  repo.nextTick();
  assert.throws(() => repo.git('merge', '-q', '--no-edit', 'main'));
  repo.write({ 'shared.txt': `v=resolved\nkey=${N3}\n` });
  repo.git('add', 'shared.txt');
  repo.git('commit', '-q', '--no-edit');
  c.m = repo.head();
  repo.git('checkout', '-q', '-b', 'rewrite', c.p2);
  c.r1 = repo.commit('rewrite', { 'r.txt': `x=${N5}\n` });
  repo.git('checkout', '-q', 'main');
}

/** `NAME path:line:column commit` per place, sorted. */
function summary(secrets: Secret[]): string[] {
  const commit = (sha?: string) => Object.entries(c).find(([, v]) => v === sha)?.[0] ?? `?${sha?.slice(0, 7)}`;
  return secrets.flatMap((s) => s.occurrences.map((f) => `${NAMES.get(secretOf(s) ?? '') ?? '?'} ${f.path}:${f.line}:${f.column} ${commit(f.commit?.sha)}`)).sort();
}

async function diffScan(root: string, base: string, head: string, logger: Logger = silentLogger): Promise<Secret[]> {
  const settings = defaultSettings(root, { kind: 'diff', base, head });
  return (await scan(settings, { logger })).secrets;
}

/** A clone of the test repository in a fresh temp directory (removed after the tests). */
function cloneRepo(...args: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'kw-git-clone-'));
  cleanup.push(dir);
  execFileSync('git', ['clone', '-q', ...args, `file://${repo.dir}`, dir], { stdio: 'ignore' });
  return dir;
}

before(buildRepo);
after(() => {
  repo.remove();
  for (const d of cleanup) rmSync(d, { recursive: true, force: true });
});

const PR_BEFORE_MERGE = ['N1 new.txt:3:4 p1', 'N2 app.env:5:6 p2', 'N4 many.txt:1:1 p4'];
const PR_AFTER_MERGE = [...PR_BEFORE_MERGE, 'N3 shared.txt:2:5 m'].sort();

describe('diff scan', () => {
  it('reports only the secrets the branch adds, at their HEAD line, with the commit that added them', async () => {
    assert.deepEqual(summary(await diffScan(repo.dir, 'main', c.p5)), PR_BEFORE_MERGE);
  });

  it('attributes a secret written while resolving a merge conflict to the merge commit', async () => {
    assert.deepEqual(summary(await diffScan(repo.dir, 'main', 'pr')), PR_AFTER_MERGE);
  });

  it('fills commit metadata', async () => {
    const f = (await diffScan(repo.dir, 'main', c.p5)).find((x) => secretOf(x) === N2)!;
    assert.deepEqual(f.occurrences[0]?.commit, { sha: c.p2, author: 'Test Author', email: 'author@example.com', date: '2023-11-14T22:17:20+00:00', message: 'pr: next token' });
  });

  it('says there is nothing to scan when base equals head', async () => {
    const messages: string[] = [];
    const logger = { ...silentLogger, info: (m: string) => void messages.push(m) };
    assert.deepEqual(await diffScan(repo.dir, 'pr', c.m, logger), []);
    assert.match(messages.join('\n'), /nothing to scan: pr and [0-9a-f]{40} are the same commit/);
  });

  it('after a force-push, reports only what the new tip adds past the shared history', async () => {
    assert.deepEqual(summary(await diffScan(repo.dir, c.p5, 'rewrite')), ['N5 r.txt:1:3 r1']);
  });

  it('fetches an old tip that is only on the remote (force-pushed away)', async () => {
    const dir = cloneRepo('--single-branch', '--branch', 'rewrite');
    assert.deepEqual(summary(await diffScan(dir, c.p5, 'HEAD')), ['N5 r.txt:1:3 r1']);
  });

  it('deepens a shallow clone through its remote until the merge base is found', async () => {
    const dir = cloneRepo('--depth', '1', '--single-branch', '--branch', 'pr');
    assert.deepEqual(summary(await diffScan(dir, c.b3, 'HEAD')), PR_AFTER_MERGE);
  });
});

describe('diff scan errors', () => {
  it('a shallow clone without a remote tells the user to set fetch-depth: 0', async () => {
    const dir = cloneRepo('--depth', '1', '--single-branch', '--branch', 'pr');
    execFileSync('git', ['remote', 'remove', 'origin'], { cwd: dir });
    const err = await DiffSource.open({ root: dir, base: c.b2, head: 'HEAD', maxFileSize: 1 << 20 }).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof GitSourceError);
    assert.match(err.message, /shallow clone.*fetch-depth: 0/);
    assert.doesNotMatch(err.message, /\n/);
  });

  it('an unknown ref is named', async () => {
    await assert.rejects(DiffSource.open({ root: repo.dir, base: 'no-such-branch', head: 'HEAD', maxFileSize: 1 << 20 }), (e: unknown) => e instanceof GitSourceError && e.message === "unknown revision 'no-such-branch'");
  });

  it('a directory outside any repository is named', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kw-not-git-'));
    cleanup.push(dir);
    await assert.rejects(DiffSource.open({ root: dir, base: 'a', head: 'b', maxFileSize: 1 << 20 }), (e: unknown) => e instanceof GitSourceError && e.message === `not a git repository: ${dir}`);
  });
});
