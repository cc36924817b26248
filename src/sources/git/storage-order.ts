// The order in which listed blobs are read: the object database's own (pack order). git packs a
// blob next to the blobs it is a delta of, so `cat-file --batch` fed in pack order reuses each
// delta base while it is cached; fed in the listing's order (the walk's, commit by commit)
// it rebuilds delta chains again and again. On git/git: 4.6 s in pack order, 9.7 s in listing order.
//
// The listing (the scope's reachable blobs, with the path each was listed at) takes a while (git/git:
// 4 s), and a blob is read only once listed. The first blobs are read in the listing's order as they
// come, so that detection starts at once. Once the listing has shown STORAGE_ORDER_MIN_BLOBS blobs,
// the pack order of every blob of the repository is asked for, with each blob's size (so that blobs
// over the size limit are not read): `cat-file --batch-all-objects --batch-check --unordered`, 0.6 s
// on git/git, run alongside the listing. From then on, each time the reader wants more, every blob
// listed and not read yet is read, sorted in pack order: the listing runs ahead of the reading, so
// these batches are large, and git reads them nearly as fast as in one pack-order pass (git/git: the
// 32,000 blobs read while the listing ran took git 2.2 CPU-s in the listing's order, 1.3 sorted).
// The enumeration shows every object of the repository, reachable or not: only listed blobs are
// read. A listed blob the enumeration never showed is read last in its batch, so that cat-file
// reports it missing.
import type { BlobRef } from './reader.ts';
import { OidTable } from './oid-table.ts';
import { gitStream } from './run.ts';

/** A blob to read, with its size when known; `tooLarge`: not read, only reported. */
export interface BlobRequest extends BlobRef {
  size?: number;
  tooLarge?: boolean;
}

/** Arguments of `cat-file` that enumerate every object with type and size, in pack order. */
const ENUMERATE = ['cat-file', '--batch-all-objects', '--batch-check=%(objecttype) %(objectname) %(objectsize)', '--unordered'];

/**
 * Blobs listed below which they are all read in the listing's order: enumerating every object of the
 * repository then costs more than pack order saves (on express, 18,000 blobs, both orders cost git
 * the same 0.3 CPU-s, and the scan with every rule disabled took 0.95 s in listing order against
 * 1.13 s in pack order).
 */
export const STORAGE_ORDER_MIN_BLOBS = 20_000;

/** How `inStorageOrder` reads. */
export interface StorageOrderOptions {
  /** git options for the enumeration (see cli-reader.ts). */
  gitOpts?: readonly string[];
  /** Default STORAGE_ORDER_MIN_BLOBS. */
  minBlobs?: number;
}

/** The blobs of `listing` in the repository's storage order; see the file comment. */
export async function* inStorageOrder(cwd: string, listing: AsyncIterable<BlobRef>, maxSize: number, opts: StorageOrderOptions = {}): AsyncGenerator<BlobRequest> {
  const minBlobs = opts.minBlobs ?? STORAGE_ORDER_MIN_BLOBS;
  /** Listed and not read yet, in the listing's order: blob id → the path it was listed at. */
  const unread = new Map<string, string>();
  /** Listed blobs in the listing's order, for reading until the index is known. */
  const fresh: BlobRef[] = [];
  const state: { done: boolean; stop: boolean; failure?: { error: unknown }; index?: OidTable; indexing?: Promise<OidTable> } = { done: false, stop: false };
  let wake: (() => void) | undefined;
  const startIndex = (): void => {
    const indexing = storageIndex(cwd, opts.gitOpts ?? [], () => state.stop);
    state.indexing = indexing;
    indexing.then(
      (index) => {
        state.index = index;
        wake?.();
      },
      () => wake?.(),
    );
  };
  void (async () => {
    let count = 0;
    try {
      for await (const b of listing) {
        if (state.stop) break;
        unread.set(b.oid, b.path);
        if (!state.index) fresh.push(b);
        if (++count >= minBlobs && !state.indexing) startIndex();
        wake?.();
      }
    } catch (error) {
      state.failure = { error };
    } finally {
      state.done = true;
      wake?.();
    }
  })();
  /** The listing's own error, once it failed. */
  const throwIfFailed = (): void => {
    if (state.failure) throw state.failure.error;
  };
  const more = async (): Promise<void> => {
    await new Promise<void>((resolve) => {
      wake = resolve;
    });
    wake = undefined;
    // Let the listing take in the rest of what git printed (and perhaps end) before reading.
    await new Promise((resolve) => setImmediate(resolve));
  };
  try {
    // Until the index is known: the listing's order.
    let i = 0;
    while (!state.index) {
      throwIfFailed();
      if (state.done && (unread.size === 0 || state.indexing)) break;
      if (i === fresh.length) {
        await more();
        continue;
      }
      const b = fresh[i++]!;
      if (i > 4096) {
        fresh.splice(0, i);
        i = 0;
      }
      if (unread.delete(b.oid)) yield b;
    }
    fresh.length = 0;
    throwIfFailed();
    if (!state.indexing || (state.done && unread.size === 0)) return;
    const index = await state.indexing;
    // Then every blob listed and not read yet, in storage order, batch by batch.
    for (;;) {
      throwIfFailed();
      if (unread.size === 0) {
        if (state.done) return;
        await more();
        continue;
      }
      const batch = Array.from(unread, ([oid, path]) => {
        const rank = index.indexOf(oid);
        return { oid, path, rank: rank === -1 ? Number.POSITIVE_INFINITY : rank };
      });
      unread.clear();
      // A stable sort: blobs the enumeration never showed come last, in the listing's order.
      batch.sort((a, b) => a.rank - b.rank);
      for (const { oid, path, rank } of batch) {
        const size = index.value(rank);
        yield size === undefined ? { oid, path } : size > maxSize ? { oid, path, size, tooLarge: true } : { oid, path, size };
      }
    }
  } finally {
    state.stop = true;
  }
}

/** Every blob of the object database (loose, packed, alternates) in storage order (its rank in the table), with its size. */
async function storageIndex(cwd: string, gitOpts: readonly string[], stopped: () => boolean): Promise<OidTable> {
  const index = new OidTable();
  let rest: Buffer | undefined;
  for await (const chunk of gitStream(cwd, [...gitOpts, ...ENUMERATE])) {
    if (stopped()) return index; // the reading ended first (gitStream stops git)
    const buf = rest ? Buffer.concat([rest, chunk]) : chunk;
    let pos = 0;
    for (let nl = buf.indexOf(10); nl !== -1; nl = buf.indexOf(10, pos)) {
      // `blob <oid> <size>`; other types are skipped on their first letter.
      if (buf[pos] === 0x62 && buf[pos + 4] === 0x20) {
        const sp = buf.indexOf(32, pos + 5);
        const size = sp === -1 || sp > nl ? Number.NaN : decimal(buf, sp + 1, nl);
        if (Number.isNaN(size) || !index.addHex(buf, pos + 5, sp, size)) throw new Error(`unexpected git cat-file line: ${buf.toString('latin1', pos, Math.min(nl, pos + 80))}`);
      }
      pos = nl + 1;
    }
    rest = pos < buf.length ? Buffer.from(buf.subarray(pos)) : undefined;
  }
  if (rest) throw new Error(`git cat-file output ended in the middle of a line: ${rest.toString('latin1', 0, 80)}`);
  return index;
}

/** The decimal number written in `buf[start, end)`; NaN when it is not one. */
function decimal(buf: Uint8Array, start: number, end: number): number {
  if (start >= end) return Number.NaN;
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = buf[i]! - 48;
    if (d < 0 || d > 9) return Number.NaN;
    n = n * 10 + d;
  }
  return n;
}
