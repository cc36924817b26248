// Picks the Source for a ScanSettings target.
import type { ScanSettings } from '../settings.ts';
import { FileSource } from './files.ts';
import type { Source } from './source.ts';

export class UnsupportedTargetError extends Error {}

/** The source for `settings.target`. Git targets are provided by src/sources/git/. */
export async function createSource(settings: ScanSettings, excludePath?: (rel: string) => boolean): Promise<Source> {
  const t = settings.target;
  switch (t.kind) {
    case 'files':
      return new FileSource({ root: settings.root, paths: t.paths, respectGitignore: settings.respectGitignore, maxFileSize: settings.maxFileSize, excludePath });
    default:
      throw new UnsupportedTargetError(`scanning ${t.kind} is not available yet`);
  }
}
