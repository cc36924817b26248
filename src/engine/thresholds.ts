// Drops findings below the configured minimum severity or confidence, counting them.
import { countSkip } from '../core/detect.ts';
import type { Confidence, ScanResult, Severity } from '../core/types.ts';

const SEVERITY_ORDER: Record<Severity, number> = { critical: 3, high: 2, medium: 1, low: 0 };
const CONFIDENCE_ORDER: Record<Confidence, number> = { high: 2, medium: 1, low: 0 };

export function atLeastSeverity(s: Severity, min: Severity): boolean {
  return SEVERITY_ORDER[s] >= SEVERITY_ORDER[min];
}

export function atLeastConfidence(c: Confidence, min: Confidence): boolean {
  return CONFIDENCE_ORDER[c] >= CONFIDENCE_ORDER[min];
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
