// Huge files (issue 11.5): over the size limit they are skipped, counted and named; under a raised limit
// they are read in overlapping chunks (bounded memory) and a secret on any line, also across a chunk
// boundary, is found at its line. A 3 GB file no longer fails with ERR_OUT_OF_RANGE.
import assert from 'node:assert/strict';
import { closeSync, mkdtempSync, openSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CHUNK_BYTES, chunkedFragments, OVERLAP } from '../../src/sources/chunks.ts';
import { runCli } from '../helpers/cli.ts';
import { githubPat } from '../helpers/secrets.ts';
import { parseReport, placesOf } from '../helpers/report.ts';

interface Report {
  findings: { path: string; line: number; column: number }[];
  stats: { skippedFiles: Record<string, number> };
  errors: { path: string; message: string; warning?: boolean }[];
}

describe('huge files', () => {
  it('a 3 GB file over the limit is skipped, counted and named; under a raised limit it is read in chunks', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kw-huge-'));
    closeSync(openSync(join(dir, 'dump.sql'), 'w'));
    truncateSync(join(dir, 'dump.sql'), 3 * 1024 ** 3); // sparse: no disk used
    const over = await runCli(['scan', '-f', 'json'], dir);
    assert.equal(over.code, 0, over.stderr);
    const j = JSON.parse(over.stdout) as Report;
    assert.equal(j.stats.skippedFiles['too-large'], 1);
    assert.match(j.errors.find((e) => e.path === 'dump.sql')?.message ?? '', /not scanned: 3221225472 bytes is over the size limit/);
    assert.match((await runCli(['scan'], dir)).stdout, /warning: dump\.sql: not scanned: .* · skipped: 1 too-large/s);
    // Raised limit: read chunk by chunk (all NUL bytes: binary after the first chunk), no ERR_OUT_OF_RANGE.
    const raised = await runCli(['scan', '-f', 'json', '--max-file-size', '4G'], dir);
    assert.equal(raised.code, 0, raised.stderr);
    assert.equal((JSON.parse(raised.stdout) as Report).stats.skippedFiles.binary, 1);
  });

  it('a 20 MB text file is scanned in chunks: secrets at the start, across boundaries and at the end, at their lines', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kw-chunks-'));
    const filler = 'filler line with some ordinary words in it, nothing to see here at all\n'; // 71 bytes
    const lines: string[] = [];
    const expected: number[] = [];
    const total = Math.ceil((20 * 1024 * 1024) / filler.length);
    const boundary = (k: number): number => Math.floor((k * CHUNK_BYTES) / filler.length); // the line holding the k-th chunk's end
    const at = new Set([1, boundary(1), boundary(1) + 1, boundary(40), boundary(40) + 1, total]);
    for (let i = 1; i <= total; i++) {
      if (at.has(i)) {
        lines.push(`token = "${githubPat()}"\n`);
        expected.push(i);
      } else lines.push(filler);
    }
    const content = lines.join('');
    writeFileSync(join(dir, 'big.log'), content);
    const r = await runCli(['scan', '-f', 'json', '--max-file-size', '64MB'], dir);
    assert.equal(r.code, 1, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { stats: { bytes: number } }).stats.bytes, content.length, 'the chunks\' overlap is counted once');
    assert.deepEqual(placesOf(parseReport(r.stdout).secrets).map((f) => f.line), expected);
  });

  it('chunk boundaries: every line is in some chunk whole, at its line number', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kw-chunk-unit-'));
    const text = Array.from({ length: 500 }, (_, i) => `line ${i + 1} ${'x'.repeat(i % 37)}\n`).join('');
    const path = join(dir, 'f.txt');
    writeFileSync(path, text);
    const fd = openSync(path, 'r');
    const fragments = [...chunkedFragments(fd, Buffer.byteLength(text), 'f.txt', { onSkip() {} }, { chunkBytes: 1000, overlap: 120 })];
    closeSync(fd);
    assert.ok(fragments.length > 10);
    const seen = new Set<number>();
    for (const f of fragments) {
      f.text.split('\n').forEach((l, k) => {
        const m = /^line (\d+) /.exec(l);
        if (m && (k < f.text.split('\n').length - 1 || f === fragments.at(-1))) {
          assert.equal(Number(m[1]), (f.startLine ?? 1) + k, 'line number');
          seen.add(Number(m[1]));
        }
      });
    }
    assert.equal(seen.size, 500);
  });

  it('memory bound: a huge file becomes fragments of at most one chunk, the overlap and the rest of a line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kw-chunk-bound-'));
    const path = join(dir, 'f.txt');
    const line = 'an ordinary line of text, nothing secret in it at all\n';
    writeFileSync(path, line.repeat(Math.ceil((3 * 1024 * 1024) / line.length)));
    const fd = openSync(path, 'r');
    const sizes = [...chunkedFragments(fd, 3 * 1024 * 1024, 'f.txt', { onSkip() {} })].map((f) => f.text.length);
    closeSync(fd);
    assert.ok(sizes.length >= (3 * 1024 * 1024) / CHUNK_BYTES, `${sizes.length} fragments`);
    assert.ok(Math.max(...sizes) <= CHUNK_BYTES + OVERLAP + line.length, `largest fragment ${Math.max(...sizes)} chars`);
    // The budget behind the 300 MB RSS bound on a 1.5 GB file (bench/huge-file-rss.md): 1 MB chunks exceeded it.
    assert.ok(Math.max(...sizes) <= 256 * 1024, 'no fragment over 256 KiB of text');
  });
});
