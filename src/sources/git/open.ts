// Opening a repository: checks that `root` is inside a git repository and picks the backend. The
// git binary is the fast path; isomorphic-git is used when no binary exists or when
// KEYWARDEN_GIT_BACKEND=isomorphic-git asks for it.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CliGitReader } from './cli-reader.ts';
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
 * Fails unless the git binary runs and `root` is inside a git repository (diff and staged scans);
 * says whether the repository is bare. One git command: a pre-commit hook pays for each one it runs.
 */
export async function assertRepository(root: string, what: string): Promise<{ bare: boolean }> {
  assertDirectory(root);
  let r: Awaited<ReturnType<typeof git>>;
  try {
    r = await git(root, ['rev-parse', '--is-bare-repository'], { okCodes: [128] });
  } catch (e) {
    throw e instanceof NoGitBinaryError ? noGitBinary(what) : e;
  }
  if (r.code !== 0) throw new GitSourceError(`not a git repository: ${root}`);
  return { bare: r.stdout.toString('utf8').trim() === 'true' };
}

function assertDirectory(root: string): void {
  if (!existsSync(root)) throw new GitSourceError(`no such directory: ${root}`);
}

/**
 * The top directory of the git work tree holding `dir`, or undefined (not in a work tree, or no git
 * binary: the command then fails to start, which costs nothing beyond a check of its own).
 */
export async function workTreeTop(dir: string): Promise<string | undefined> {
  if (!existsSync(dir)) return undefined;
  const r = await git(dir, ['rev-parse', '--show-toplevel'], { okCodes: [128] }).catch(() => undefined);
  const top = r?.code === 0 ? r.stdout.toString('utf8').trim() : '';
  return top || undefined;
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
