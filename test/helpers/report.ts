// Reading keywarden's JSON report in tests: `secrets[].occurrences[]`, flattened to one row per place.
import { keyedFingerprint } from '../../src/core/fingerprint.ts';
import type { Occurrence, Secret } from '../../src/core/types.ts';

/** The JSON report's shape, as far as tests read it. */
export interface JsonReport {
  secrets: Secret[];
  stats: { files: number; skipped: Record<string, number>; skippedFiles: Record<string, number> };
  errors: { path?: string; message: string }[];
}

/** One row per occurrence: the place, plus its secret's rule, fingerprint and redacted form. */
export type Place = Occurrence & Pick<Secret, 'ruleId' | 'fingerprint' | 'redacted' | 'severity' | 'confidence'>;

export function placesOf(secrets: readonly Secret[]): Place[] {
  return secrets.flatMap((s) => s.occurrences.map((o) => ({ ...o, ruleId: s.ruleId, fingerprint: s.fingerprint, redacted: s.redacted, severity: s.severity, confidence: s.confidence })));
}

/** Parses a JSON report. */
export function parseReport(stdout: string): JsonReport {
  return JSON.parse(stdout) as JsonReport;
}

/** A fast, fixed fingerprint function for tests that call runScan directly (keyed: no scrypt cost). */
export const testFingerprintOf = (value: string): Promise<string> => Promise.resolve(keyedFingerprint('keywarden-test-key-0001', value));
