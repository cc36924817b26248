// Files keywarden writes are never written through a symbolic link, and are replaced atomically
// (issue 11.17): `baseline`, `init --force`, `ignore`, `scan -o`.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { writeFileSafely } from '../../src/safe-write.ts';
import { runCli } from '../helpers/cli.ts';
import { githubPat } from '../helpers/secrets.ts';

const PRECIOUS = 'ssh-ed25519 AAAA-not-a-key precious@example.invalid\n';

/** A project dir with a secret, and a "credentials" file outside it that links may point at. */
function setup(): { dir: string; target: string } {
  const outside = mkdtempSync(join(tmpdir(), 'kw-outside-'));
  const target = join(outside, 'authorized_keys');
  writeFileSync(target, PRECIOUS);
  const dir = mkdtempSync(join(tmpdir(), 'kw-symlink-'));
  writeFileSync(join(dir, 'a.env'), `T=${githubPat()}\n`);
  return { dir, target };
}

function assertRefused(r: { code: number; stderr: string }, name: string): void {
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, new RegExp(`refusing to write .*${name.replace('.', '\\.')}: it is a symbolic link`));
}

describe('no write through a symlink', () => {
  it('keywarden baseline with .keywarden-baseline linked elsewhere', async () => {
    const { dir, target } = setup();
    symlinkSync(target, join(dir, '.keywarden-baseline'));
    assertRefused(await runCli(['baseline'], dir), '.keywarden-baseline');
    assert.equal(readFileSync(target, 'utf8'), PRECIOUS);
  });

  it('keywarden init --force with .keywarden.yml linked elsewhere', async () => {
    const { dir, target } = setup();
    symlinkSync(target, join(dir, '.keywarden.yml'));
    const r = await runCli(['init', '--force'], dir);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /refusing to write .*\.keywarden\.yml: it is a symbolic link/);
    assert.equal(readFileSync(target, 'utf8'), PRECIOUS);
  });

  it('a dangling link is not followed either (it would create the target)', async () => {
    const { dir } = setup();
    const nowhere = join(mkdtempSync(join(tmpdir(), 'kw-nowhere-')), 'created-by-link');
    symlinkSync(nowhere, join(dir, '.keywardenignore'));
    const r = await runCli(['ignore', 'a'.repeat(40), '--reason', 'test', '--by', 't'], dir);
    assertRefused(r, '.keywardenignore');
    assert.throws(() => statSync(nowhere));
  });

  it('scan -o into a link', async () => {
    const { dir, target } = setup();
    symlinkSync(target, join(dir, 'report.json'));
    assertRefused(await runCli(['scan', '-f', 'json', '-o', 'report.json'], dir), 'report.json');
    assert.equal(readFileSync(target, 'utf8'), PRECIOUS);
  });
});

describe('atomic replacement', () => {
  it('replaces the file whole, keeps its mode, leaves no temporary file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kw-atomic-'));
    const path = join(dir, 'hook');
    writeFileSync(path, 'old\n');
    chmodSync(path, 0o750);
    await writeFileSafely(path, 'new\n');
    assert.equal(readFileSync(path, 'utf8'), 'new\n');
    assert.equal(statSync(path).mode & 0o777, 0o750);
    assert.deepEqual(readdirSync(dir), ['hook']);
    await writeFileSafely(join(dir, 'sub/new.txt'), 'x', { mode: 0o755 });
    assert.equal(statSync(join(dir, 'sub/new.txt')).mode & 0o777, 0o755);
  });

  it('baseline and ignore still write normally', async () => {
    const { dir } = setup();
    assert.equal((await runCli(['baseline'], dir)).code, 0);
    assert.match(readFileSync(join(dir, '.keywarden-baseline'), 'utf8'), /github-pat/);
    assert.equal((await runCli(['ignore', 'b'.repeat(40), '--reason', 'test', '--by', 't'], dir)).code, 0);
    assert.equal((await runCli(['ignore', 'c'.repeat(40), '--reason', 'test', '--by', 't'], dir)).code, 0);
    assert.equal(readFileSync(join(dir, '.keywardenignore'), 'utf8').split('\n').filter((l) => /^[bc]{40}/.test(l)).length, 2);
  });
});
