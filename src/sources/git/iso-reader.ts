// GitReader over isomorphic-git, for machines without a git binary. About 19x slower than the
// binary on a full history (measured), so it is never picked when git exists.
// One shared `cache` object keeps isomorphic-git from re-parsing pack indexes on every read.
import { join } from 'node:path';
import { GitSourceError } from './errors.ts';
import { allTips, guard, peel, type IsoGit, type IsoRepo } from './iso-repo.ts';
import { readTreeEntries } from './iso-tree.ts';
import { isoChanges } from './iso-walk.ts';
import type { BlobChange, BlobData, BlobRef, GitReader, WalkScope } from './reader.ts';

// The module itself, as isomorphic-git takes it (a default import made the bundle copy all its exports
// at start-up, though only a scan without git uses this).
const fs = process.getBuiltinModule('node:fs');

/** GitReader over isomorphic-git (no git binary needed); open it with `IsoGitReader.open`. */
export class IsoGitReader implements GitReader {
  readonly backend = 'isomorphic-git' as const;
  private readonly repo: IsoRepo;

  private constructor(repo: IsoRepo) {
    this.repo = repo;
  }

  /** Opens the repository at or above `root` (a work tree or a bare repository). */
  static async open(root: string): Promise<IsoGitReader> {
    const git = (await import('./iso-git.ts')).default;
    const gitdir = await findGitdir(git, root);
    return new IsoGitReader({ git, gitdir, cache: {} });
  }

  async isShallow(): Promise<boolean> {
    return fs.existsSync(join(this.repo.gitdir, 'shallow'));
  }

  async resolveCommit(rev: string): Promise<string | undefined> {
    const { git, gitdir } = this.repo;
    const candidates = /^[0-9a-f]{4,64}$/.test(rev) ? [rev] : [];
    candidates.push(rev, `refs/heads/${rev}`, `refs/tags/${rev}`, `refs/remotes/${rev}`, `refs/${rev}`);
    for (const c of candidates) {
      try {
        const oid = /^[0-9a-f]{4,64}$/.test(c) ? await git.expandOid({ fs, gitdir, oid: c, cache: this.repo.cache }) : await git.resolveRef({ fs, gitdir, ref: c });
        const peeled = await peel(this.repo, oid);
        if (peeled?.type === 'commit') return peeled.oid;
      } catch {
        // not this candidate
      }
    }
    return undefined;
  }

  async defaultHead(): Promise<string | undefined> {
    return (await this.resolveCommit('refs/remotes/origin/HEAD')) ?? (await this.resolveCommit('HEAD'));
  }

  async *listBlobs(scope: WalkScope): AsyncIterable<BlobRef> {
    const since = scope.since === undefined ? undefined : parseSince(scope.since);
    const seenCommits = new Set<string>();
    const seenTrees = new Set<string>();
    const seenBlobs = new Set<string>();
    const stack: { oid: string; type: string }[] = [];
    for (const oid of scope.tips ?? (await allTips(this.repo))) {
      const p = await peel(this.repo, oid);
      if (p) stack.push(p);
    }
    while (stack.length) {
      const { oid, type } = stack.pop()!;
      if (type === 'blob') {
        if (!seenBlobs.has(oid)) {
          seenBlobs.add(oid);
          yield { oid, path: '' };
        }
        continue;
      }
      let tree = oid;
      if (type === 'commit') {
        if (seenCommits.has(oid)) continue;
        seenCommits.add(oid);
        const { commit } = await guard(oid, () => this.repo.git.readCommit({ fs, gitdir: this.repo.gitdir, oid, cache: this.repo.cache }));
        if (since !== undefined && commit.committer.timestamp < since) continue;
        for (const p of commit.parent) stack.push({ oid: p, type: 'commit' });
        tree = commit.tree;
      }
      yield* this.treeBlobRefs(tree, '', seenTrees, seenBlobs);
    }
  }

  private async *treeBlobRefs(oid: string, prefix: string, seenTrees: Set<string>, seenBlobs: Set<string>): AsyncIterable<BlobRef> {
    if (seenTrees.has(oid)) return;
    seenTrees.add(oid);
    for (const e of await readTreeEntries(this.repo, oid)) {
      if (e.type === 'tree') yield* this.treeBlobRefs(e.oid, `${prefix}${e.path}/`, seenTrees, seenBlobs);
      else if (e.type === 'blob' && !seenBlobs.has(e.oid)) {
        seenBlobs.add(e.oid);
        yield { oid: e.oid, path: prefix + e.path };
      }
    }
  }

  async *readBlobs(blobs: AsyncIterable<BlobRef>, maxSize: number): AsyncIterable<BlobData> {
    for await (const b of blobs) {
      const { blob } = await guard(b.oid, () => this.repo.git.readBlob({ fs, gitdir: this.repo.gitdir, oid: b.oid, cache: this.repo.cache }), b.path);
      const data = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
      yield { oid: b.oid, path: b.path, size: data.length, data: data.length <= maxSize ? data : undefined };
    }
  }

  changes(oids: ReadonlySet<string>, tips?: string[]): AsyncIterable<BlobChange> {
    return isoChanges(this.repo, oids, tips ?? allTips(this.repo));
  }

  async treeBlobs(commit: string): Promise<Set<string>> {
    const { commit: c } = await guard(commit, () => this.repo.git.readCommit({ fs, gitdir: this.repo.gitdir, oid: commit, cache: this.repo.cache }));
    const oids = new Set<string>();
    for await (const b of this.treeBlobRefs(c.tree, '', new Set(), new Set())) oids.add(b.oid);
    return oids;
  }
}

async function findGitdir(git: IsoGit, root: string): Promise<string> {
  if (fs.existsSync(join(root, 'HEAD')) && fs.existsSync(join(root, 'objects'))) return root;
  try {
    const top = await git.findRoot({ fs, filepath: root });
    return join(top, '.git');
  } catch {
    throw new GitSourceError(`not a git repository: ${root}`);
  }
}

function parseSince(since: string): number {
  const ms = Date.parse(since);
  if (Number.isNaN(ms)) throw new GitSourceError(`--since "${since}" is not an ISO 8601 date (needed without the git binary)`);
  return Math.floor(ms / 1000);
}
