// The GitReader port: what the history scan needs from a repository, whichever backend reads it.
// Two implementations: the git binary (cli-reader.ts, the fast path) and isomorphic-git
// (iso-reader.ts, used where no git binary exists). The same tests run against both.
import type { CommitInfo } from '../../core/types.ts';

/** Which revisions a history walk starts from. */
export interface WalkScope {
  /** Commit ids to start from; undefined = every ref (branches, tags, remote-tracking refs, HEAD). */
  tips?: string[];
  /**
   * Only commits dated since this (git date syntax for the binary, ISO 8601 for isomorphic-git).
   * Every blob in the tree of such a commit is included, unchanged old files too.
   */
  since?: string;
}

/** A blob reachable from the walked refs, with a path it appears under. */
export interface BlobRef {
  oid: string;
  path: string;
  /** Listed before, at another path: `GitReader.walkBlobs` lists a blob again where its `alsoAt` says so. */
  again?: boolean;
}

/** One blob's content as read from the object database. `data` is undefined when over `maxSize`. */
export interface BlobData {
  oid: string;
  path: string;
  size: number;
  data?: Buffer;
}

/** How `readBlobs` reads. */
export interface ReadOptions {
  /**
   * Read in the order the repository stores the blobs (pack order), not the order given: much faster
   * for a whole history (delta bases are reused), not worth it for a few blobs. The backend may
   * ignore it.
   */
  storageOrder?: boolean;
  /** With `storageOrder`: the fewest blobs worth it (default: the backend's; tests). */
  storageOrderMin?: number;
  /**
   * A blob's `data` is used up before the next blob is asked for: the backend may free its memory
   * then (history scans copy or decode each blob as it comes).
   */
  transient?: boolean;
}

/** A commit introducing a blob at a path: added, modified or type-changed relative to its first parent. */
export interface BlobChange {
  commit: CommitInfo;
  /** 0-based position of the commit in the walk (oldest first, parents before children). */
  order: number;
  path: string;
  oid: string;
}

/** Read access to one repository's history. */
export interface GitReader {
  /** `git` or `isomorphic-git`, for logs and tests. */
  readonly backend: 'git' | 'isomorphic-git';
  /** True when the repository is a shallow clone (its history is cut). */
  isShallow(): Promise<boolean>;
  /** Full commit id of a revision (sha, branch, tag, remote-tracking name), or undefined if unknown. */
  resolveCommit(rev: string): Promise<string | undefined>;
  /** Commit id at the head of the default branch (`origin/HEAD`, else `HEAD`); undefined if unborn. */
  defaultHead(): Promise<string | undefined>;
  /** Every unique blob reachable from the scope, each once, with one path it appears under. */
  listBlobs(scope: WalkScope): AsyncIterable<BlobRef>;
  /**
   * Contents of `blobs` (each listed once), in their order unless `opts.storageOrder`; contents larger
   * than `maxSize` are not loaded. Missing objects throw.
   */
  readBlobs(blobs: AsyncIterable<BlobRef>, maxSize: number, opts?: ReadOptions): AsyncIterable<BlobData>;
  /**
   * Every commit (reachable from `tips`, default every ref) that introduces one of `oids` at a path,
   * oldest first: parents before children (first-parent diffs, so a merge counts only for what its
   * resolution adds). Every blob of those commits' trees is introduced by one of them.
   */
  changes(oids: ReadonlySet<string>, tips?: string[]): AsyncIterable<BlobChange>;
  /**
   * Optional: the blobs of the whole history from `tips` (every ref when undefined), as `listBlobs`
   * lists them, found by the walk the next `changes(…, tips)` reads (one walk serves both). Each blob
   * comes once at the first path the walk shows it at, and again (`again`) at each later one for
   * which `alsoAt` returns true. Resolves to undefined when this backend or repository cannot (then
   * `listBlobs`).
   */
  walkBlobs?(tips: string[] | undefined, alsoAt: (oid: string, path: string) => boolean): Promise<AsyncIterable<BlobRef> | undefined>;
  /** Optional: the walk kept for `changes` (walkBlobs) is not wanted any more. */
  releaseWalk?(): void;
  /** Optional: starts the walk the next `changes(…, tips)` will read (before its blob ids are known), so that it runs alongside the scan. */
  prepareChanges?(tips?: string[]): void;
  /** Blob ids in the tree of `commit`. */
  treeBlobs(commit: string): Promise<Set<string>>;
}
