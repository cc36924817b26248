// Drops findings below the configured minimum severity or confidence, counting them.
import { countSkip } from '../core/detect.ts';
import { confidenceRank, severityRank, type Confidence, type ScanResult, type Severity } from '../core/types.ts';

export function atLeastSeverity(s: Severity, min: Severity): boolean {
  return severityRank(s) <= severityRank(min);
}

export function atLeastConfidence(c: Confidence, min: Confidence): boolean {
  return confidenceRank(c) <= confidenceRank(min);
}

export function applyThresholds(result: ScanResult, opts: { minSeverity?: Severity; minConfidence?: Confidence }): ScanResult {
  const { minSeverity, minConfidence } = opts;
  if (!minSeverity && !minConfidence) return result;
  const findings = result.findings.filter((f) => {
    const ok = (!minSeverity || atLeastSeverity(f.severity, minSeverity)) && (!minConfidence || atLeastConfidence(f.confidence, minConfidence));
    if (!ok) countSkip(result.stats.skipped, 'below-threshold');
    return ok;
  });
  return { ...result, findings };
}
