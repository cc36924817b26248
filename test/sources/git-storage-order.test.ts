// Reading a history in storage (pack) order rather than in the listing's order (storage-order.ts):
// the reader yields exactly the listed blobs, each once, whatever the listing's pace; blobs the
// listing does not hold (unreachable, another shard's) are not read; blobs over the size limit are
// reported without being read; a listed blob the repository lacks is an error. And the scan's
// findings are the same with both orders, on a repository with two packs, loose objects, deltas,
// an unreachable blob, a blob at two paths, a blob over the size limit and a binary file.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import type { ScanResult } from '../../src/core/types.ts';
import { InlineDetector, type Detector } from '../../src/engine/detector.ts';
import { PoolDetector } from '../../src/engine/pool.ts';
import { runScan } from '../../src/engine/run.ts';
import { builtinRuleSpecs } from '../../src/data/builtin.ts';
import { loadRuleSet } from '../../src/scan.ts';
import { defaultSettings } from '../../src/settings.ts';
import { CliGitReader } from '../../src/sources/git/cli-reader.ts';
import { HistorySource, type HistorySourceOptions } from '../../src/sources/git/history.ts';
import type { BlobData, BlobRef, GitReader, ReadOptions } from '../../src/sources/git/reader.ts';
import { STORAGE_ORDER_MIN_BLOBS } from '../../src/sources/git/storage-order.ts';
import { awsKeyId, githubPat } from '../helpers/secrets.ts';
import { testFingerprintOf } from '../helpers/report.ts';
import { TestRepo, filler } from './git-repo.ts';

const MAX_SIZE = 4096;
let repo: TestRepo;
let unreachable: string;

function buildRepo(): void {
  repo = TestRepo.init('kw-storage-order-');
  const body = (i: number) => `${filler(40, `config ${i}`)}TOKEN=${githubPat(`order-${i % 7}`)}\n${filler(20, 'tail')}`;
  for (let i = 0; i < 12; i++) repo.commit(`c${i}`, { 'app/settings.env': body(i), [`notes/n${i % 3}.txt`]: `note ${i}\nkey ${awsKeyId(`order-n${i}`)}\n` });
  repo.git('gc', '-q');
  repo.git('checkout', '-q', '-b', 'side');
  repo.commit('side', { 'side/copy.env': body(3), 'side/big.txt': `${filler(600, 'big')}TOKEN=${githubPat('order-big')}\n` });
  repo.git('checkout', '-q', 'main');
  for (let i = 12; i < 18; i++) repo.commit(`c${i}`, { 'app/settings.env': body(i), 'vendor/lib.env': `TOKEN=${githubPat(`order-v${i}`)}\n` });
  repo.git('repack', '-q', '-d');
  repo.commit('loose', { 'app/settings.env': body(99), 'bin/data.bin': Buffer.from([0, 1, 2, 0, 3, 0, 0, 4, 5, 0]).toString('latin1').repeat(50) });
  // Not UTF-8: decoded leniently and counted (`invalid-utf8-decoded`), its secret still found.
  mkdirSync(join(repo.dir, 'docs'), { recursive: true });
  writeFileSync(join(repo.dir, 'docs/latin1.env'), Buffer.from(`caf\xe9 = ${githubPat('order-latin1')}\n`, 'latin1'));
  repo.commit('latin1');
  unreachable = execFileSync('git', ['hash-object', '-w', '--stdin'], { cwd: repo.dir, input: `TOKEN=${githubPat('order-unreachable')}\n`, encoding: 'utf8' }).trim();
}

before(buildRepo);
after(() => repo.remove());

/** The CLI reader with storage order turned off: the feed as it was, in the listing's order. */
class ListingOrderReader extends CliGitReader {
  override readBlobs(blobs: AsyncIterable<BlobRef>, maxSize: number, _opts?: ReadOptions): AsyncIterable<BlobData> {
    return super.readBlobs(blobs, maxSize, {});
  }
}

/** The CLI reader reading in storage order whenever asked, however few the blobs (the fixture is small). */
class PackOrderReader extends CliGitReader {
  override readBlobs(blobs: AsyncIterable<BlobRef>, maxSize: number, opts: ReadOptions = {}): AsyncIterable<BlobData> {
    return super.readBlobs(blobs, maxSize, opts.storageOrder ? { ...opts, storageOrderMin: 0 } : opts);
  }
}

async function listing(reader: GitReader): Promise<BlobRef[]> {
  const out: BlobRef[] = [];
  for await (const b of reader.listBlobs({})) out.push(b);
  return out;
}

async function* slowly(blobs: readonly BlobRef[]): AsyncIterable<BlobRef> {
  for (const b of blobs) {
    await sleep(2);
    yield b;
  }
}

async function* fromArray(blobs: readonly BlobRef[]): AsyncIterable<BlobRef> {
  yield* blobs;
}

async function read(reader: GitReader, blobs: AsyncIterable<BlobRef> | readonly BlobRef[], maxSize = MAX_SIZE, storageOrderMin = 0): Promise<BlobData[]> {
  const input = Array.isArray(blobs) ? fromArray(blobs) : (blobs as AsyncIterable<BlobRef>);
  const out: BlobData[] = [];
  for await (const b of reader.readBlobs(input, maxSize, { storageOrder: true, storageOrderMin })) out.push(b);
  return out;
}

describe('reading blobs in storage order (git binary)', () => {
  it('yields every listed blob once, with its listed path: in the listing’s order while it runs, then in pack order', async () => {
    const reader = new CliGitReader(repo.dir);
    const listed = await listing(reader);
    const got = await read(reader, listed);
    assert.deepEqual(got.map((b) => `${b.oid} ${b.path}`).sort(), listed.map((b) => `${b.oid} ${b.path}`).sort());
    let early = 0;
    while (early < got.length && got[early]?.oid === listed[early]?.oid) early++;
    const rest = new Set(listed.slice(early).map((b) => b.oid));
    const packOrder = execFileSync('git', ['cat-file', '--batch-all-objects', '--batch-check=%(objecttype) %(objectname)', '--unordered'], { cwd: repo.dir, encoding: 'utf8' })
      .split('\n')
      .filter((l) => l.startsWith('blob ') && rest.has(l.slice(5)))
      .map((l) => l.slice(5));
    assert.deepEqual(got.slice(early).map((b) => b.oid), packOrder);
    assert.ok(early < listed.length / 2, `${early} of ${listed.length} blobs read in the listing's order`);
    assert.notDeepEqual(packOrder, listed.slice(early).map((b) => b.oid), 'the fixture lists blobs in another order than the packs hold them');
  });

  it('reads a listing of fewer blobs than STORAGE_ORDER_MIN_BLOBS in its own order', async () => {
    const reader = new CliGitReader(repo.dir);
    const listed = await listing(reader);
    assert.ok(listed.length < STORAGE_ORDER_MIN_BLOBS);
    const got = await read(reader, listed, MAX_SIZE, STORAGE_ORDER_MIN_BLOBS);
    assert.deepEqual(got.map((b) => b.oid), listed.map((b) => b.oid));
  });

  it('reads the same blobs, each once, when the listing comes slower than the enumeration', async () => {
    const reader = new CliGitReader(repo.dir);
    const listed = await listing(reader);
    const got = await read(reader, slowly(listed));
    assert.equal(got[0]?.oid, listed[0]?.oid, 'reading starts before the listing ends');
    assert.equal(new Set(got.map((b) => b.oid)).size, got.length);
    assert.deepEqual(got.map((b) => b.oid).sort(), listed.map((b) => b.oid).sort());
  });

  it('reads what the listing shows while it runs in pack order, once the pack order is known', async () => {
    const reader = new CliGitReader(repo.dir);
    const listed = await listing(reader);
    const first = listed.slice(0, 2);
    const burst = listed.slice(2, -2);
    const last = listed.slice(-2);
    // Two blobs, then time enough for the enumeration, then a burst while the listing still runs.
    async function* bursts(): AsyncIterable<BlobRef> {
      yield* first;
      await sleep(1000);
      yield* burst;
      await sleep(300);
      yield* last;
    }
    const got = await read(reader, bursts());
    assert.deepEqual(got.slice(0, 2).map((b) => b.oid), first.map((b) => b.oid));
    const inBurst = new Set(burst.map((b) => b.oid));
    const packOrder = execFileSync('git', ['cat-file', '--batch-all-objects', '--batch-check=%(objecttype) %(objectname)', '--unordered'], { cwd: repo.dir, encoding: 'utf8' })
      .split('\n')
      .filter((l) => l.startsWith('blob ') && inBurst.has(l.slice(5)))
      .map((l) => l.slice(5));
    assert.notDeepEqual(packOrder, burst.map((b) => b.oid), 'the fixture lists blobs in another order than the packs hold them');
    assert.deepEqual(got.slice(2, -2).map((b) => b.oid), packOrder);
    assert.deepEqual(got.slice(-2).map((b) => b.oid).sort(), last.map((b) => b.oid).sort());
    assert.ok(got.every((b) => b.data?.length === b.size || (b.data === undefined && b.size > MAX_SIZE)));
  });

  it('does not read blobs the listing leaves out (unreachable, another shard)', async () => {
    const reader = new CliGitReader(repo.dir);
    const listed = await listing(reader);
    assert.ok(!listed.some((b) => b.oid === unreachable));
    const half = listed.filter((_, i) => i % 2 === 0);
    const got = await read(reader, half);
    assert.deepEqual(got.map((b) => b.oid).sort(), half.map((b) => b.oid).sort());
  });

  it('reports a blob over the size limit with its size and no content', async () => {
    const reader = new CliGitReader(repo.dir);
    const listed = await listing(reader);
    const big = listed.find((b) => b.path === 'side/big.txt')!;
    const got = await read(reader, listed);
    const b = got.find((x) => x.oid === big.oid)!;
    assert.equal(b.data, undefined);
    assert.ok(b.size > MAX_SIZE);
    assert.ok(got.filter((x) => x.oid !== big.oid).every((x) => x.data?.length === x.size));
  });

  it('fails on a listed blob the repository does not hold', async () => {
    const reader = new CliGitReader(repo.dir);
    const listed = await listing(reader);
    const absent = { oid: 'f'.repeat(40), path: 'gone.txt' };
    await assert.rejects(read(reader, [...listed, absent]), /missing git object f{40} \(gone\.txt\)/);
  });

  it('fails with the listing’s own error when the listing fails', async () => {
    const reader = new CliGitReader(repo.dir);
    const listed = await listing(reader);
    async function* broken(): AsyncIterable<BlobRef> {
      yield* listed.slice(0, 2);
      throw new Error('rev-list broke');
    }
    await assert.rejects(read(reader, broken()), /rev-list broke/);
  });
});

/** Findings and counters of a history scan, as comparable data. */
function comparable(result: ScanResult): object {
  return {
    secrets: result.secrets.map((s) => ({ rule: s.ruleId, fingerprint: s.fingerprint, inHead: s.inHead, occurrences: s.occurrences.map((o) => `${o.commit?.sha} ${o.path}:${o.line}:${o.column} ${o.blobId}`) })),
    files: result.stats.files,
    bytes: result.stats.bytes,
    skippedFiles: result.stats.skippedFiles,
    skipped: result.stats.skipped,
  };
}

async function scanWith(reader: GitReader, extra: Partial<HistorySourceOptions>, pool = false): Promise<object> {
  const source = await HistorySource.open({ root: repo.dir, maxFileSize: MAX_SIZE, backend: reader, ...extra });
  const ruleSet = loadRuleSet(defaultSettings(repo.dir));
  // The pool from the first byte: every blob's bytes go to the worker through its ring and are decoded there.
  const detector: Detector = pool ? new PoolDetector(ruleSet, { threads: 2, rules: { specs: builtinRuleSpecs(), options: {} }, inlineBytes: 0 }) : new InlineDetector(ruleSet);
  try {
    return comparable(await runScan(source, detector, { rules: ruleSet.rules, fingerprintOf: testFingerprintOf }));
  } finally {
    await detector.close();
  }
}

describe('history findings in storage order equal those in listing order', () => {
  const scopes: [string, Partial<HistorySourceOptions>][] = [
    ['every ref', {}],
    ['one branch', { branches: ['main'] }],
    ['shard 1/2', { shard: { index: 1, count: 2 } }],
    ['shard 2/2', { shard: { index: 2, count: 2 } }],
    ['an excluded directory', { excludePath: (p: string) => p.startsWith('vendor/') || p === 'side/copy.env' }],
  ];
  for (const [name, extra] of scopes) {
    it(name, async () => {
      const before = await scanWith(new ListingOrderReader(repo.dir), extra);
      const now = await scanWith(new PackOrderReader(repo.dir), extra);
      assert.deepEqual(now, before);
      assert.ok((now as { secrets: unknown[] }).secrets.length > 0 || name.startsWith('shard'));
    });
  }

  it('the fixture has what the comparison needs: two packs, loose objects, a skipped large blob, a binary one and one not UTF-8', async () => {
    const packs = execFileSync('git', ['count-objects', '-v'], { cwd: repo.dir, encoding: 'utf8' });
    assert.match(packs, /^packs: 2$/m);
    assert.doesNotMatch(packs, /^count: 0$/m);
    const result = (await scanWith(new PackOrderReader(repo.dir), {})) as { skippedFiles: Record<string, number>; secrets: { occurrences: string[] }[] };
    assert.equal(result.skippedFiles['too-large'], 1);
    assert.equal(result.skippedFiles.binary, 1);
    assert.equal(result.skippedFiles['invalid-utf8-decoded'], 1);
    assert.ok(result.secrets.some((s) => s.occurrences.some((o) => o.includes(' docs/latin1.env:1:'))));
  });
});

describe('history findings with the bytes decoded in a worker equal those decoded in this thread', () => {
  for (const [name, extra] of [
    ['every ref', {}],
    ['an excluded directory', { excludePath: (p: string) => p.startsWith('vendor/') }],
  ] as [string, Partial<HistorySourceOptions>][]) {
    it(name, async () => {
      const here = await scanWith(new PackOrderReader(repo.dir), extra);
      const pooled = await scanWith(new PackOrderReader(repo.dir), extra, true);
      assert.deepEqual(pooled, here);
    });
  }
});

describe('a transient read (history scans: each blob used before the next is asked for)', () => {
  it('yields the same contents as a read that keeps them, when each is used at once', async () => {
    const reader = new CliGitReader(repo.dir);
    const listed = await listing(reader);
    const kept = new Map((await read(reader, listed)).map((b) => [b.oid, b.data?.toString('latin1')]));
    const used = new Map<string, string | undefined>();
    for await (const b of reader.readBlobs(fromArray(listed), MAX_SIZE, { storageOrder: true, storageOrderMin: 0, transient: true })) used.set(b.oid, b.data?.toString('latin1'));
    assert.deepEqual(used, kept);
  });
});
