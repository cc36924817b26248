// Staged scans (pre-commit): only lines the index adds relative to HEAD, at their line in the staged
// file; unstaged edits, renames of old content and binary files are not reported.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { workTreeByDotGit } from '../../src/sources/git/discover.ts';
import { repoPlace, repoPlaceFromGit } from '../../src/sources/git/open.ts';
import { gitStreamStarted } from '../../src/sources/git/run.ts';
import { secretOf } from '../../src/core/match.ts';
import type { Secret } from '../../src/core/types.ts';
import { silentLogger } from '../../src/logger.ts';
import { scan } from '../../src/scan.ts';
import { defaultSettings } from '../../src/settings.ts';
import { githubPat } from '../helpers/secrets.ts';
import { TestRepo, filler } from './git-repo.ts';

const OLD = githubPat('staged-old');
const STAGED = githubPat('staged-new');
const UNSTAGED = githubPat('staged-unstaged');
const FIRST = githubPat('staged-first');
const NAMES = new Map([[OLD, 'OLD'], [STAGED, 'STAGED'], [UNSTAGED, 'UNSTAGED'], [FIRST, 'FIRST']]);

const repos: TestRepo[] = [];
after(() => {
  for (const r of repos) r.remove();
});

async function stagedScan(repo: TestRepo): Promise<{ findings: string[]; raw: Secret[]; skipped: Record<string, number> }> {
  const result = await scan(defaultSettings(repo.dir, { kind: 'staged' }), { logger: silentLogger });
  const findings = result.secrets.flatMap((s) => s.occurrences.map((f) => `${NAMES.get(secretOf(s) ?? '') ?? '?'} ${f.path}:${f.line}:${f.column}`)).sort();
  return { findings, raw: result.secrets, skipped: result.stats.skippedFiles };
}

describe('staged scan', () => {
  it('reports lines added in the index with staged line numbers, ignoring unstaged edits and renames', async () => {
    const repo = TestRepo.init();
    repos.push(repo);
    repo.commit('init', { 'app.env': `${filler(3)}TOKEN=${OLD}\n`, 'keys/a.txt': `${OLD}\n` });
    repo.write({ 'app.env': `${filler(3)}TOKEN=${OLD}\n${filler(2, 'more')}NEW=${STAGED}\n` });
    repo.git('add', 'app.env');
    repo.git('mv', 'keys/a.txt', 'keys/b.txt');
    repo.write({ 'app.env': `UNSTAGED=${UNSTAGED}\n${filler(3)}TOKEN=${OLD}\n${filler(2, 'more')}NEW=${STAGED}\n` });
    const { findings, raw } = await stagedScan(repo);
    assert.deepEqual(findings, ['STAGED app.env:7:5']);
    assert.equal(raw[0]?.occurrences[0]?.commit, undefined);
  });

  it('works before the first commit of a repository', async () => {
    const repo = TestRepo.init();
    repos.push(repo);
    repo.write({ 'README.md': '# new\n', 'conf/x.yml': `a: 1\ntoken: ${FIRST}\n` });
    repo.git('add', '-A');
    assert.deepEqual((await stagedScan(repo)).findings, ['FIRST conf/x.yml:2:8']);
  });

  it('skips binary files and counts them', async () => {
    const repo = TestRepo.init();
    repos.push(repo);
    repo.commit('init', { 'README.md': '# x\n' });
    repo.write({ 'blob.bin': `\0\0binary ${FIRST}\n` });
    repo.git('add', '-A');
    const { findings, skipped } = await stagedScan(repo);
    assert.deepEqual(findings, []);
    assert.equal(skipped.binary, 1);
  });

  it('finds nothing when nothing is staged', async () => {
    const repo = TestRepo.init();
    repos.push(repo);
    repo.commit('init', { 'a.txt': `${OLD}\n` });
    repo.write({ 'a.txt': `${OLD}\n${STAGED}\n` });
    assert.deepEqual((await stagedScan(repo)).findings, []);
  });

  it('runs one git command, the diff: the repository and its top are found from .git', () => {
    const repo = TestRepo.init();
    repos.push(repo);
    repo.commit('init', { 'a.txt': 'a\n' });
    repo.write({ 'b.txt': `${STAGED}\n` });
    repo.git('add', '-A');
    // A git on PATH that logs each command, then runs the real one.
    const bin = join(repo.dir, '.git', 'logging-bin');
    mkdirSync(bin);
    const log = join(bin, 'log');
    const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    writeFileSync(join(bin, 'git'), `#!/bin/sh\nfor a in "$@"; do case "$a" in -*|*=*) ;; *) printf '%s ' "$a" >> "${log}"; break;; esac; done\necho >> "${log}"\nexec "${realGit}" "$@"\n`);
    chmodSync(join(bin, 'git'), 0o755);
    const cli = join(import.meta.dirname, '../../src/cli/index.ts');
    const env = { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` };
    const out = (() => {
      try {
        return execFileSync(process.execPath, [cli, 'scan', '--staged', '--no-color'], { cwd: repo.dir, env, encoding: 'utf8' });
      } catch (e) {
        return String((e as { stdout?: string }).stdout);
      }
    })();
    assert.match(out, /b\.txt:1/, 'the staged secret is found');
    // `-c core.quotepath=false` and friends come first: the log holds each command's subcommand.
    assert.deepEqual(readFileSync(log, 'utf8').trim().split('\n').map((l) => l.trim()), ['diff']);
  });

  it('where a directory sits in git is what git says, found from .git or asked of git', async () => {
    const repo = TestRepo.init();
    repos.push(repo);
    repo.commit('init', { 'sub/deep/a.txt': 'a\n' });
    const linked = join(repo.dir, '.git', 'linked');
    repo.git('worktree', 'add', '-q', linked);
    const bare = join(repo.dir, '.git', 'bare.git');
    execFileSync('git', ['init', '-q', '--bare', bare]);
    mkdirSync(join(repo.dir, 'broken'));
    writeFileSync(join(repo.dir, 'broken', '.git'), 'gitdir: /nonexistent\n');
    const dirs = [repo.dir, join(repo.dir, 'sub', 'deep'), linked, bare, join(bare, 'refs'), join(repo.dir, '.git'), join(repo.dir, '.git', 'refs'), join(repo.dir, 'broken')];
    for (const dir of dirs) assert.deepEqual(await repoPlace(dir), await repoPlaceFromGit(dir), dir);
    // A work tree and its subdirectories are found without git; the rest are asked of it.
    assert.equal((await repoPlace(join(repo.dir, 'sub', 'deep'))).top, realpathSync(repo.dir));
    assert.equal((await repoPlace(linked)).top, realpathSync(linked));
    assert.equal((await repoPlace(join(repo.dir, 'broken'))).inRepo, false);
    assert.equal((await repoPlace(bare)).bare, true);
    // With a variable that steers git's discovery, only git can say.
    assert.equal(workTreeByDotGit(repo.dir), realpathSync(repo.dir));
    assert.equal(workTreeByDotGit(repo.dir, { GIT_DIR: join(bare) }), undefined);
  });

  it('a diff started early and never read does not keep Node running', () => {
    const repo = TestRepo.init();
    repos.push(repo);
    // A git that would run for a minute: the process must exit at once anyway.
    const bin = join(repo.dir, '.git', 'slow-bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'git'), '#!/bin/sh\nsleep 60\n');
    chmodSync(join(bin, 'git'), 0o755);
    const runModule = join(import.meta.dirname, '../../src/sources/git/run.ts');
    const started = Date.now();
    execFileSync(process.execPath, ['--input-type=module', '-e', `import { gitStreamStarted } from ${JSON.stringify(runModule)}; gitStreamStarted(${JSON.stringify(repo.dir)}, ['diff']);`], { env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` }, timeout: 30_000 });
    assert.ok(Date.now() - started < 20_000, 'exited without waiting for git');
  });

  it('a diff started early keeps all of its output for a reader that comes after git has exited', async () => {
    const repo = TestRepo.init();
    repos.push(repo);
    repo.commit('init', { 'a.txt': 'a\n' });
    repo.write({ 'small.txt': 'marker-line\n', 'big.txt': 'x'.repeat(100).concat('\n').repeat(2000) });
    repo.git('add', 'small.txt');
    const small = gitStreamStarted(repo.dir, ['diff', '--cached']);
    // Long enough for git to exit: Node then flushes every stdout nobody listens to.
    await new Promise((r) => setTimeout(r, 500));
    let text = '';
    for await (const chunk of small) text += chunk.toString('utf8');
    assert.match(text, /\+marker-line/);
    // More than a pipe holds (64 KB): git waits for the reader.
    repo.git('add', 'big.txt');
    const big = gitStreamStarted(repo.dir, ['diff', '--cached']);
    await new Promise((r) => setTimeout(r, 100));
    let bytes = 0;
    for await (const chunk of big) bytes += chunk.length;
    assert.ok(bytes > 200_000, `${bytes} bytes`);
  });
});
