// The configuration of one scan: load .keywarden.yml, resolve it with the settings, read
// .keywardenignore and the baseline (src/scan.ts applies them after detection).
import { builtinRuleSpecs } from '../data/builtin.ts';
import type { ScanSettings } from '../settings.ts';
import { readBaseline } from './baseline.ts';
import { readIgnoreFile } from './ignore-file.ts';
import { displayPath, loadConfigFor } from './load.ts';
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
}

/** Loads and resolves the configuration, ignore file and baseline of a scan. */
export async function prepareScanConfig(settings: ScanSettings): Promise<ScanConfig> {
  const loaded = await loadConfigFor(settings.root, settings.configPath);
  const resolved = resolveConfig(loaded, settings, builtinRuleSpecs);
  const suppressions: Suppressions = { ignore: await readIgnoreFile(settings.root, settings.ignorePath) };
  if (settings.baselinePath) suppressions.baseline = await readBaseline(settings.baselinePath, displayPath(settings.baselinePath, settings.root));
  return { resolved, settings: effectiveSettings(settings, resolved), excludePath: globMatcher(resolved.excludePaths), suppressions };
}
