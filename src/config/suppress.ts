// Drops the findings that the ignore file or the baseline lists, counting each as `ignored` or
// `baseline`, and finds the ignore entries that matched nothing.
import { countSkip } from '../core/detect.ts';
import type { ScanError, ScanResult } from '../core/types.ts';
import type { FingerprintEntry } from './fingerprint-list.ts';
import type { IgnoreFile } from './ignore-file.ts';

/** What a scan suppresses after detection. */
export interface Suppressions {
  ignore?: IgnoreFile;
  baseline?: ReadonlySet<string>;
}

/** The result without suppressed findings, and the ignore entries no finding used. */
export function applySuppressions(result: ScanResult, s: Suppressions): { result: ScanResult; unusedIgnores: FingerprintEntry[] } {
  const ignored = new Set(s.ignore?.entries.map((e) => e.fingerprint));
  const used = new Set<string>();
  const skipped = { ...result.stats.skipped };
  const findings = result.findings.filter((f) => {
    if (ignored.has(f.fingerprint)) {
      used.add(f.fingerprint);
      countSkip(skipped, 'ignored');
      return false;
    }
    if (s.baseline?.has(f.fingerprint)) {
      countSkip(skipped, 'baseline');
      return false;
    }
    return true;
  });
  const unusedIgnores = (s.ignore?.entries ?? []).filter((e) => !used.has(e.fingerprint));
  return { result: { ...result, findings, stats: { ...result.stats, skipped } }, unusedIgnores };
}

/** Unused ignore entries as scan warnings (shown by every reporter). */
export function unusedIgnoreErrors(source: string, entries: readonly FingerprintEntry[]): ScanError[] {
  return entries.map((e) => ({
    warning: true,
    path: source,
    message: `line ${e.line}: unused ignore ${e.fingerprint}${e.comment ? ` (${e.comment})` : ''}: no finding of this scan has this fingerprint; remove the line if the secret is gone`,
  }));
}
