// Text that looks binary to a one-NUL heuristic is still scanned (issue 11.2): UTF-16 with a BOM (LE
// and BE) is decoded, a stray NUL does not hide the rest of a file, and real binary skips are counted
// in the summary and the JSON.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { isBinary } from '../../src/sources/decode-text.ts';
import { runCli } from '../helpers/cli.ts';
import { githubPat } from '../helpers/secrets.ts';
import type { Secret } from '../../src/core/types.ts';
import { placesOf } from '../helpers/report.ts';

const hasGit = spawnSync('git', ['--version']).status === 0;

function utf16(text: string, order: 'le' | 'be'): Buffer {
  const le = Buffer.from(`\ufeff${text}`, 'utf16le');
  return order === 'le' ? le : le.swap16();
}

interface Report {
  secrets: Secret[];
  stats: { skippedFiles: Record<string, number> };
}

describe('text decoding and binary detection', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'kw-decode-'));
    writeFileSync(join(dir, 'utf16le.env'), utf16(`# settings\r\nTOKEN=${githubPat()}\r\n`, 'le'));
    writeFileSync(join(dir, 'utf16be.env'), utf16(`# settings\nTOKEN=${githubPat()}\n`, 'be'));
    writeFileSync(join(dir, 'stray-nul.txt'), Buffer.concat([Buffer.from('header\0\n'), Buffer.from(`token = "${githubPat()}"\n`)]));
    writeFileSync(join(dir, 'image.bin'), Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]), randomBytes(4000)]));
  });

  it('finds secrets in UTF-16 LE and BE files and in a file with one NUL byte', async () => {
    const r = await runCli(['scan', '-f', 'json'], dir);
    assert.equal(r.code, 1, r.stderr);
    const j = JSON.parse(r.stdout) as Report;
    const found = placesOf(j.secrets).filter((f) => f.ruleId === 'github-pat').map((f) => `${f.path}:${f.line}`).sort();
    assert.deepEqual(found, ['stray-nul.txt:2', 'utf16be.env:2', 'utf16le.env:2']);
    assert.equal(j.stats.skippedFiles.binary, 1, 'the binary file is skipped and counted');
  });

  it('the text summary counts the binary skip', async () => {
    const r = await runCli(['scan'], dir);
    assert.match(r.stdout, /scanned 3 files, .* · skipped: 1 binary/);
  });

  it('isBinary: one NUL is text, compressed or image bytes are binary', () => {
    assert.equal(isBinary(Buffer.from('a\0b\nmore text\n')), false);
    assert.equal(isBinary(randomBytes(8000)), true);
    assert.equal(isBinary(Buffer.from('plain text\twith tabs\r\n\x1b[1mbold\x1b[0m\n')), false);
  });

  it('history scans decode UTF-16 blobs too', { skip: !hasGit }, async () => {
    const repo = mkdtempSync(join(tmpdir(), 'kw-decode-git-'));
    const git = (...a: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...a], { cwd: repo, stdio: 'pipe' });
    git('init', '-q');
    writeFileSync(join(repo, 'win.ini'), utf16(`[auth]\r\ntoken=${githubPat()}\r\n`, 'le'));
    git('add', '.');
    git('commit', '-q', '-m', 'add');
    const j = JSON.parse((await runCli(['scan', '--history', '-f', 'json'], repo)).stdout) as Report;
    assert.deepEqual(placesOf(j.secrets).map((f) => `${f.path}:${f.line}`), ['win.ini:2']);
  });
});
