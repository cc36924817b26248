// Staged scans (pre-commit): only lines the index adds relative to HEAD, at their line in the staged
// file; unstaged edits, renames of old content and binary files are not reported.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
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
});
