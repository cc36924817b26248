// History source (nightly scans): every blob reachable from every ref (or the chosen branches,
// optionally only commits since a date), each unique blob read and scanned once, streamed so that
// memory does not grow with the history. Matches are attributed afterwards (attribution.ts).
// A whole history is listed by the attribution's own walk where the backend has one (`walkBlobs`:
// `git log --raw`, newest commit first), a scan since a date (and isomorphic-git) by the backend's
// listing (`listBlobs`: `rev-list --objects` or its isomorphic-git equivalent).
// A blob can sit at several paths: path allowlists apply to each occurrence, never to the blob as a
// whole (a blob at an allowed path and a normal one is scanned and reported at the normal one).
import { nodeCrypto } from '../../core/builtins.ts';
import type { Match } from '../../core/types.ts';
import type { EncodedFragment, Source, SourceContext } from '../source.ts';
import { attributeHistory } from './attribution.ts';
import { GitSourceError, SHALLOW_HINT } from './errors.ts';
import { openGitReader, type GitBackendName } from './open.ts';
import type { BlobRef, GitReader, ReadOptions } from './reader.ts';
import { inShard, type Shard } from './shard.ts';

/** What a history scan covers. */
export interface HistorySourceOptions {
  /** A directory inside the repository (or a bare repository). */
  root: string;
  /** Branch (or any revision) names to walk; default: every ref. */
  branches?: string[];
  /** Only commits dated since this. */
  since?: string;
  /** Only the blobs of this part of the hash space (see shard.ts); attribution still reads every commit. */
  shard?: Shard;
  /** Blobs larger than this many bytes are skipped and counted. */
  maxFileSize: number;
  excludePath?: (path: string) => boolean;
  /** Force a backend, or pass a reader (tests). Default: the git binary when installed. */
  backend?: GitBackendName | GitReader;
}

const PROGRESS_EVERY_MS = 100;

/** Every blob of the history, each once; open it with `HistorySource.open`. */
export class HistorySource implements Source {
  readonly label: string;
  /** The backend reading the repository. */
  readonly reader: GitReader;
  private readonly opts: HistorySourceOptions;
  private readonly tips: string[] | undefined;

  private constructor(opts: HistorySourceOptions, reader: GitReader, tips: string[] | undefined) {
    this.opts = opts;
    this.reader = reader;
    this.tips = tips;
    const what = opts.branches?.length ? opts.branches.join(', ') : 'all refs';
    const shard = opts.shard ? `, shard ${opts.shard.index}/${opts.shard.count}` : '';
    this.label = `history (${what}${opts.since ? `, since ${opts.since}` : ''}${shard}; ${reader.backend})`;
  }

  /** Opens the repository, refuses a shallow clone and resolves the branches. */
  static async open(opts: HistorySourceOptions): Promise<HistorySource> {
    const reader = typeof opts.backend === 'object' ? opts.backend : await openGitReader(opts.root, opts.backend);
    if (await reader.isShallow()) throw new GitSourceError(`shallow clone: the history is incomplete; ${SHALLOW_HINT}`);
    let tips: string[] | undefined;
    if (opts.branches?.length) {
      tips = [];
      for (const b of opts.branches) {
        const sha = await reader.resolveCommit(b);
        if (!sha) throw new GitSourceError(`unknown branch or revision '${b}'`);
        tips.push(sha);
      }
    }
    return new HistorySource(opts, reader, tips);
  }

  async *fragments(ctx: SourceContext): AsyncIterable<EncodedFragment> {
    const listed = { files: 0, done: false };
    const progress = { files: 0, bytes: 0, last: 0 };
    const excluded = new Map<string, string>();
    // A whole history is listed by the attribution walk where the backend can (one walk for both), so
    // that each blob is seen at every path a commit put it at (see `paths`).
    const paths = new PathsSeen(this.opts, ctx, excluded);
    const walk = this.opts.since === undefined ? await this.reader.walkBlobs?.(this.tips, (oid, path) => paths.alsoAt(oid, path)) : undefined;
    const listing = walk ? this.listed(walk, listed, excluded, paths) : this.listed(this.reader.listBlobs({ tips: this.tips, since: this.opts.since }), listed, excluded);
    // A whole history is read in storage order; a scan since a date lists few blobs, cheaper to read in
    // the listing's order than to enumerate every object of the repository (storage-order.ts).
    // Each blob's bytes are used up (copied or decoded) before the next is asked for (EncodedFragment).
    yield* this.scanned(listing, listed, progress, ctx, { storageOrder: this.opts.since === undefined, transient: true });
    if (walk) {
      // Every path was seen: what is still set aside was committed at excluded paths only.
      for (const path of excluded.values()) ctx.onSkip('ignored', path);
      if (paths.more.length > 0 && !ctx.signal?.aborted) {
        listed.done = false;
        yield* this.scanned(paths.moreListed(listed), listed, progress, ctx, { transient: true });
      }
    } else if (excluded.size > 0 && !ctx.signal?.aborted) {
      listed.done = false;
      yield* this.scanned(this.elsewhere(excluded, listed, ctx), listed, progress, ctx, { transient: true });
    }
    ctx.onProgress?.({ files: progress.files, bytes: progress.bytes, total: { files: listed.files } });
  }

  /** The attribution walk starts now, in git, while the rest of the history is scanned. */
  prepareProvenance(): void {
    this.reader.prepareChanges?.(this.tips);
  }

  /** Each match at every commit and path that introduced its blob (see attribution.ts). */
  async provenance(matches: Match[]): Promise<Match[]> {
    try {
      return await attributeHistory(matches, { reader: this.reader, tips: this.tips, excludePath: this.opts.excludePath, keepOrder: this.opts.shard !== undefined });
    } finally {
      this.reader.releaseWalk?.();
    }
  }

  /** What the scan covers, as a hash: the default head, the tips and the date; equal for every shard of one scan. */
  async basis(): Promise<string> {
    const head = await this.reader.defaultHead();
    return nodeCrypto().createHash('sha256').update(JSON.stringify([head ?? null, this.tips ?? 'all refs', this.opts.since ?? null])).digest('hex').slice(0, 16);
  }

  /** Reads `blobs`; each blob is one fragment, standing for every path it was committed at. */
  private async *scanned(blobs: AsyncIterable<BlobRef>, listed: Listed, progress: { files: number; bytes: number; last: number }, ctx: SourceContext, read: ReadOptions): AsyncIterable<EncodedFragment> {
    for await (const b of this.reader.readBlobs(blobs, this.opts.maxFileSize, read)) {
      progress.files++;
      progress.bytes += b.size;
      const now = performance.now();
      if (ctx.onProgress && now - progress.last >= PROGRESS_EVERY_MS) {
        progress.last = now;
        ctx.onProgress({ files: progress.files, bytes: progress.bytes, total: listed.done ? { files: listed.files } : undefined });
      }
      // Decoded by the detector, in the thread that scans it (engine/detector.ts).
      if (!b.data) ctx.onSkip('too-large', b.path);
      else yield { bytes: b.data, path: b.path, origin: 'history', blobId: b.oid, pathPerOccurrence: true };
      if (ctx.signal?.aborted) return;
    }
  }

  /**
   * This shard's blobs; those listed at a path the configuration excludes are set aside in `excluded`
   * (oid → path). From a walk (`paths`), a blob set aside comes again at a path not excluded, if a
   * commit put it at one, and is listed then; the walk's other blobs seen again go to `paths.more`.
   */
  private async *listed(blobs: AsyncIterable<BlobRef>, count: Listed, excluded: Map<string, string>, paths?: PathsSeen): AsyncIterable<BlobRef> {
    for await (const b of blobs) {
      if (this.opts.shard && !inShard(b.oid, this.opts.shard)) continue; // another shard's blob
      if (b.again) {
        if (!excluded.delete(b.oid)) {
          paths?.more.push({ oid: b.oid, path: b.path });
          continue;
        }
      } else if (this.opts.excludePath?.(b.path)) {
        excluded.set(b.oid, b.path);
        continue;
      }
      paths?.listedAt(b.oid, b.path);
      count.files++;
      yield b.again ? { oid: b.oid, path: b.path } : b;
    }
    count.done = true;
  }

  /**
   * The listing gives one path per blob. A blob set aside for its excluded path is scanned after all
   * if some commit put it at a path that is not excluded (exclusions apply per occurrence, and
   * attribution drops the excluded ones); otherwise it is skipped and counted as `ignored`.
   */
  private async *elsewhere(excluded: Map<string, string>, count: Listed, ctx: SourceContext): AsyncIterable<BlobRef> {
    const exclude = this.opts.excludePath ?? (() => false);
    const normal = new Map<string, string>();
    for await (const c of this.reader.changes(new Set(excluded.keys()), this.tips)) {
      if (!normal.has(c.oid) && !exclude(c.path)) normal.set(c.oid, c.path);
    }
    for (const [oid, path] of excluded) {
      const at = normal.get(oid);
      if (at === undefined) {
        ctx.onSkip('ignored', path);
        continue;
      }
      count.files++;
      yield { oid, path: at };
    }
    count.done = true;
  }
}

/**
 * The paths a walk shows a blob at again, once listed (GitReader.walkBlobs' `alsoAt`): a blob set
 * aside for an excluded path is listed at the first one not excluded; and since a rule without
 * keywords runs on a blob only where the path it is scanned at selects the rule, a blob is scanned
 * again at each further path such a rule reads (`more`, after the others; the matches of each
 * rule are kept per occurrence at the paths it reads, engine/run.ts), so that no such path's
 * finding is lost (a blob committed as both `backup/npmrc` and `.npmrc`). Rare: only the blobs
 * listed at such paths are remembered.
 */
class PathsSeen {
  /** Blobs to scan again, each at a path a rule reads by path alone. */
  readonly more: BlobRef[] = [];
  private readonly opts: HistorySourceOptions;
  private readonly excluded: ReadonlyMap<string, string>;
  private readonly reads: (path: string) => boolean;
  private readonly exclude: (path: string) => boolean;
  /** Blob id → the paths read by path alone it is scanned at. */
  private readonly alone = new Map<string, Set<string>>();

  constructor(opts: HistorySourceOptions, ctx: SourceContext, excluded: ReadonlyMap<string, string>) {
    this.opts = opts;
    this.excluded = excluded;
    this.reads = remembered((path) => ctx.readsPathAlone?.(path) === true);
    this.exclude = remembered((path) => opts.excludePath?.(path) === true);
  }

  /** True when the blob, listed before, is wanted again at `path`. */
  alsoAt(oid: string, path: string): boolean {
    if (this.opts.shard && !inShard(oid, this.opts.shard)) return false;
    if (this.exclude(path)) return false;
    if (this.excluded.has(oid)) return true;
    return this.reads(path) && this.remember(oid, path);
  }

  /** The blob is listed (scanned) at `path`. */
  listedAt(oid: string, path: string): void {
    if (this.reads(path)) this.remember(oid, path);
  }

  /** Records that the blob is scanned at `path` (read by path alone); false when it already was. */
  private remember(oid: string, path: string): boolean {
    const at = this.alone.get(oid);
    if (at?.has(path)) return false;
    if (at) at.add(path);
    else this.alone.set(oid, new Set([path]));
    return true;
  }

  async *moreListed(count: Listed): AsyncIterable<BlobRef> {
    for (const b of this.more) {
      count.files++;
      yield b;
    }
    count.done = true;
  }
}

/** `test`, asked once per path (a history shows a few thousand paths, each many times). */
function remembered(test: (path: string) => boolean): (path: string) => boolean {
  const known = new Map<string, boolean>();
  return (path) => {
    let v = known.get(path);
    if (v === undefined) {
      v = test(path);
      known.set(path, v);
    }
    return v;
  };
}

/** How many blobs the listing yielded, and whether it is complete (for the progress total). */
interface Listed {
  files: number;
  done: boolean;
}
