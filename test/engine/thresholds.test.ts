// The one severity order (and confidence order) and the thresholds built on it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CONFIDENCES, SEVERITIES, confidenceRank, emptyStats, severityRank, type Finding } from '../../src/core/types.ts';
import { applyThresholds, atLeastConfidence, atLeastSeverity } from '../../src/engine/thresholds.ts';

describe('severity and confidence order', () => {
  it('ranks the worst severity and the highest confidence first', () => {
    assert.deepEqual(['low', 'critical', 'medium', 'high'].sort((a, b) => severityRank(a as Finding['severity']) - severityRank(b as Finding['severity'])), SEVERITIES);
    assert.deepEqual(['low', 'high', 'medium'].sort((a, b) => confidenceRank(a as Finding['confidence']) - confidenceRank(b as Finding['confidence'])), CONFIDENCES);
  });

  it('a threshold keeps what is at least as severe (or as confident) and counts the rest', () => {
    assert.ok(atLeastSeverity('critical', 'high') && atLeastSeverity('high', 'high') && !atLeastSeverity('medium', 'high'));
    assert.ok(atLeastConfidence('high', 'medium') && !atLeastConfidence('low', 'medium'));
    const finding = (severity: Finding['severity']): Finding => ({ severity, confidence: 'high' }) as Finding;
    const result = { findings: SEVERITIES.map(finding), stats: emptyStats(), errors: [], rules: [] };
    const kept = applyThresholds(result, { minSeverity: 'high' });
    assert.deepEqual(kept.findings.map((f) => f.severity), ['critical', 'high']);
    assert.equal(kept.stats.skipped['below-threshold'], 2);
  });
});
