// The configuration side of one scan, in two steps around detection:
//   before: load .keywarden.yml, resolve it with the settings, read .keywardenignore and the baseline;
//   after:  drop ignored and baselined findings, report unused ignores, apply the thresholds.
import { builtinRuleSpecs } from '../data/builtin.ts';
import { applyThresholds } from '../engine/thresholds.ts';
import type { ScanResult } from '../core/types.ts';
import type { PoolRules } from '../engine/pool.ts';
import type { ScanSettings } from '../settings.ts';
import { readBaseline } from './baseline.ts';
import { readIgnoreFile } from './ignore-file.ts';
import { displayPath, loadConfigFor } from './load.ts';
import { effectiveSettings, resolveConfig } from './merge.ts';
import { globMatcher } from '../rules/compile.ts';
import { applySuppressions, unusedIgnoreErrors, type Suppressions } from './suppress.ts';
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

/** What the active rule set is compiled from (in this thread and in each detector worker). */
export function ruleInputsOf(resolved: ResolvedConfig): PoolRules {
  return { specs: resolved.specs, options: { enable: resolved.enable, disable: resolved.disable } };
}

/** Applies ignores, the baseline and the thresholds to a raw result. */
export function finishScan(raw: ScanResult, cfg: ScanConfig): ScanResult {
  const { result, unusedIgnores } = applySuppressions(raw, cfg.suppressions);
  const withUnused = cfg.settings.reportUnusedIgnores && cfg.suppressions.ignore
    ? { ...result, errors: [...result.errors, ...unusedIgnoreErrors(cfg.suppressions.ignore.source, unusedIgnores)] }
    : result;
  return applyThresholds(withUnused, cfg.settings);
}
