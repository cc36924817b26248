// Drops secrets below the configured minimum severity or confidence, counting them.
import { countSkip } from '../core/detect.ts';
import { confidenceRank, severityRank, type Confidence, type ScanResult, type Secret, type Severity } from '../core/types.ts';

export function atLeastSeverity(s: Severity, min: Severity): boolean {
  return severityRank(s) <= severityRank(min);
}

export function atLeastConfidence(c: Confidence, min: Confidence): boolean {
  return confidenceRank(c) <= confidenceRank(min);
}

export function applyThresholds(result: ScanResult, opts: { minSeverity?: Severity; minConfidence?: Confidence }, onDrop?: (secret: Secret) => void): ScanResult {
  const { minSeverity, minConfidence } = opts;
  if (!minSeverity && !minConfidence) return result;
  const passes = (s: Secret): boolean => (!minSeverity || atLeastSeverity(s.severity, minSeverity)) && (!minConfidence || atLeastConfidence(s.confidence, minConfidence));
  const secrets = result.secrets.filter((s) => {
    const ok = passes(s);
    if (!ok) {
      countSkip(result.stats.skipped, 'below-threshold');
      onDrop?.(s);
    }
    return ok;
  });
  // Secrets allowed inline are listed only when they would have been reported.
  return { ...result, secrets, ...(result.allowedInline ? { allowedInline: result.allowedInline.filter(passes) } : {}) };
}
