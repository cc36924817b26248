// Opening a repository: checks that `root` is inside a git repository and picks the backend. The
// git binary is the fast path; isomorphic-git is used when no binary exists or when
// KEYWARDEN_GIT_BACKEND=isomorphic-git asks for it.
import { existsSync } from 'node:fs';
import { CliGitReader } from './cli-reader.ts';
import { GitSourceError } from './errors.ts';
import { IsoGitReader } from './iso-reader.ts';
import type { GitReader } from './reader.ts';
import { git, hasGitBinary, noGitBinary } from './run.ts';

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

/** Fails unless the git binary runs and `root` is inside a git repository (diff and staged scans). */
export async function assertRepository(root: string, what: string): Promise<void> {
  assertDirectory(root);
  if (!(await hasGitBinary())) throw noGitBinary(what);
  const r = await git(root, ['rev-parse', '--git-dir'], { okCodes: [128] });
  if (r.code !== 0) throw new GitSourceError(`not a git repository: ${root}`);
}

function assertDirectory(root: string): void {
  if (!existsSync(root)) throw new GitSourceError(`no such directory: ${root}`);
}
