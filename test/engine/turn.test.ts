// runScan lets the event loop turn every TURN_MS, even when neither the source nor the detector ever
// waits (a directory read synchronously, detection in this thread): timers run (the young
// generation's hold) and so would the pool's workers' answers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SkipCounter } from '../../src/core/detect.ts';
import type { Fragment, Match } from '../../src/core/types.ts';
import type { Detector } from '../../src/engine/detector.ts';
import { runScan, TURN_MS } from '../../src/engine/run.ts';
import type { Source } from '../../src/sources/source.ts';
import { testFingerprintOf } from '../helpers/report.ts';

/** Answers at once, after `ms` of busy work per fragment. */
class BusyDetector implements Detector {
  private readonly ms: number;
  constructor(ms: number) {
    this.ms = ms;
  }
  detect(_fragment: Fragment): Promise<Match[]> {
    const until = performance.now() + this.ms;
    while (performance.now() < until);
    return Promise.resolve([]);
  }
  skipped(): SkipCounter {
    return {};
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

describe('runScan and the event loop', () => {
  it('lets timers run during a scan that never waits', async () => {
    const source: Source = {
      label: 'synchronous',
      async *fragments() {
        for (let i = 0; i < 400; i++) yield { text: `line ${i}\n`, path: `f${i}.txt` };
      },
    };
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    try {
      // 400 x 0.1 ms: 40 ms of work, 20 times TURN_MS.
      await runScan(source, new BusyDetector(0.1), { rules: [], fingerprintOf: testFingerprintOf });
    } finally {
      clearInterval(timer);
    }
    assert.ok(ticks >= 5, `a 1 ms timer ran ${ticks} times in 40 ms of scanning`);
    assert.ok(TURN_MS <= 5, `the loop turns every ${TURN_MS} ms`);
  });
});
