// Config discovery (issue 13.4): `scan --staged` from a subdirectory uses the repository's root
// .keywarden.yml and .keywardenignore; directory scans in a git work tree honour .git/info/exclude and
// core.excludesFile; --verbose says what was excluded and why.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/cli.ts';
import { githubPat } from '../helpers/secrets.ts';
import { parseReport, placesOf } from '../helpers/report.ts';

const hasGit = spawnSync('git', ['--version']).status === 0;

function repo(): { dir: string; git: (...a: string[]) => string } {
  const dir = mkdtempSync(join(tmpdir(), 'kw-discover-'));
  const git = (...a: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...a], { cwd: dir, encoding: 'utf8' });
  git('init', '-q');
  return { dir, git };
}

describe('config discovery', { skip: !hasGit }, () => {
  it('scan --staged from a subdirectory applies the root .keywarden.yml', async () => {
    const { dir, git } = repo();
    mkdirSync(join(dir, 'src/deep'), { recursive: true });
    writeFileSync(join(dir, '.keywarden.yml'), 'disable: [github-pat]\n');
    writeFileSync(join(dir, 'src/deep/a.env'), `T=${githubPat()}\n`);
    git('add', '.');
    const fromRoot = await runCli(['scan', '--staged'], dir);
    assert.equal(fromRoot.code, 0, fromRoot.stdout);
    const fromSub = await runCli(['scan', '--staged'], join(dir, 'src/deep'));
    assert.equal(fromSub.code, 0, `the root configuration disables the rule: ${fromSub.stdout}`);
  });

  it('a directory scan honours .git/info/exclude and core.excludesFile, and --verbose says why', async () => {
    const { dir, git } = repo();
    const globalIgnore = join(mkdtempSync(join(tmpdir(), 'kw-xdg-')), 'ignore');
    writeFileSync(globalIgnore, 'personal-notes.txt\n');
    git('config', 'core.excludesFile', globalIgnore);
    writeFileSync(join(dir, '.git/info/exclude'), 'scratch/\n');
    mkdirSync(join(dir, 'scratch'));
    writeFileSync(join(dir, 'scratch/tmp.env'), `T=${githubPat()}\n`);
    writeFileSync(join(dir, 'personal-notes.txt'), `T=${githubPat()}\n`);
    writeFileSync(join(dir, 'app.env'), `T=${githubPat()}\n`);
    const r = await runCli(['scan', '-f', 'json', '--verbose'], dir);
    assert.equal(r.code, 1, r.stderr);
    const j = parseReport(r.stdout);
    assert.deepEqual(placesOf(j.secrets).map((f) => f.path), ['app.env']);
    assert.match(r.stderr, /excluded scratch\/: .*\.git\/info\/exclude/);
    assert.match(r.stderr, new RegExp(`excluded personal-notes\\.txt: ${globalIgnore.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
    const all = parseReport((await runCli(['scan', '-f', 'json', '--no-ignore'], dir)).stdout);
    assert.equal(placesOf(all.secrets).length, 3);
  });

  it('a directory outside the working directory is scanned with its own configuration and paths', async () => {
    const { dir } = repo();
    const elsewhere = mkdtempSync(join(tmpdir(), 'kw-cwd-'));
    writeFileSync(join(elsewhere, '.keywarden.yml'), 'disable: [github-pat]\n');
    mkdirSync(join(dir, 'conf'));
    writeFileSync(join(dir, '.keywarden.yml'), 'allowlist:\n  paths: ["conf/fixture.env"]\n');
    writeFileSync(join(dir, 'conf/fixture.env'), `T=${githubPat()}\n`);
    writeFileSync(join(dir, 'conf/app.env'), `T=${githubPat()}\n`);
    for (const arg of [dir, relative(elsewhere, dir)]) {
      const r = await runCli(['scan', arg, '-f', 'json'], elsewhere);
      assert.equal(r.code, 1, `the working directory's configuration (github-pat disabled) does not apply: ${r.stderr}`);
      assert.deepEqual(placesOf(parseReport(r.stdout).secrets).map((f) => f.path), ['conf/app.env'], `the scanned directory's allowlist applies (${arg})`);
    }
    const inside = await runCli(['scan', 'conf', '-f', 'json'], dir);
    assert.deepEqual(placesOf(parseReport(inside.stdout).secrets).map((f) => f.path), ['conf/app.env'], 'a directory inside keeps the root');
  });

  it('baseline DIR from outside writes DIR\'s baseline, and scan DIR with it is clean', async () => {
    const { dir } = repo();
    const elsewhere = mkdtempSync(join(tmpdir(), 'kw-cwd-'));
    writeFileSync(join(dir, 'app.env'), `T=${githubPat()}\n`);
    const b = await runCli(['baseline', dir], elsewhere);
    assert.equal(b.code, 0, b.stderr);
    assert.ok(existsSync(join(dir, '.keywarden-baseline')), `written in the scanned directory: ${b.stdout}`);
    const r = await runCli(['scan', dir, '--baseline', join(dir, '.keywarden-baseline')], elsewhere);
    assert.equal(r.code, 0, `the baseline's fingerprints match the scan of the same directory: ${r.stdout}`);
  });
});
