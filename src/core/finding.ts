// Builds Finding objects. The raw secret is attached as a non-enumerable property so that
// JSON.stringify, structuredClone and object spread never carry it into an output.
import { roundedEntropy } from './entropy.ts';
import { fingerprintOf } from './fingerprint.ts';
import { positionAt } from './location.ts';
import { redact } from './redact.ts';
import type { Confidence, Finding, Fragment, Rule } from './types.ts';

/** The file line number of the 0-based line `lineIndex` of a fragment. */
export function fileLine(fragment: Fragment, lineIndex: number): number {
  if (fragment.lineNumbers) return fragment.lineNumbers[lineIndex] ?? lineIndex + 1;
  return (fragment.startLine ?? 1) + lineIndex;
}

export function makeFinding(
  rule: Rule,
  secret: string,
  start: number,
  end: number,
  confidence: Confidence,
  fragment: Fragment,
  starts: readonly number[],
): Finding {
  const a = positionAt(starts, start);
  const b = positionAt(starts, Math.max(start, end - 1));
  const finding: Finding = {
    ruleId: rule.id,
    ruleName: rule.name,
    severity: rule.severity,
    confidence,
    path: fragment.path,
    line: fileLine(fragment, a.lineIndex),
    column: a.column,
    endLine: fileLine(fragment, b.lineIndex),
    endColumn: b.column + 1,
    redacted: redact(secret),
    fingerprint: fingerprintOf(rule.id, secret),
    entropy: roundedEntropy(secret),
    playbook: rule.playbook,
  };
  if (fragment.origin) finding.origin = fragment.origin;
  if (fragment.commit) finding.commit = fragment.commit;
  if (fragment.blobId) finding.blobId = fragment.blobId;
  return withSecret(finding, secret);
}

/** Attaches the raw secret, non-enumerable, to a finding (or a copy of one). */
export function withSecret<T extends Finding>(finding: T, secret: string): T {
  Object.defineProperty(finding, 'secret', { value: secret, enumerable: false, writable: false, configurable: true });
  return finding;
}

/** The raw secret of a finding, for the few places that must handle it (masking in the Action). */
export function secretOf(finding: Finding): string | undefined {
  return (finding as { secret?: string }).secret;
}
