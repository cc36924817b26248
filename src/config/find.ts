// Finding the configuration file, without loading the YAML parser and the schema validator
// (src/config/load.ts): a scan in a repository with no `.keywarden.yml` never loads them.
import { existsSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';

/** File names looked up at the scan root, in order. */
export const CONFIG_FILE_NAMES = ['.keywarden.yml', '.keywarden.yaml'] as const;

/** The configuration file at `root`, if there is one. */
export function findConfigFile(root: string): string | undefined {
  for (const name of CONFIG_FILE_NAMES) {
    const p = join(root, name);
    if (existsSync(p)) return p;
  }
  return undefined;
}

/** `path` relative to `root` with `/` separators when inside it; absolute otherwise. */
export function displayPath(path: string, root: string): string {
  const rel = relative(root, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : path;
}
