// The order in which listed blobs are read: the object database's own (pack order). git packs a
// blob next to the blobs it is a delta of, so `cat-file --batch` fed in pack order reuses each
// delta base while it is cached; fed in the listing's order (`rev-list --objects`, commit by commit)
// it rebuilds delta chains again and again. On git/git: 4.6 s in pack order, 9.7 s in listing order.
//
// The pack order comes from `cat-file --batch-all-objects --batch-check --unordered` (0.6 s on
// git/git), which also gives each blob's size, so blobs over the size limit are never read. Every
// object of the repository is enumerated, reachable or not: a blob is read only if the listing (the
// scope's reachable blobs, with the path they were listed at) holds it. The listing runs alongside;
// a blob enumerated before the listing reached it is set aside and read once the listing is complete.
// A listed blob the enumeration never showed is read last, so that cat-file reports it missing.
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
 * The blobs of `listing` in the repository's storage order; see the file comment. `gitOpts` are git
 * options for the enumeration (see cli-reader.ts).
 */
export async function* inStorageOrder(cwd: string, listing: AsyncIterable<BlobRef>, maxSize: number, gitOpts: readonly string[] = []): AsyncGenerator<BlobRequest> {
  const listed = new Map<string, string>();
  const state = { done: false, stop: false, failed: false };
  const consumed = (async () => {
    for await (const b of listing) {
      if (state.stop) break;
      listed.set(b.oid, b.path);
    }
    state.done = true;
  })();
  consumed.catch(() => {
    state.failed = true;
  });
  const request = (oid: string, path: string, size: number): BlobRequest => (size > maxSize ? { oid, path, size, tooLarge: true } : { oid, path, size });
  try {
    const early: { oid: string; size: number }[] = [];
    for await (const obj of enumerateBlobs(cwd, gitOpts)) {
      if (state.failed) break;
      const path = listed.get(obj.oid);
      if (path !== undefined) {
        listed.delete(obj.oid);
        yield request(obj.oid, path, obj.size);
      } else if (!state.done) early.push(obj);
    }
    await consumed;
    for (const obj of early) {
      const path = listed.get(obj.oid);
      if (path === undefined) continue; // not reachable from the scope, or another shard's, or excluded
      listed.delete(obj.oid);
      yield request(obj.oid, path, obj.size);
    }
    for (const [oid, path] of listed) yield { oid, path };
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
