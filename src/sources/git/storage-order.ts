// The order in which listed blobs are read: the object database's own (pack order). git packs a
// blob next to the blobs it is a delta of, so `cat-file --batch` fed in pack order reuses each
// delta base while it is cached; fed in the listing's order (`rev-list --objects`, commit by commit)
// it rebuilds delta chains again and again. On git/git: 4.6 s in pack order, 9.7 s in listing order.
//
// The pack order is known only once the listing (the scope's reachable blobs, with the path each was
// listed at) is complete: git/git takes 4 s to list. Meanwhile the blobs are read in the listing's
// order as they come, so that detection starts at once; the rest (when they are many, see
// STORAGE_ORDER_MIN_BLOBS) follow in pack order, given by
// `cat-file --batch-all-objects --batch-check --unordered` (0.6 s on git/git) with each blob's size,
// so that blobs over the size limit are not read. That enumeration shows every object of the
// repository, reachable or not: only listed blobs not read yet are read. A listed blob the
// enumeration never showed is read last, so that cat-file reports it missing.
import type { BlobRef } from './reader.ts';
import { gitStream } from './run.ts';

/** A blob to read, with its size when known; `tooLarge`: not read, only reported. */
export interface BlobRequest extends BlobRef {
  size?: number;
  tooLarge?: boolean;
}

/** Arguments of `cat-file` that enumerate every object with type and size, in pack order. */
const ENUMERATE = ['cat-file', '--batch-all-objects', '--batch-check=%(objecttype) %(objectname) %(objectsize)', '--unordered'];

/**
 * Blobs left once the listing ends below which they are read in the listing's order too: enumerating
 * every object of the repository then costs more than pack order saves (on express, 18,000 blobs,
 * both orders cost git the same 0.3 CPU-s, and the scan with every rule disabled took 0.95 s in
 * listing order against 1.13 s in pack order).
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
  /** Listed and not read yet: blob id → the path it was listed at. */
  const unread = new Map<string, string>();
  /** Listed blobs in the listing's order, for reading while the listing runs. */
  const fresh: BlobRef[] = [];
  const state = { done: false, stop: false };
  let wake: (() => void) | undefined;
  const listed = (async () => {
    try {
      for await (const b of listing) {
        if (state.stop) break;
        unread.set(b.oid, b.path);
        fresh.push(b);
        wake?.();
      }
    } finally {
      state.done = true;
      wake?.();
    }
  })();
  listed.catch(() => {});
  let i = 0;
  try {
    while (!state.done) {
      if (i === fresh.length) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = undefined;
        // Let the listing take in the rest of what git printed (and perhaps end) before reading.
        await new Promise((resolve) => setImmediate(resolve));
        continue;
      }
      const b = fresh[i++]!;
      if (i > 4096) {
        fresh.splice(0, i);
        i = 0;
      }
      if (unread.delete(b.oid)) yield b;
    }
    await listed; // the listing's own error, if it failed
    if (unread.size < (opts.minBlobs ?? STORAGE_ORDER_MIN_BLOBS)) {
      for (const b of fresh.slice(i)) if (unread.delete(b.oid)) yield b;
      return;
    }
    fresh.length = 0;
    for await (const obj of enumerateBlobs(cwd, opts.gitOpts ?? [])) {
      const path = unread.get(obj.oid);
      if (path === undefined) continue; // read already, or not listed: unreachable, another shard's, excluded
      unread.delete(obj.oid);
      yield obj.size > maxSize ? { oid: obj.oid, path, size: obj.size, tooLarge: true } : { oid: obj.oid, path, size: obj.size };
    }
    for (const [oid, path] of unread) yield { oid, path };
  } finally {
    state.stop = true;
  }
}

/** Every blob of the object database (loose, packed, alternates), in storage order, with its size. */
async function* enumerateBlobs(cwd: string, gitOpts: readonly string[]): AsyncGenerator<{ oid: string; size: number }> {
  let rest: Buffer | undefined;
  for await (const chunk of gitStream(cwd, [...gitOpts, ...ENUMERATE])) {
    const buf = rest ? Buffer.concat([rest, chunk]) : chunk;
    let pos = 0;
    for (let nl = buf.indexOf(10); nl !== -1; nl = buf.indexOf(10, pos)) {
      // `blob <oid> <size>`; other types are skipped on their first letter. Strings are made from
      // the bytes (not sliced from a chunk's text), so the ones kept do not keep whole chunks alive.
      if (buf[pos] === 0x62 && buf[pos + 4] === 0x20) {
        const sp = buf.indexOf(32, pos + 5);
        yield { oid: buf.toString('latin1', pos + 5, sp), size: Number(buf.toString('latin1', sp + 1, nl)) };
      }
      pos = nl + 1;
    }
    rest = pos < buf.length ? Buffer.from(buf.subarray(pos)) : undefined;
  }
  if (rest) throw new Error(`git cat-file output ended in the middle of a line: ${rest.toString('latin1', 0, 80)}`);
}
