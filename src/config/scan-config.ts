// The configuration of one scan: load .keywarden.yml, resolve it with the settings, read
// .keywardenignore and the baseline (src/scan.ts applies them after detection).
import { builtinRuleSpecs } from '../data/builtin.ts';
import type { ScanSettings } from '../settings.ts';
import { readBaseline } from './baseline.ts';
import { IGNORE_FILE, readIgnoreFile } from './ignore-file.ts';
import { displayPath, findConfigFile } from './find.ts';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { placeOf, type RepoPlace } from '../sources/git/open.ts';
import { effectiveSettings, resolveConfig } from './merge.ts';
import { globMatcher } from '../rules/compile.ts';
import type { Suppressions } from './suppress.ts';
import type { ResolvedConfig } from './types.ts';

/** Everything a scan needs from configuration files. */
export interface ScanConfig {
  resolved: ResolvedConfig;
  /** The settings with the configuration's thresholds and size limit applied. */
  settings: ScanSettings;
  /** Root-relative paths that are not read at all. */
  excludePath?: (relPath: string) => boolean;
  suppressions: Suppressions;
  /** Where the scanned directory sits in git, if git could say (the source reuses it). */
  repo?: RepoPlace;
}

/** Loads and resolves the configuration, ignore file and baseline of a scan. */
export async function prepareScanConfig(settings: ScanSettings): Promise<ScanConfig> {
  const placing = placeOf(settings.root);
  // The built-in rules are decoded while git answers (a pre-commit hook waits for both).
  const builtins = builtinRuleSpecs();
  const repo = await placing;
  const dirs = configDirs(settings.root, repo?.top);
  const configDir = dirs.find((d) => findConfigFile(d)) ?? settings.root;
  // The YAML parser and schema validator load only when there is a file to read.
  const configPath = settings.configPath ?? findConfigFile(configDir);
  const loaded = configPath ? await (await import('./load.ts')).loadConfigFile(configPath, configDir) : undefined;
  const resolved = resolveConfig(loaded, settings, () => builtins);
  const ignoreDir = dirs.find((d) => existsSync(join(d, IGNORE_FILE))) ?? settings.root;
  const suppressions: Suppressions = { ignore: await readIgnoreFile(ignoreDir, settings.ignorePath) };
  if (settings.baselinePath) suppressions.baseline = await readBaseline(settings.baselinePath, displayPath(settings.baselinePath, settings.root));
  return { resolved, settings: effectiveSettings(settings, resolved), excludePath: globMatcher(resolved.excludePaths), suppressions, repo };
}

/**
 * Where .keywarden.yml and .keywardenignore are looked for, in order: the scanned directory, then the
 * top of the git work tree holding it, `top` (as git and linters do), so that `scan --staged` from a
 * subdirectory uses the repository's configuration.
 */
export function configDirs(root: string, top: string | undefined): string[] {
  return top && resolve(top) !== resolve(root) ? [root, top] : [root];
}
