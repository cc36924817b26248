// scan(settings): the one entry point both the CLI and the Action call.
// settings → rules → source → detector → matches → secrets → filters → ScanResult.
import { nodeCrypto } from './core/builtins.ts';
import type { RuleSet } from './core/detect.ts';
import type { ScanResult } from './core/types.ts';
import { builtinRuleSpecs } from './data/builtin.ts';
import { Fingerprinter } from './core/fingerprint.ts';
import { InlineDetector, type Detector } from './engine/detector.ts';
import { PoolDetector, type PoolRules } from './engine/pool.ts';
import { runScan } from './engine/run.ts';
import type { Logger } from './logger.ts';
import { compileRuleSet } from './rules/ruleset.ts';
import type { ScanSettings } from './settings.ts';
import { createSource } from './sources/index.ts';
import { prepareScanConfig, type ScanConfig } from './config/scan-config.ts';
import { HistorySource } from './sources/git/history.ts';
import type { Source } from './sources/source.ts';
import { resolveConfig } from './config/merge.ts';
import { applySuppressions, unusedIgnoreErrors } from './config/suppress.ts';
import type { ResolvedConfig } from './config/types.ts';
import type { ScanObserver } from './core/observer.ts';
import { applyThresholds } from './engine/thresholds.ts';
import { mergeShards, type ShardReport } from './engine/merge.ts';
import { defaultSettings } from './settings.ts';

export interface ScanDeps {
  logger: Logger;
  /** Progress callback (the CLI draws a progress line on a TTY). */
  onProgress?: (done: { files: number; bytes: number; findings: number }) => void;
  signal?: AbortSignal;
  /** Return every secret found: no ignore file, baseline or thresholds (`baseline --upgrade`). */
  unfiltered?: boolean;
  /** `scan --explain`: told every candidate's fate; detection then runs in this thread. */
  observer?: ScanObserver;
  /** Given the source once it is opened (`scan --explain` asks it what a directory walk would skip). */
  onSource?: (source: Source) => void;
}

/** What the active rule set is compiled from (in this thread and in each detector worker). */
export function ruleInputsOf(resolved: ResolvedConfig): PoolRules {
  return { specs: resolved.specs, options: { enable: resolved.enable, disable: resolved.disable, ...(resolved.ignoreInlineAllow ? { ignoreInlineAllow: true } : {}) } };
}

/** Applies ignores, the baseline and the thresholds to a raw result. */
function finishScan(raw: ScanResult, cfg: ScanConfig, observer?: ScanObserver): ScanResult {
  const s = cfg.settings;
  const { result, unusedIgnores } = applySuppressions(
    raw,
    cfg.suppressions,
    observer &&
      ((secret, reason) =>
        observer.secretDropped(secret, reason, `fingerprint ${secret.fingerprint} is listed in ${reason === 'ignored' ? (cfg.suppressions.ignore?.source ?? 'the ignore file') : `the baseline ${s.baselinePath ?? ''}`}`)),
  );
  const withUnused = s.reportUnusedIgnores && cfg.suppressions.ignore ? { ...result, errors: [...result.errors, ...unusedIgnoreErrors(cfg.suppressions.ignore.source, unusedIgnores)] } : result;
  return applyThresholds(
    withUnused,
    s,
    observer && ((secret) => observer.secretDropped(secret, 'below-threshold', `severity ${secret.severity}, confidence ${secret.confidence}: below ${[s.minSeverity && `min-severity ${s.minSeverity}`, s.minConfidence && `min-confidence ${s.minConfidence}`].filter(Boolean).join(' or ')}`)),
  );
}

/** The specs and options the active rule set is compiled from (detector workers compile their own copy). */
export function ruleSetInputs(settings: ScanSettings): PoolRules {
  return ruleInputsOf(resolveConfig(undefined, settings, builtinRuleSpecs));
}

/** Builds the active rule set for `settings` (built-in rules, enable/disable lists; no config file). */
export function loadRuleSet(settings: ScanSettings, inputs: PoolRules = ruleSetInputs(settings)): RuleSet {
  return compileRuleSet(inputs.specs, inputs.options);
}

/** Runs a whole scan. Throws only for problems that stop it (bad target, bad config). */
export async function scan(settings: ScanSettings, deps: ScanDeps): Promise<ScanResult> {
  const cfg = await prepareScanConfig(settings);
  const inputs = ruleInputsOf(cfg.resolved);
  // A scan lists what `keywarden:allow` waved through (ScanResult.allowedInline), for review.
  const detecting: PoolRules = { ...inputs, options: { ...inputs.options, listInlineAllowed: true } };
  // The source opens first: a staged scan's git diff then runs while the rules compile.
  const source = await createSource(cfg.settings, cfg.excludePath, (m) => deps.logger.debug(m), cfg.repo);
  const ruleSet = loadRuleSet(cfg.settings, detecting);
  deps.onSource?.(source);
  deps.logger.debug(`scanning ${source.label} with ${ruleSet.rules.length} rules`);
  if (source.notice) deps.logger.info(source.notice);
  const observer = deps.observer;
  const detector: Detector = observer
    ? new InlineDetector({ ...ruleSet, observer: observer.detecting(ruleSet) })
    : settings.threads > 1
      ? new PoolDetector(ruleSet, { threads: settings.threads, rules: detecting, onWarning: (m) => deps.logger.warn(m), onDebug: (m) => deps.logger.debug(m) })
      : new InlineDetector(ruleSet);
  try {
    const fingerprints = new Fingerprinter(cfg.settings.fingerprintKey, detector.fingerprint?.bind(detector));
    const result = await runScan(source, detector, { rules: ruleSet.rules, fingerprintOf: (v) => fingerprints.of(v), signal: deps.signal, onProgress: deps.onProgress });
    const t = cfg.settings.target;
    if (t.kind === 'history' && t.shard && source instanceof HistorySource) {
      result.shard = { ...t.shard, basis: await source.basis(), config: configHash(inputs, cfg.settings) };
    }
    return deps.unfiltered ? result : finishScan(result, cfg, observer);
  } finally {
    await detector.close();
  }
}

/**
 * The report one unsharded history scan would have written, from the JSON reports of all its shards
 * (src/engine/merge.ts); the rules of `root`'s configuration name and describe the secrets. Throws
 * MergeError (one line) for a missing, duplicated or foreign shard. The CLI's `merge` and the Action's
 * `mode: merge` both call this.
 */
export async function mergeScan(reports: readonly ShardReport[], root: string): Promise<ScanResult> {
  const settings = defaultSettings(root, { kind: 'history' });
  const rules = loadRuleSet(settings, ruleInputsOf((await prepareScanConfig(settings)).resolved)).rules;
  return { ...mergeShards(reports, new Map(rules.map((r) => [r.id, r]))), rules };
}

/** What must be equal for shards to be merged: the rules, and the settings that change what is reported. */
function configHash(inputs: PoolRules, settings: ScanSettings): string {
  const relevant = { rules: inputs, maxFileSize: settings.maxFileSize, minSeverity: settings.minSeverity, minConfidence: settings.minConfidence, key: settings.fingerprintKey ? nodeCrypto().createHash('sha256').update(settings.fingerprintKey).digest('hex') : null };
  return nodeCrypto().createHash('sha256').update(JSON.stringify(relevant)).digest('hex').slice(0, 16);
}
