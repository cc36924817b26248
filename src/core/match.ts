// Builds Match objects. The raw secret is attached as a non-enumerable property so that
// JSON.stringify, structuredClone and object spread never carry it into an output.
import { positionAt } from './location.ts';
import type { Confidence, Fragment, Match, Rule } from './types.ts';

/** The file line number of the 0-based line `lineIndex` of a fragment. */
export function fileLine(fragment: Fragment, lineIndex: number): number {
  if (fragment.lineNumbers) return fragment.lineNumbers[lineIndex] ?? lineIndex + 1;
  return (fragment.startLine ?? 1) + lineIndex;
}

export function makeMatch(rule: Rule, secret: string, start: number, end: number, confidence: Confidence, fragment: Fragment, starts: readonly number[]): Match {
  const a = positionAt(starts, start);
  const b = positionAt(starts, Math.max(start, end - 1));
  const match: Match = {
    ruleId: rule.id,
    path: fragment.path,
    line: fileLine(fragment, a.lineIndex),
    column: a.column,
    endLine: fileLine(fragment, b.lineIndex),
    endColumn: b.column + 1,
    confidence,
  };
  if (fragment.origin) match.origin = fragment.origin;
  if (fragment.commit) match.commit = fragment.commit;
  if (fragment.blobId) match.blobId = fragment.blobId;
  return withSecret(match, secret);
}

/** Attaches the raw secret, non-enumerable, to a match or secret (or a copy of one). */
export function withSecret<T extends object>(target: T, secret: string): T {
  Object.defineProperty(target, 'secret', { value: secret, enumerable: false, writable: false, configurable: true });
  return target;
}

/** The raw value of a match or secret, for the few places that must handle it (grouping, masking in the Action). */
export function secretOf(item: object): string | undefined {
  return (item as { secret?: string }).secret;
}
