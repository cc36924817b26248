// Finding the work tree that holds a directory without running git, the way git finds it: walk up the
// physical path and stop at the first directory with a `.git` entry (a directory with HEAD, or a
// gitfile of a linked worktree or submodule). Whatever git could see differently is left to git
// (`git rev-parse`, src/sources/git/open.ts): an environment variable that steers discovery, a
// directory on the way that is itself a repository (bare, or a .git directory), a filesystem
// boundary (git stops there), a `.git` another user owns (git's safe.directory check), a gitfile
// whose target is missing, or no `.git` at all.
// A pre-commit hook then runs one git command, not two.
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Variables that change where git looks for the repository (git(1), "Environment Variables"). */
const DISCOVERY_ENV = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_COMMON_DIR', 'GIT_CEILING_DIRECTORIES', 'GIT_DISCOVERY_ACROSS_FILESYSTEM'];

const isFile = (p: string): boolean => statSync(p, { throwIfNoEntry: false })?.isFile() ?? false;
const isDir = (p: string): boolean => statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false;

/** A directory that looks like a repository's git directory (as git checks: HEAD, objects/, refs/). */
const looksLikeGitDir = (d: string): boolean => isFile(join(d, 'HEAD')) && isDir(join(d, 'objects')) && isDir(join(d, 'refs'));

/** A gitfile (`gitdir: <path>`) whose git directory exists. */
function validGitfile(file: string): boolean {
  try {
    const m = /^gitdir: (.+?)\r?\n?$/.exec(readFileSync(file, 'utf8'));
    return m?.[1] !== undefined && isFile(join(resolve(dirname(file), m[1]), 'HEAD'));
  } catch {
    return false;
  }
}

/**
 * The top of the work tree holding `dir` (a physical path, as `git rev-parse --show-toplevel` prints
 * it), or undefined when only git can say.
 */
export function workTreeByDotGit(dir: string, env: Readonly<Record<string, string | undefined>> = process.env): string | undefined {
  if (DISCOVERY_ENV.some((v) => env[v])) return undefined;
  let d: string;
  try {
    d = realpathSync.native(dir);
  } catch {
    return undefined;
  }
  const device = statSync(d).dev;
  const uid = process.getuid?.();
  for (;;) {
    const dotGit = join(d, '.git');
    const st = statSync(dotGit, { throwIfNoEntry: false });
    if (st && uid !== undefined && st.uid !== uid) return undefined;
    if (st?.isFile()) return validGitfile(dotGit) ? d : undefined;
    if (st?.isDirectory()) return looksLikeGitDir(dotGit) ? d : undefined;
    if (looksLikeGitDir(d)) return undefined;
    const up = dirname(d);
    if (up === d || statSync(up).dev !== device) return undefined;
    d = up;
  }
}
