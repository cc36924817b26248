// scan(settings): the one entry point both the CLI and the Action call.
// settings → rules → source → detector → raw findings → filters → ScanResult.
import type { RuleSet } from './core/detect.ts';
import type { ScanResult } from './core/types.ts';
import { builtinRuleSpecs } from './data/builtin.ts';
import { InlineDetector, type Detector } from './engine/detector.ts';
import { runScan } from './engine/run.ts';
import type { Logger } from './logger.ts';
import { compileRuleSet } from './rules/ruleset.ts';
import type { ScanSettings } from './settings.ts';
import { createSource } from './sources/index.ts';
import { applyThresholds } from './engine/thresholds.ts';

export interface ScanDeps {
  logger: Logger;
  /** Progress callback (the CLI draws a progress line on a TTY). */
  onProgress?: (done: { files: number; bytes: number; findings: number }) => void;
  signal?: AbortSignal;
}

/** Builds the active rule set for `settings` (built-in rules, enable/disable lists). */
export function loadRuleSet(settings: ScanSettings): RuleSet {
  return compileRuleSet(builtinRuleSpecs(), { disable: settings.disableRules, enable: settings.enableRules });
}

/** Runs a whole scan. Throws only for problems that stop it (bad target, bad config). */
export async function scan(settings: ScanSettings, deps: ScanDeps): Promise<ScanResult> {
  const ruleSet = loadRuleSet(settings);
  const source = await createSource(settings);
  deps.logger.debug(`scanning ${source.label} with ${ruleSet.rules.length} rules`);
  const detector: Detector = new InlineDetector(ruleSet);
  try {
    const result = await runScan(source, detector, { rules: ruleSet.rules, signal: deps.signal, onProgress: deps.onProgress });
    return applyThresholds(result, settings);
  } finally {
    await detector.close();
  }
}
