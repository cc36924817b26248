// eval:peers verdicts: the report groups places by secret value, so a case that shares its value
// with another case is attributed to the finding at its own place, and that case is scored by its
// own rule, not by the rule of the case the report grouped it under.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { type Located, type Report, scoredRules, verdictsOf } from '../../bench/peers/scan.ts';

const report: Report = {
  secrets: [
    // One value in cases 0 and 2, reported first by case 0's rule.
    { ruleId: 'stripe-key', confidence: 'high', occurrences: [{ path: '0/case.txt', line: 1, column: 8 }, { path: '2/app/.env', line: 3, column: 12 }] },
    // A value only case 1 holds.
    { ruleId: 'github-pat', confidence: 'high', occurrences: [{ path: '1/case.txt', line: 1, column: 1 }] },
    // A shared value the detector finds nowhere at case 4's place (decoded, say): the report's rule stays.
    { ruleId: 'jwt', confidence: 'medium', occurrences: [{ path: '3/case.txt', line: 1, column: 1 }, { path: '4/case.txt', line: 2, column: 1 }] },
  ],
};
const found: Record<number, Located[]> = {
  0: [{ ruleId: 'stripe-key', confidence: 'high', line: 1, column: 8 }],
  2: [
    { ruleId: 'generic-secret', confidence: 'low', line: 1, column: 5 },
    { ruleId: 'generic-api-key', confidence: 'medium', line: 3, column: 12 },
  ],
  3: [{ ruleId: 'jwt', confidence: 'medium', line: 1, column: 1 }],
  4: [],
};

it("a case sharing another case's value is attributed to the finding at its own place", () => {
  const asked: number[] = [];
  const v = verdictsOf(report, 6, (k) => {
    asked.push(k);
    return found[k] ?? [];
  });
  assert.deepEqual(v[0]?.own, [{ ruleId: 'stripe-key', confidence: 'high' }]);
  assert.deepEqual(v[2]?.own, [{ ruleId: 'generic-api-key', confidence: 'medium' }]);
  assert.deepEqual(v[1]?.own, [{ ruleId: 'github-pat', confidence: 'high' }]);
  assert.deepEqual(v[4]?.own, [{ ruleId: 'jwt', confidence: 'medium' }]);
  // Only cases that share a value are re-detected.
  assert.deepEqual(asked.sort(), [0, 2, 3, 4]);
});

it("each case is scored by its own rule, not by the rule of the case that shares its value", () => {
  const byReport = verdictsOf(report, 6, () => []);
  const attributed = verdictsOf(report, 6, (k) => found[k] ?? []);
  const hits = (vs: typeof byReport): number[] => vs.flatMap((x, k) => (scoredRules(x).length ? [k] : []));
  // Which cases are hit does not depend on attribution.
  assert.deepEqual(hits(attributed), [0, 1, 2, 3, 4]);
  assert.deepEqual(hits(byReport), [0, 1, 2, 3, 4]);
  // The report's rule for case 2 is case 0's; the rule case 2 is scored by is the one that fired there.
  assert.deepEqual(attributed[2]?.rules, [{ ruleId: 'stripe-key', confidence: 'high' }]);
  assert.deepEqual(scoredRules(attributed[2] ?? { rules: [], own: [] }), [{ ruleId: 'generic-api-key', confidence: 'medium' }]);
  for (const v of attributed) assert.deepEqual(scoredRules(v), v.own);
  // With nothing found at a shared place, the report's rule is all there is to score by.
  assert.deepEqual(scoredRules(byReport[2] ?? { rules: [], own: [] }), [{ ruleId: 'stripe-key', confidence: 'high' }]);
});
