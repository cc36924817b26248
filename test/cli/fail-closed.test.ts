// Failures are never reported as "no secrets found" (issue 11.10): bad targets and flags exit 2 with one
// line naming the problem; a file that cannot be read makes the scan incomplete (exit 2, or a warning
// with --on-error warn).
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs, { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it, mock } from 'node:test';
import { parseSince } from '../../src/sources/git/date.ts';
import { runCli } from '../helpers/cli.ts';

const hasGit = spawnSync('git', ['--version']).status === 0;

/** One line on stderr, exit 2, nothing claiming success on stdout. */
function assertOneLineError(r: { code: number; stdout: string; stderr: string }, pattern: RegExp): void {
  assert.equal(r.code, 2, r.stderr + r.stdout);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, pattern);
  assert.doesNotMatch(r.stdout, /no secrets found/);
}

describe('scan: failures exit 2', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'kw-fail-'));
    writeFileSync(join(dir, 'a.txt'), 'nothing here\n');
  });

  it('a path that does not exist', async () => {
    assertOneLineError(await runCli(['scan', 'does-not-exist'], dir), /does-not-exist: ENOENT/);
    assertOneLineError(await runCli(['scan', 'a.txt', 'does-not-exist'], dir), /does-not-exist/);
  });

  it('--max-file-size 0 (and 0KB) would skip every file', async () => {
    assertOneLineError(await runCli(['scan', '--max-file-size', '0'], dir), /--max-file-size: "0" skips every file/);
    assertOneLineError(await runCli(['scan', '--max-file-size', '0KB'], dir), /--max-file-size/);
  });

  it('--since garbage (git reads it as "now" and scans nothing)', async () => {
    assertOneLineError(await runCli(['scan', '--history', '--since', 'garbage'], dir), /--since: "garbage" is not a date/);
    assert.equal(parseSince('2024-01-31'), '2024-01-31T00:00:00.000Z');
    assert.equal(parseSince('2 weeks ago', Date.UTC(2024, 0, 31)), '2024-01-17T00:00:00.000Z');
    assert.equal(parseSince('3.days', Date.UTC(2024, 0, 31)), '2024-01-28T00:00:00.000Z');
    assert.equal(parseSince('12345'), undefined);
    assert.equal(parseSince('2024-13-45'), undefined);
  });

  it('--staged in a bare repository', { skip: !hasGit }, async () => {
    const bare = join(dir, 'bare.git');
    execFileSync('git', ['init', '-q', '--bare', bare]);
    assertOneLineError(await runCli(['scan', '--staged'], bare), /bare repository/);
  });
});

describe('scan: a file that cannot be read', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'kw-unreadable-'));
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src/ok.txt'), 'nothing here\n');
    writeFileSync(join(dir, 'src/locked.env'), 'nothing here either\n');
  });

  /** Runs the CLI with open(2) failing with EACCES on `locked.env` (tests run as root, where chmod 000 does not stop a read). */
  async function withLockedFile<T>(run: () => Promise<T>): Promise<T> {
    const real = fs.openSync;
    const m = mock.method(fs, 'openSync', (path: fs.PathLike, ...rest: unknown[]) => {
      if (String(path).endsWith('locked.env')) throw Object.assign(new Error(`EACCES: permission denied, open '${String(path)}'`), { code: 'EACCES' });
      return (real as (...a: unknown[]) => number)(path, ...rest);
    });
    syncBuiltinESMExports();
    try {
      return await run();
    } finally {
      m.mock.restore();
      syncBuiltinESMExports();
    }
  }

  it('is a scan error: named, counted in the summary, exit 2', async () => {
    const r = await withLockedFile(() => runCli(['scan', '.'], dir));
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.match(r.stdout, /error: src\/locked\.env: cannot read: EACCES/);
    assert.match(r.stdout, /1 scan error: not everything was read/);
    assert.match(r.stderr, /1 scan error \(first: src\/locked\.env\): the scan is incomplete/);
  });

  it('--on-error warn reports it and exits 0; JSON lists it', async () => {
    const r = await withLockedFile(() => runCli(['scan', '.', '--on-error', 'warn', '-f', 'json'], dir));
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout) as { errors: { path: string; message: string }[] };
    assert.deepEqual(j.errors.map((e) => e.path), ['src/locked.env']);
  });

  it('--on-error takes fail or warn only', async () => {
    assertOneLineError(await runCli(['scan', '--on-error', 'ignore'], dir), /--on-error: "ignore" is not one of fail, warn/);
  });
});
