// Picks the Source for a ScanSettings target.
import type { ScanSettings } from '../settings.ts';
import { FileSource } from './files.ts';
import { DiffSource } from './git/diff.ts';
import { HistorySource } from './git/history.ts';
import { backendFromEnv, excludeFiles, workTreeTop, type RepoPlace } from './git/open.ts';
import { StagedSource } from './git/staged.ts';
import { StdinSource } from './stdin.ts';
import type { Source } from './source.ts';

export class UnsupportedTargetError extends Error {}

/**
 * The source for `settings.target`. Git targets are provided by src/sources/git/. `repo`: where
 * `settings.root` sits in git, when the caller already asked (saves a git command).
 */
export async function createSource(settings: ScanSettings, excludePath?: (rel: string) => boolean, debug?: (message: string) => void, repo?: RepoPlace): Promise<Source> {
  const t = settings.target;
  const known = repo?.dir === settings.root ? repo : undefined;
  switch (t.kind) {
    case 'files': {
      const top = settings.respectGitignore ? (known ? known.top : await workTreeTop(settings.root)) : undefined;
      const gitExcludes = top ? { top, files: await excludeFiles(top) } : undefined;
      return FileSource.open({ root: settings.root, paths: t.paths, respectGitignore: settings.respectGitignore, maxFileSize: settings.maxFileSize, excludePath, gitExcludes, debug });
    }
    case 'diff':
      return DiffSource.open({ root: settings.root, base: t.base, head: t.head, maxFileSize: settings.maxFileSize, excludePath, repo: known });
    case 'staged':
      return StagedSource.open({ root: settings.root, maxFileSize: settings.maxFileSize, excludePath, repo: known });
    case 'stdin':
      return new StdinSource({ name: t.name, content: t.content, maxFileSize: settings.maxFileSize });
    case 'history':
      return HistorySource.open({ root: settings.root, branches: t.branches, since: t.since, shard: t.shard, maxFileSize: settings.maxFileSize, excludePath, backend: backendFromEnv() });
    default:
      throw new UnsupportedTargetError(`scanning ${(t as { kind: string }).kind} is not available yet`);
  }
}
