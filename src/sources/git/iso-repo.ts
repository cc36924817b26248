// The isomorphic-git repository handle and the helpers both isomorphic-git files share: error
// mapping, tag peeling and the list of every ref tip.
import { GitSourceError } from './errors.ts';

// The module itself, as isomorphic-git takes it (a default import made the bundle copy all its exports
// at start-up, though only a scan without git uses this).
const fs = process.getBuiltinModule('node:fs');

/** The isomorphic-git module, loaded on first use so that other scans never pay for it. */
export type IsoGit = typeof import('isomorphic-git');

/** The repository handle the isomorphic-git helpers share. */
export interface IsoRepo {
  git: IsoGit;
  gitdir: string;
  /** isomorphic-git's parse cache, shared by every call. */
  cache: object;
}

/** Runs an isomorphic-git read, turning its errors into a one-line GitSourceError naming the object. */
export async function guard<T>(oid: string, read: () => Promise<T>, path?: string): Promise<T> {
  try {
    return await read();
  } catch (e) {
    const err = e as { code?: string; message?: string };
    const where = `${oid}${path ? ` (${path})` : ''}`;
    if (err.code === 'NotFoundError') throw new GitSourceError(`missing git object ${where}: the repository is corrupt or incomplete`, { cause: e });
    throw new GitSourceError(`cannot read git object ${where}: ${String(err.message ?? e).split('\n')[0]}`, { cause: e });
  }
}

/** Follows annotated tags to the object they point at; undefined when unreadable. */
export async function peel(repo: IsoRepo, oid: string): Promise<{ oid: string; type: string } | undefined> {
  for (let depth = 0; depth < 10; depth++) {
    const obj = await repo.git.readObject({ fs, gitdir: repo.gitdir, oid, cache: repo.cache });
    if (obj.type !== 'tag') return { oid, type: obj.type };
    oid = (obj.object as { object: string }).object;
  }
  return undefined;
}

/** Object ids of every ref under refs/ plus HEAD. */
export async function allTips(repo: IsoRepo): Promise<string[]> {
  const names = (await repo.git.listRefs({ fs, gitdir: repo.gitdir, filepath: 'refs' })).map((n) => `refs/${n}`);
  const tips = new Set<string>();
  for (const ref of ['HEAD', ...names]) {
    try {
      tips.add(await repo.git.resolveRef({ fs, gitdir: repo.gitdir, ref }));
    } catch {
      // unborn HEAD or dangling symbolic ref
    }
  }
  return [...tips];
}

