// Blob introductions for the isomorphic-git backend: load the commit graph reachable from the tips,
// order it parents-first (oldest ready commit first, like `git log --reverse --date-order`), and diff
// each commit's tree against its first parent's, reporting wanted blobs that are new at a path.
import type { CommitInfo } from '../../core/types.ts';
import { isoDateAt } from './date.ts';
import { guard, type IsoRepo } from './iso-repo.ts';
import { readTreeEntries } from './iso-tree.ts';
import type { BlobChange } from './reader.ts';

// The module itself, as isomorphic-git takes it (a default import made the bundle copy all its exports
// at start-up, though only a scan without git uses this).
const fs = process.getBuiltinModule('node:fs');

interface Node {
  oid: string;
  tree: string;
  parents: string[];
  time: number;
  info: CommitInfo;
}

/** Wanted blobs introduced by each commit reachable from `tips`, oldest commit first. */
export async function* isoChanges(repo: IsoRepo, oids: ReadonlySet<string>, tips: string[] | Promise<string[]>): AsyncIterable<BlobChange> {
  const graph = await loadGraph(repo, await tips);
  let order = 0;
  for (const node of parentsFirst(graph)) {
    const parent = node.parents[0] === undefined ? undefined : graph.get(node.parents[0]);
    const out: { path: string; oid: string }[] = [];
    await diffTrees(repo, parent?.tree, node.tree, '', oids, out);
    for (const c of out) yield { commit: node.info, order, path: c.path, oid: c.oid };
    order++;
  }
}

async function loadGraph(repo: IsoRepo, tips: string[]): Promise<Map<string, Node>> {
  const graph = new Map<string, Node>();
  const stack = [...tips];
  while (stack.length) {
    const oid = stack.pop()!;
    if (graph.has(oid)) continue;
    const type = (await guard(oid, () => repo.git.readObject({ fs, gitdir: repo.gitdir, oid, cache: repo.cache, format: 'content' }))).type;
    if (type === 'tag') {
      const { tag } = await guard(oid, () => repo.git.readTag({ fs, gitdir: repo.gitdir, oid, cache: repo.cache }));
      stack.push(tag.object);
      continue;
    }
    if (type !== 'commit') continue;
    const { commit } = await guard(oid, () => repo.git.readCommit({ fs, gitdir: repo.gitdir, oid, cache: repo.cache }));
    const a = commit.author;
    graph.set(oid, {
      oid,
      tree: commit.tree,
      parents: commit.parent,
      time: commit.committer.timestamp,
      info: { sha: oid, author: a.name, email: a.email, date: isoDateAt(a.timestamp, -a.timezoneOffset), message: subject(commit.message) },
    });
    for (const p of commit.parent) stack.push(p);
  }
  return graph;
}

/** Kahn's algorithm; among commits whose parents are all out, the oldest committer date goes first. */
function* parentsFirst(graph: Map<string, Node>): Iterable<Node> {
  const waiting = new Map<string, number>();
  const children = new Map<string, string[]>();
  const ready = new MinHeap<Node>((a, b) => a.time - b.time || (a.oid < b.oid ? -1 : 1));
  for (const node of graph.values()) {
    const inGraph = new Set(node.parents.filter((p) => graph.has(p)));
    waiting.set(node.oid, inGraph.size);
    for (const p of inGraph) {
      const list = children.get(p);
      if (list) list.push(node.oid);
      else children.set(p, [node.oid]);
    }
    if (inGraph.size === 0) ready.push(node);
  }
  for (let node = ready.pop(); node; node = ready.pop()) {
    yield node;
    for (const c of children.get(node.oid) ?? []) {
      const left = waiting.get(c)! - 1;
      waiting.set(c, left);
      if (left === 0) ready.push(graph.get(c)!);
    }
  }
}

/** Blobs of `newTree` absent from `oldTree` at the same path, or changed in content or mode. */
async function diffTrees(repo: IsoRepo, oldTree: string | undefined, newTree: string, prefix: string, wanted: ReadonlySet<string>, out: { path: string; oid: string }[]): Promise<void> {
  if (oldTree === newTree) return;
  const before = new Map(oldTree ? (await readTreeEntries(repo, oldTree)).map((e) => [e.path, e]) : []);
  for (const e of await readTreeEntries(repo, newTree)) {
    const old = before.get(e.path);
    if (e.type === 'tree') await diffTrees(repo, old?.type === 'tree' ? old.oid : undefined, e.oid, `${prefix}${e.path}/`, wanted, out);
    else if (e.type === 'blob' && wanted.has(e.oid) && (!old || old.oid !== e.oid || old.mode !== e.mode)) out.push({ path: prefix + e.path, oid: e.oid });
  }
}

/** `%s`: the first paragraph of a commit message on one line. */
export function subject(message: string): string {
  return (message.split(/\n\s*\n/)[0] ?? '').replace(/\s*\n\s*/g, ' ').trim();
}

/** A small binary min-heap. */
class MinHeap<T> {
  private readonly items: T[] = [];
  private readonly less: (a: T, b: T) => number;

  constructor(less: (a: T, b: T) => number) {
    this.less = less;
  }

  push(item: T): void {
    const a = this.items;
    a.push(item);
    for (let i = a.length - 1; i > 0; ) {
      const p = (i - 1) >> 1;
      if (this.less(a[i]!, a[p]!) >= 0) break;
      [a[i], a[p]] = [a[p]!, a[i]!];
      i = p;
    }
  }

  pop(): T | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length && last !== undefined) {
      a[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.less(a[l]!, a[m]!) < 0) m = l;
        if (r < a.length && this.less(a[r]!, a[m]!) < 0) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
}
