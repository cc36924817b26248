// GitReader over the git binary: a whole history's blobs are listed by the `log --raw` walk that
// also finds the commits that introduced a blob (`walkBlobs`), a scan since a date's by `rev-list
// --objects` (each reachable blob once); `cat-file --batch` streams their contents (in pack order for
// a whole history: storage-order.ts), `ls-tree` lists a tree. Output is parsed as it streams;
// reading in pack order keeps the listing (blob id and path) in memory until each blob is read.
// The walk runs newest commit first, into a file node follows as git writes it. Every blob of a
// commit's tree is brought in by some commit's first-parent diff (a root commit's diff brings in its
// whole tree), so the walk shows every blob `rev-list --objects` lists but those of refs that are
// no commit's (a tag of a tree or blob: listed from those objects). Its output is kept in a file for
// the attribution (log-spool.ts): on git/git, git's own CPU 18.3 -> 13.6 s.
import { once } from 'node:events';
import { BatchParser } from './cat-file.ts';
import { GitSourceError } from './errors.ts';
import { LogBlobs } from './log-blobs.ts';
import { LOG_FORMAT, RawLogParser } from './log-parse.ts';
import { GitSpool } from './log-spool.ts';
import { OidTable } from './oid-table.ts';
import type { BlobChange, BlobData, BlobRef, GitReader, ReadOptions, WalkScope } from './reader.ts';
import { resolveCommit } from './revisions.ts';
import { commandError, exitOf, git, gitStream, gitText, spawnGit } from './run.ts';
import { type BlobRequest, inStorageOrder } from './storage-order.ts';

/** Oldest git whose rev-list has `--filter=object:type=blob --filter-provided-objects`. */
const MIN_VERSION: [number, number] = [2, 32];
/**
 * For commands that read the packs front to back (the history walks, reading in storage order):
 * git maps packs in windows of 1 GiB up to 8 GiB and caches 96 MB of delta bases, and every page
 * it touches counts in its resident memory (520 MB for `cat-file --batch-all-objects` on git/git).
 * Smaller windows and cache measured the same time and 100–160 MB. Random-order reads keep git's
 * defaults: small windows made reading in listing order 1.6x slower.
 */
const SMALL_WINDOWS = ['-c', 'core.packedGitWindowSize=32m', '-c', 'core.packedGitLimit=128m', '-c', 'core.deltaBaseCacheLimit=32m'];

/** The arguments of the attribution walk from `tips` (every ref when undefined), oldest commit first unless `newestFirst`. */
function changesArgs(tips?: string[], newestFirst = false): string[] {
  const args = [...SMALL_WINDOWS, 'log', ...(newestFirst ? [] : ['--reverse']), '--date-order', '--raw', '--root', '--no-renames', '--no-abbrev', '-z', '--diff-merges=first-parent', '--no-show-signature', LOG_FORMAT, '--stdin'];
  if (!tips) args.push('--all');
  return args;
}

function walkInput(tips?: string[]): string {
  return (tips ?? []).map((t) => `${t}\n`).join('');
}

function walkKey(tips?: string[]): string {
  return tips ? tips.join(' ') : '--all';
}

/** GitReader over the git binary (the fast path). */
export class CliGitReader implements GitReader {
  readonly backend = 'git' as const;
  private readonly cwd: string;
  /** The attribution walk started early (`prepareChanges`), and the tips it walks from. */
  private spool: { key: string; git: GitSpool } | undefined;
  /**
   * The walk that listed the blobs (`walkBlobs`), newest commit first: `--reverse` would print nothing
   * until git had walked every commit, and the listing must stream. Attribution reads it again.
   */
  private walked: { key: string; git: GitSpool } | undefined;

  constructor(cwd: string) {
    this.cwd = cwd;
  }

  /** Fails when the installed git is too old for history scans. */
  async checkVersion(): Promise<void> {
    const text = await gitText(this.cwd, ['--version']);
    const m = /(\d+)\.(\d+)/.exec(text);
    const [major, minor] = m ? [Number(m[1]), Number(m[2])] : [0, 0];
    if (major < MIN_VERSION[0] || (major === MIN_VERSION[0] && minor < MIN_VERSION[1])) {
      throw new GitSourceError(`git ${MIN_VERSION.join('.')} or newer is needed for history scans (found "${text}"); or set KEYWARDEN_GIT_BACKEND=isomorphic-git`);
    }
  }

  async isShallow(): Promise<boolean> {
    return (await gitText(this.cwd, ['rev-parse', '--is-shallow-repository'])) === 'true';
  }

  resolveCommit(rev: string): Promise<string | undefined> {
    return resolveCommit(this.cwd, rev);
  }

  async defaultHead(): Promise<string | undefined> {
    const remoteHead = await gitText(this.cwd, ['symbolic-ref', '--quiet', 'refs/remotes/origin/HEAD'], { okCodes: [1, 128] });
    return (remoteHead && (await this.resolveCommit(remoteHead))) || this.resolveCommit('HEAD');
  }

  /**
   * Each blob's id is a string of its own and its path the one string of that path: they are kept until
   * the blob is read (storage-order.ts), and git/git lists 165,000 blobs at 7,000 paths.
   */
  async *listBlobs(scope: WalkScope): AsyncIterable<BlobRef> {
    const args = [...SMALL_WINDOWS, 'rev-list', '--objects', '--filter=object:type=blob', '--filter-provided-objects', '--stdin'];
    if (scope.since) args.push(`--since=${scope.since}`);
    if (!scope.tips) args.push('--all');
    const interned = pathInterner();
    let rest: Buffer | undefined;
    let last: BlobRef | undefined;
    for await (const chunk of gitStream(this.cwd, args, (scope.tips ?? []).map((t) => `${t}\n`).join(''))) {
      // Split into lines as bytes, so that no character is cut at a chunk's end.
      const buf = rest ? Buffer.concat([rest, chunk]) : chunk;
      let pos = 0;
      for (let nl = buf.indexOf(10); nl !== -1; nl = buf.indexOf(10, pos)) {
        const sp = buf.indexOf(32, pos);
        const idEnd = sp === -1 || sp > nl ? nl : sp;
        if (!isHexId(buf, pos, idEnd)) {
          // A path holding a newline continues on the next line.
          if (last) last.path += `\n${buf.toString('utf8', pos, nl)}`;
        } else {
          if (last) {
            last.path = interned(last.path);
            yield last;
          }
          last = { oid: buf.toString('latin1', pos, idEnd), path: idEnd < nl ? buf.toString('utf8', idEnd + 1, nl) : '' };
        }
        pos = nl + 1;
      }
      rest = pos < buf.length ? Buffer.from(buf.subarray(pos)) : undefined;
    }
    if (last) {
      last.path = interned(last.path);
      yield last;
    }
  }

  async walkBlobs(tips: string[] | undefined, alsoAt: (oid: string, path: string) => boolean): Promise<AsyncIterable<BlobRef> | undefined> {
    const beyond = tips ? [] : await this.beyondCommits();
    if (!beyond) return undefined;
    this.releaseWalk();
    const walk = new GitSpool(this.cwd, changesArgs(tips, true), walkInput(tips));
    this.walked = { key: walkKey(tips), git: walk };
    return this.walkListing(walk, beyond, alsoAt);
  }

  releaseWalk(): void {
    this.walked?.git.dispose();
    this.walked = undefined;
  }

  /** See walkBlobs: the walk's new blobs and, where `alsoAt` says so, those seen again; the blobs of `beyond` first. */
  private async *walkListing(walk: GitSpool, beyond: BlobRef[], alsoAt: (oid: string, path: string) => boolean): AsyncIterable<BlobRef> {
    // Ids seen, off the heap (oid-table.ts): the walk shows each blob at every commit that brings it in.
    const seen = new OidTable();
    const interned = pathInterner();
    const isNew = (buf: Uint8Array, start: number, end: number): boolean => {
      const before = seen.count;
      if (!seen.addHex(buf, start, end, 0)) throw new GitSourceError(`unexpected object id in git's output: ${Buffer.from(buf.subarray(start, Math.min(end, start + 80))).toString('latin1')}`);
      return seen.count > before;
    };
    try {
      for (const b of beyond) {
        const id = Buffer.from(b.oid, 'latin1');
        if (isNew(id, 0, id.length)) yield b;
        else if (alsoAt(b.oid, b.path)) yield { ...b, again: true };
      }
      const parser = new LogBlobs();
      for await (const chunk of walk.follow()) {
        for (const e of parser.push(chunk)) {
          const fresh = isNew(e.buf, e.oidStart, e.oidEnd);
          const oid = e.buf.toString('latin1', e.oidStart, e.oidEnd);
          const path = e.buf.toString('utf8', e.pathStart, e.pathEnd);
          if (fresh) yield { oid, path: interned(path) };
          else if (alsoAt(oid, path)) yield { oid, path, again: true };
        }
      }
      parser.end();
    } finally {
      // Stopped early or failed: attribution walks again (`changes`).
      if (!walk.complete) walk.dispose();
    }
  }

  /**
   * The blobs of refs that lead to no commit (a tag of a tree or of a blob: `rev-list --objects --all`
   * lists their blobs, which no commit's diff shows), at the paths rev-list gives them: a tree's
   * blobs at their path in it, a blob at ''. Undefined when a ref leads to something else.
   */
  private async beyondCommits(): Promise<BlobRef[] | undefined> {
    const refs = (await git(this.cwd, ['for-each-ref', '--format=%(objectname) %(objecttype)'])).stdout.toString('utf8');
    const tags: string[] = [];
    const tips: { oid: string; type: string }[] = [];
    for (const line of refs.split('\n')) {
      const [oid = '', type = ''] = line.split(' ');
      if (type === 'tag') tags.push(oid);
      else if (type === 'tree' || type === 'blob') tips.push({ oid, type });
      else if (line !== '' && type !== 'commit') return undefined;
    }
    if (tags.length > 0) {
      // Each tag peeled to the object it finally names (a tag may name a tag).
      const peeled = (await git(this.cwd, ['cat-file', '--batch-check=%(objectname) %(objecttype)'], { input: tags.map((t) => `${t}^{}\n`).join('') })).stdout.toString('utf8');
      for (const line of peeled.split('\n')) {
        const [oid = '', type = ''] = line.split(' ');
        if (type === 'tree' || type === 'blob') tips.push({ oid, type });
        else if (line !== '' && type !== 'commit') return undefined;
      }
    }
    const blobs: BlobRef[] = [];
    for (const t of tips) {
      if (t.type === 'blob') {
        blobs.push({ oid: t.oid, path: '' });
        continue;
      }
      for (const e of await this.lsTreeBlobs(t.oid)) blobs.push({ oid: e.oid, path: e.path });
    }
    return blobs;
  }

  readBlobs(blobs: AsyncIterable<BlobRef>, maxSize: number, opts: ReadOptions = {}): AsyncIterable<BlobData> {
    const transient = opts.transient === true;
    if (!opts.storageOrder) return this.read(blobs, maxSize, [], transient);
    return this.read(inStorageOrder(this.cwd, blobs, maxSize, { gitOpts: SMALL_WINDOWS, minBlobs: opts.storageOrderMin }), maxSize, SMALL_WINDOWS, transient);
  }

  /**
   * Streams `requests` through one `cat-file --batch`; those known to be too large are not read.
   * `transient`: each blob's memory (and each chunk of git's output) is freed once used (`free`).
   */
  private async *read(requests: AsyncIterable<BlobRequest>, maxSize: number, gitOpts: readonly string[], transient: boolean): AsyncIterable<BlobData> {
    const child = spawnGit(this.cwd, [...gitOpts, 'cat-file', '--batch', '--buffer']);
    const exit = exitOf(child);
    exit.catch(() => {});
    const queue: BlobRequest[] = [];
    const stop = new AbortController();
    let writeError: unknown;
    const writer = (async () => {
      for await (const b of requests) {
        queue.push(b);
        if (b.tooLarge) continue;
        if (!child.stdin.write(`${b.oid}\n`)) await once(child.stdin, 'drain', { signal: stop.signal });
      }
    })()
      .catch((e: unknown) => {
        if (!stop.signal.aborted) writeError = e;
        // The reading loop below ends with cat-file: stop it, so that the error surfaces now.
        child.kill();
      })
      .finally(() => child.stdin.end());
    const parser = new BatchParser(maxSize);
    let head = 0;
    let finished = false;
    /** The requests at the head of the queue that were not read (too large), before the next read one. */
    const unread = function* (): Generator<BlobData> {
      for (let r = queue[head]; r?.tooLarge; r = queue[head]) {
        head++;
        yield { oid: r.oid, path: r.path, size: r.size ?? 0 };
      }
    };
    try {
      for await (const chunk of child.stdout) {
        for (const obj of parser.push(chunk as Buffer)) {
          yield* unread();
          const ref = queue[head++];
          if (head > 4096) {
            queue.splice(0, head);
            head = 0;
          }
          if (obj.type === 'missing') throw new GitSourceError(`missing git object ${obj.oid}${ref?.path ? ` (${ref.path})` : ''}: the repository is corrupt or incomplete`);
          yield { oid: obj.oid, path: ref?.path ?? '', size: obj.size, data: obj.data };
          if (transient && obj.data) free(obj.data);
        }
        if (transient) free(chunk as Buffer);
      }
      await writer;
      if (writeError) throw writeError;
      parser.end();
      yield* unread();
      finished = true;
    } finally {
      stop.abort();
      if (!finished) child.kill();
    }
    await writer;
    if (writeError) throw writeError;
    const { code, stderr } = await exit;
    if (code !== 0) throw commandError(['cat-file'], stderr, code);
  }

  async *changes(oids: ReadonlySet<string>, tips?: string[]): AsyncIterable<BlobChange> {
    const walked = this.walked?.key === walkKey(tips) && this.walked.git.complete ? this.walked.git : undefined;
    if (walked) {
      this.walked = undefined;
      yield* newestFirst(walked.read(), oids);
      return;
    }
    const spool = this.spool?.key === walkKey(tips) ? this.spool.git : undefined;
    this.spool = undefined;
    const parser = new RawLogParser(oids);
    for await (const chunk of spool ? spool.read() : gitStream(this.cwd, changesArgs(tips), walkInput(tips))) {
      yield* parser.push(chunk);
    }
    parser.end();
  }

  /** Starts the walk of `changes(…, tips)` now, its output spooled to a file (log-spool.ts); the next such call reads it. */
  prepareChanges(tips?: string[]): void {
    if (this.spool || this.walked?.key === walkKey(tips)) return;
    this.spool = { key: walkKey(tips), git: new GitSpool(this.cwd, changesArgs(tips), walkInput(tips)) };
  }

  async treeBlobs(commit: string): Promise<Set<string>> {
    const oids = new Set<string>();
    for (const e of await this.lsTreeBlobs(commit)) if (e.mode !== '120000') oids.add(e.oid);
    return oids;
  }

  /** Every blob entry (files and symlinks) of the tree `treeish`, recursively: `ls-tree -r -z`. */
  private async lsTreeBlobs(treeish: string): Promise<{ mode: string; oid: string; path: string }[]> {
    const out = (await git(this.cwd, ['ls-tree', '-r', '-z', '--full-tree', treeish])).stdout.toString('utf8');
    const blobs: { mode: string; oid: string; path: string }[] = [];
    for (const entry of out.split('\0')) {
      const tab = entry.indexOf('\t');
      const [mode = '', type, oid] = entry.slice(0, tab).split(' ');
      if (type === 'blob' && oid) blobs.push({ mode, oid, path: entry.slice(tab + 1) });
    }
    return blobs;
  }
}

/**
 * The introductions of `oids` in a walk printed newest commit first, as `changes` gives them: oldest
 * first, numbered as `--reverse` numbers them (known once the walk is read whole).
 */
async function* newestFirst(chunks: AsyncIterable<Buffer>, oids: ReadonlySet<string>): AsyncIterable<BlobChange> {
  const parser = new RawLogParser(oids);
  const found: BlobChange[] = [];
  for await (const chunk of chunks) for (const c of parser.push(chunk)) found.push(c);
  parser.end();
  const last = parser.commits - 1;
  for (const c of found) c.order = last - c.order;
  // Stable: a commit's changes keep git's order.
  found.sort((a, b) => a.order - b.order);
  yield* found;
}

/** The one string of each path: listings keep a path per blob until it is read, and few paths hold many blobs. */
function pathInterner(): (path: string) => string {
  const paths = new Map<string, string>();
  return (path) => {
    const known = paths.get(path);
    if (known !== undefined) return known;
    paths.set(path, path);
    return path;
  };
}

/** True when `buf[start, end)` is an object id: 40 or 64 lower-case hex digits. */
function isHexId(buf: Uint8Array, start: number, end: number): boolean {
  if (end - start !== 40 && end - start !== 64) return false;
  for (let i = start; i < end; i++) {
    const c = buf[i]!;
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

/**
 * Gives the memory of `buf` back at once, when `buf` is the whole of its ArrayBuffer (a chunk of git's
 * output, a blob read across chunks), by detaching it (ArrayBuffer.prototype.transfer, Node 22+).
 * Left to V8, the chunks of a history (8 GB for git/git) pile up between collections, and when the
 * reading thread makes little else to collect, V8 runs a full collection each 64 MB of them (274
 * on git/git's history against 50 when this thread decoded the blobs).
 */
const FREE_MIN = 4096;

function free(buf: Uint8Array): void {
  const ab = buf.buffer as ArrayBuffer & { transfer?: (length: number) => ArrayBuffer; detached?: boolean };
  // Small buffers are left alone: an empty one may be shared by every empty Buffer of the process.
  if (buf.length < FREE_MIN || buf.byteOffset !== 0 || buf.length !== ab.byteLength || ab.detached !== false || typeof ab.transfer !== 'function') return;
  try {
    ab.transfer(0);
  } catch {
    // not detachable (a pooled or shared buffer): V8 frees it in time
  }
}
