// The one severity order (and confidence order) and the thresholds built on it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CONFIDENCES, SEVERITIES, confidenceRank, emptyStats, severityRank, type Secret } from '../../src/core/types.ts';
import { applyThresholds, atLeastConfidence, atLeastSeverity } from '../../src/engine/thresholds.ts';

describe('severity and confidence order', () => {
  it('ranks the worst severity and the highest confidence first', () => {
    assert.deepEqual(['low', 'critical', 'medium', 'high'].sort((a, b) => severityRank(a as Secret['severity']) - severityRank(b as Secret['severity'])), SEVERITIES);
    assert.deepEqual(['low', 'high', 'medium'].sort((a, b) => confidenceRank(a as Secret['confidence']) - confidenceRank(b as Secret['confidence'])), CONFIDENCES);
  });

  it('a threshold keeps what is at least as severe (or as confident) and counts the rest', () => {
    assert.ok(atLeastSeverity('critical', 'high') && atLeastSeverity('high', 'high') && !atLeastSeverity('medium', 'high'));
    assert.ok(atLeastConfidence('high', 'medium') && !atLeastConfidence('low', 'medium'));
    const secret = (severity: Secret['severity']): Secret => ({ severity, confidence: 'high' }) as Secret;
    const result = { secrets: SEVERITIES.map(secret), stats: emptyStats(), errors: [], rules: [] };
    const kept = applyThresholds(result, { minSeverity: 'high' });
    assert.deepEqual(kept.secrets.map((f) => f.severity), ['critical', 'high']);
    assert.equal(kept.stats.skipped['below-threshold'], 2);
  });
});
