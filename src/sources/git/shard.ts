// Sharding a history scan: shard I of N scans the blobs whose object id falls in the I-th of N equal
// parts of the hash space, so every blob is in exactly one shard whatever the history looks like.
// Attribution (introducing commits, paths, still in HEAD) reads the whole commit graph in every
// shard, so the shards' secrets merged by fingerprint equal one unsharded scan (`keywarden merge`).

/** 1-based shard index and the number of shards. */
export interface Shard {
  index: number;
  count: number;
}

/** Shards a scan may be split into: far above GitHub's 256-job matrix, low enough to stay meaningful. */
export const MAX_SHARDS = 4096;

/** The shard (1-based) of a blob: its id's first 32 bits scaled to `count` equal ranges. */
export function shardOfOid(oid: string, count: number): number {
  const top = Number.parseInt(oid.slice(0, 8), 16);
  if (!Number.isFinite(top)) throw new Error(`not an object id: ${oid.slice(0, 12)}`);
  return Math.floor((top * count) / 2 ** 32) + 1;
}

export function inShard(oid: string, shard: Shard): boolean {
  return shardOfOid(oid, shard.count) === shard.index;
}

/** Parses `I/N` (1 ≤ I ≤ N ≤ MAX_SHARDS); undefined when it is not that. */
export function parseShard(text: string): Shard | undefined {
  const m = /^(\d{1,4})\/(\d{1,4})$/.exec(text.trim());
  if (!m) return undefined;
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || count > MAX_SHARDS || index < 1 || index > count) return undefined;
  return { index, count };
}
