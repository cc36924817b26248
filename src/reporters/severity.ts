// Severity mapped onto SARIF and GitHub code-scanning scales.
import type { Confidence, Severity } from '../core/types.ts';

/** SARIF `level` for a severity. */
export function sarifLevel(s: Severity): 'error' | 'warning' | 'note' {
  return s === 'critical' || s === 'high' ? 'error' : s === 'medium' ? 'warning' : 'note';
}

/** GitHub's `security-severity` (a numeric string: >9 critical, 7–8.9 high, 4–6.9 medium, <4 low). */
export function securitySeverity(s: Severity): string {
  return { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' }[s];
}

/** SARIF `precision` for a rule's base confidence. */
export function sarifPrecision(c: Confidence): 'very-high' | 'high' | 'medium' | 'low' {
  return c === 'high' ? 'very-high' : c === 'medium' ? 'high' : 'medium';
}
