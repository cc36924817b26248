// Tree objects for the isomorphic-git backend, parsed as git parses them. isomorphic-git's own parser
// refuses trees that git reads without complaint: legacy file modes written by old tools (`100664`,
// `100640`, a zero-padded `040000`) and names holding a backslash (legal in git, unsafe only when
// checked out on Windows). A scan only reads names, so it takes them all, like `git ls-tree`.
import { GitSourceError } from './errors.ts';
import { guard, type IsoRepo } from './iso-repo.ts';

// The module itself, as isomorphic-git takes it (a default import made the bundle copy all its exports
// at start-up, though only a scan without git uses this).
const fs = process.getBuiltinModule('node:fs');

/** One entry of a tree, its mode made canonical the way git does (see `canonicalMode`). */
export interface TreeEntry {
  /** `100644`, `100755`, `120000`, `40000` or `160000`. */
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  /** The entry's name (one path component). */
  path: string;
  oid: string;
}

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFLNK = 0o120000;
const S_IFDIR = 0o040000;
const S_IFGITLINK = 0o160000;
const SHA1_BYTES = 20;

/**
 * git's `canon_mode`: any regular file is 100644, or 100755 when its owner may execute it; a link,
 * a directory; anything else is read as a submodule (gitlink), as git reads it.
 */
export function canonicalMode(mode: number): number {
  const kind = mode & S_IFMT;
  if (kind === S_IFREG) return S_IFREG | (mode & 0o100 ? 0o755 : 0o644);
  if (kind === S_IFLNK) return S_IFLNK;
  if (kind === S_IFDIR) return S_IFDIR;
  return S_IFGITLINK;
}

/** Parses a tree object's content; a malformed entry is an error naming the tree `oid`. */
export function parseTree(content: Uint8Array, oid: string): TreeEntry[] {
  const buf = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  const entries: TreeEntry[] = [];
  let at = 0;
  while (at < buf.length) {
    const space = buf.indexOf(0x20, at);
    const nul = space === -1 ? -1 : buf.indexOf(0, space + 1);
    const modeText = space === -1 ? '' : buf.toString('latin1', at, space);
    if (nul === -1 || !/^[0-7]{1,7}$/.test(modeText)) throw new GitSourceError(`cannot read git object ${oid}: malformed tree entry at byte ${at}`);
    if (nul === space + 1) throw new GitSourceError(`cannot read git object ${oid}: empty file name in a tree entry`);
    if (nul + 1 + SHA1_BYTES > buf.length) throw new GitSourceError(`cannot read git object ${oid}: tree entry cut short at byte ${at}`);
    const mode = canonicalMode(Number.parseInt(modeText, 8));
    const kind = mode & S_IFMT;
    entries.push({
      mode: mode.toString(8),
      type: kind === S_IFDIR ? 'tree' : kind === S_IFGITLINK ? 'commit' : 'blob',
      path: buf.toString('utf8', space + 1, nul),
      oid: buf.toString('hex', nul + 1, nul + 1 + SHA1_BYTES),
    });
    at = nul + 1 + SHA1_BYTES;
  }
  return entries;
}

/** The entries of tree `oid`; an object that is missing, corrupt or not a tree is an error naming it. */
export async function readTreeEntries(repo: IsoRepo, oid: string): Promise<TreeEntry[]> {
  const obj = await guard(oid, () => repo.git.readObject({ fs, gitdir: repo.gitdir, oid, cache: repo.cache, format: 'content' }));
  if (obj.type !== 'tree' || !(obj.object instanceof Uint8Array)) throw new GitSourceError(`cannot read git object ${oid}: a ${obj.type}, not a tree`);
  return parseTree(obj.object, oid);
}
