// Drops the secrets that the ignore file or the baseline lists, counting each as `ignored` or
// `baseline`, and finds the ignore entries that matched nothing. Entries written with version 1
// fingerprints (32 hex: rule id + value) still match for one version, by recomputing the old
// fingerprint of each found secret under every rule that matched it.
import { countSkip } from '../core/detect.ts';
import { legacyFingerprint } from '../core/fingerprint.ts';
import { matchedRuleIds } from '../core/group.ts';
import { secretOf } from '../core/match.ts';
import type { ScanError, ScanResult, Secret } from '../core/types.ts';
import { isLegacyFingerprint, type FingerprintEntry } from './fingerprint-list.ts';
import type { IgnoreFile } from './ignore-file.ts';

/** What a scan suppresses after detection. */
export interface Suppressions {
  ignore?: IgnoreFile;
  baseline?: ReadonlySet<string>;
}

/** Why a secret was suppressed, for `scan --explain`. */
export type SuppressReason = 'ignored' | 'baseline';

/** The fingerprints a secret is known by in lists: its own, plus version 1 ones when a list has any. */
export function listedAs(secret: Secret, withLegacy: boolean): string[] {
  if (!withLegacy) return [secret.fingerprint];
  const value = secretOf(secret) ?? '';
  return [secret.fingerprint, ...matchedRuleIds(secret).map((id) => legacyFingerprint(id, value))];
}

/** The result without suppressed secrets, and the ignore entries no secret used. */
export function applySuppressions(result: ScanResult, s: Suppressions, onDrop?: (secret: Secret, reason: SuppressReason) => void): { result: ScanResult; unusedIgnores: FingerprintEntry[] } {
  const ignored = new Set(s.ignore?.entries.map((e) => e.fingerprint));
  const baseline = s.baseline ?? new Set<string>();
  const legacy = [...ignored, ...baseline].some(isLegacyFingerprint);
  const used = new Set<string>();
  const skipped = { ...result.stats.skipped };
  const secrets = result.secrets.filter((secret) => {
    const names = listedAs(secret, legacy);
    const ignoredAs = names.filter((fp) => ignored.has(fp));
    if (ignoredAs.length) {
      for (const fp of ignoredAs) used.add(fp);
      countSkip(skipped, 'ignored');
      onDrop?.(secret, 'ignored');
      return false;
    }
    if (names.some((fp) => baseline.has(fp))) {
      countSkip(skipped, 'baseline');
      onDrop?.(secret, 'baseline');
      return false;
    }
    return true;
  });
  const unusedIgnores = (s.ignore?.entries ?? []).filter((e) => !used.has(e.fingerprint));
  // A secret already ignored or baselined needs no second look when a line also allows it inline.
  const allowedInline = result.allowedInline?.filter((secret) => !listedAs(secret, legacy).some((fp) => ignored.has(fp) || baseline.has(fp)));
  return { result: { ...result, secrets, stats: { ...result.stats, skipped }, ...(allowedInline ? { allowedInline } : {}) }, unusedIgnores };
}

/** Unused ignore entries as scan warnings (shown by every reporter). */
export function unusedIgnoreErrors(source: string, entries: readonly FingerprintEntry[]): ScanError[] {
  return entries.map((e) => ({
    warning: true,
    path: source,
    message: `line ${e.line}: unused ignore ${e.fingerprint}${e.comment ? ` (${e.comment})` : ''}: no secret of this scan has this fingerprint; remove the line if the secret is gone`,
  }));
}
