// Opening a repository: checks that `root` is inside a git repository and picks the backend. The
// git binary is the fast path; isomorphic-git is used when no binary exists or when
// KEYWARDEN_GIT_BACKEND=isomorphic-git asks for it.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CliGitReader } from './cli-reader.ts';
import { workTreeByDotGit } from './discover.ts';
import { GitSourceError } from './errors.ts';
import { IsoGitReader } from './iso-reader.ts';
import type { GitReader } from './reader.ts';
import { git, hasGitBinary, noGitBinary, NoGitBinaryError } from './run.ts';

/** The two history backends. */
export type GitBackendName = 'git' | 'isomorphic-git';

/** The backend named by KEYWARDEN_GIT_BACKEND, if any. */
export function backendFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): GitBackendName | undefined {
  const v = env.KEYWARDEN_GIT_BACKEND;
  if (v === undefined || v === '') return undefined;
  if (v === 'git' || v === 'isomorphic-git') return v;
  throw new GitSourceError(`KEYWARDEN_GIT_BACKEND must be "git" or "isomorphic-git", not "${v}"`);
}

/** A reader for the repository at or above `root`; `backend` forces one (default: git if installed). */
export async function openGitReader(root: string, backend?: GitBackendName): Promise<GitReader> {
  assertDirectory(root);
  const useIso = backend === 'isomorphic-git' || (backend === undefined && !(await hasGitBinary()));
  if (useIso) return IsoGitReader.open(root);
  await assertRepository(root, 'a history scan');
  const reader = new CliGitReader(root);
  await reader.checkVersion();
  return reader;
}

/**
 * Where a directory sits in git, from one `git rev-parse`: a pre-commit hook pays for every git
 * command it runs, so the configuration step asks once and the source reuses the answer.
 */
export interface RepoPlace {
  /** The directory asked about. */
  dir: string;
  /** Inside a repository: a work tree, a bare repository or a .git directory. */
  inRepo: boolean;
  bare: boolean;
  /** The top of the work tree holding `dir`; undefined outside a work tree. */
  top?: string;
}

/**
 * Where `dir` sits in git: found from its `.git` when that is unambiguous (discover.ts), else asked of
 * git, which throws NoGitBinaryError when git is not installed.
 */
export async function repoPlace(dir: string): Promise<RepoPlace> {
  const top = workTreeByDotGit(dir);
  return top ? { dir, inRepo: true, bare: false, top } : repoPlaceFromGit(dir);
}

/** Where `dir` sits in git, from one `git rev-parse`. */
export async function repoPlaceFromGit(dir: string): Promise<RepoPlace> {
  // In a bare repository (or inside .git) --show-toplevel fails after --is-bare-repository has printed.
  const r = await git(dir, ['rev-parse', '--is-bare-repository', '--show-toplevel'], { okCodes: [128] });
  const [bare, top] = r.stdout.toString('utf8').split('\n');
  if (bare !== 'true' && bare !== 'false') return { dir, inRepo: false, bare: false };
  return { dir, inRepo: true, bare: bare === 'true', top: r.code === 0 && top ? top : undefined };
}

/**
 * Fails unless the git binary runs and `root` is inside a git repository (diff and staged scans);
 * says whether the repository is bare. `known`: what `repoPlace(root)` already said (no git command then).
 */
export async function assertRepository(root: string, what: string, known?: RepoPlace): Promise<{ bare: boolean }> {
  assertDirectory(root);
  let place: RepoPlace;
  try {
    place = known?.dir === root ? known : await repoPlace(root);
  } catch (e) {
    throw e instanceof NoGitBinaryError ? noGitBinary(what) : e;
  }
  if (!place.inRepo) throw new GitSourceError(`not a git repository: ${root}`);
  return { bare: place.bare };
}

function assertDirectory(root: string): void {
  if (!existsSync(root)) throw new GitSourceError(`no such directory: ${root}`);
}

/**
 * Where `dir` sits in git, or undefined when git cannot say (no such directory, or no git binary: the
 * command then fails to start, which costs nothing beyond a check of its own).
 */
export async function placeOf(dir: string): Promise<RepoPlace | undefined> {
  if (!existsSync(dir)) return undefined;
  return repoPlace(dir).catch(() => undefined);
}

/** The top directory of the git work tree holding `dir`, or undefined (see placeOf). */
export async function workTreeTop(dir: string): Promise<string | undefined> {
  return (await placeOf(dir))?.top;
}

/**
 * The ignore rules git applies beyond .gitignore files in the work tree at `top`: `.git/info/exclude`
 * and `core.excludesFile` (default `~/.config/git/ignore`), each with the file it came from.
 */
export async function excludeFiles(top: string): Promise<{ file: string; text: string }[]> {
  const out: { file: string; text: string }[] = [];
  const info = await git(top, ['rev-parse', '--git-path', 'info/exclude'], { okCodes: [128] }).catch(() => undefined);
  const configured = await git(top, ['config', '--path', 'core.excludesFile'], { okCodes: [1] }).catch(() => undefined);
  const home = process.env.XDG_CONFIG_HOME || (process.env.HOME ? `${process.env.HOME}/.config` : undefined);
  const files = [info?.code === 0 ? resolve(top, info.stdout.toString('utf8').trim()) : undefined, configured?.code === 0 ? configured.stdout.toString('utf8').trim() : home ? `${home}/git/ignore` : undefined];
  for (const file of files) {
    if (!file) continue;
    try {
      out.push({ file, text: readFileSync(file, 'utf8') });
    } catch {
      // Absent: nothing to honour.
    }
  }
  return out;
}
