// runScan bounds the text in flight to the detector by size, not only by count: large files cannot
// pile up in memory while workers are busy.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SkipCounter } from '../../src/core/detect.ts';
import type { Fragment, Match } from '../../src/core/types.ts';
import { testFingerprintOf } from '../helpers/report.ts';
import type { Detector } from '../../src/engine/detector.ts';
import { MAX_INFLIGHT_CHARS, runScan } from '../../src/engine/run.ts';
import type { Source } from '../../src/sources/source.ts';

/** A detector that answers each fragment a tick later and records the most text it held at once. */
class SlowDetector implements Detector {
  held = 0;
  most = 0;
  detect(fragment: Fragment): Promise<Match[]> {
    this.held += fragment.text.length;
    this.most = Math.max(this.most, this.held);
    return new Promise((resolve) =>
      setTimeout(() => {
        this.held -= fragment.text.length;
        resolve([]);
      }, 1),
    );
  }
  skipped(): SkipCounter {
    return {};
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

describe('runScan', () => {
  it('keeps at most 4 Mi characters of text in flight, however large the fragments', async () => {
    assert.equal(MAX_INFLIGHT_CHARS, 4 * 1024 * 1024);
    const big = 'x'.repeat(3 * 1024 * 1024);
    const source: Source = {
      label: 'big files',
      async *fragments() {
        for (let i = 0; i < 40; i++) yield { text: big, path: `f${i}.txt` };
      },
    };
    const detector = new SlowDetector();
    const result = await runScan(source, detector, { rules: [], fingerprintOf: testFingerprintOf });
    assert.equal(result.stats.fragments, 40);
    assert.ok(detector.most <= MAX_INFLIGHT_CHARS + big.length, `held ${detector.most} chars`);
    assert.ok(detector.most >= 2 * big.length, 'still pipelines several fragments');
  });
});
