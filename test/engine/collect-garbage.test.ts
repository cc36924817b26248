// Each thread of a pool collects its old generation itself (src/engine/old-generation.ts
// collectGarbage): the policy, the gc() it takes (and the flag it puts back), and in a fresh process
// that promotes a stream of short-lived texts, the peak of its old generation with and without it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { runInNewContext } from 'node:vm';
import { describe, it } from 'node:test';
import { exposedGc, GarbageCollector } from '../../src/engine/old-generation.ts';

const MODULE = new URL('../../src/engine/old-generation.ts', import.meta.url).href;

describe('GarbageCollector', () => {
  it('collects when the old generation holds `after` more than at its last low, and follows the lows', () => {
    let used = 100;
    let collections = 0;
    const c = new GarbageCollector(
      () => used,
      () => {
        collections++;
        used = 50;
      },
      10,
    );
    used = 110;
    assert.equal(c.poll(), false);
    used = 111;
    assert.equal(c.poll(), true);
    assert.equal(collections, 1);
    // V8 collected by itself: the new low counts.
    used = 30;
    assert.equal(c.poll(), false);
    used = 45;
    assert.equal(c.poll(), true);
    assert.equal(collections, 2);
  });
});

describe('exposedGc', () => {
  it('gives a function that collects, and leaves --expose-gc off', () => {
    const gc = exposedGc();
    assert.equal(typeof gc, 'function');
    gc?.();
    assert.equal(runInNewContext('typeof gc'), 'undefined');
  });
});

/** The old generation's peak (MB) while a stream of texts is promoted and dropped. */
function oldPeak(collect: boolean): number {
  const script = `
    const { collectGarbage, stopCollecting } = await import(${JSON.stringify(MODULE)});
    const v8 = await import('node:v8');
    ${collect ? 'collectGarbage();' : ''}
    const used = () => v8.getHeapSpaceStatistics().filter((s) => s.space_name === 'old_space' || s.space_name === 'large_object_space').reduce((n, s) => n + s.space_used_size, 0);
    let peak = 0;
    const live = [];
    for (let i = 0; i < 12000; i++) {
      live.push(Buffer.alloc(64 * 1024, i % 250).toString('latin1'));
      if (live.length > 600) live.shift();
      if (i % 20 === 0) { peak = Math.max(peak, used()); await new Promise((r) => setTimeout(r, 1)); }
    }
    stopCollecting();
    console.log(Math.round(peak / 1048576));`;
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }).trim());
}

describe('collectGarbage', () => {
  it('keeps the old generation near its live size where V8 lets garbage pile up', () => {
    const free = oldPeak(false);
    const collected = oldPeak(true);
    // 600 live texts of 64 KB (37.5 MB): V8 let 180-230 MB pile up, collected 93 MB.
    assert.ok(free >= 1.5 * collected, `free ${free} MB, collected ${collected} MB at the peak`);
  });
});

describe('giveBackHeap', () => {
  /** New space (MB) after a load grows it, then after `call` (giveBackHeap, or a FingerprintQueue's or ThreadFingerprinter's first value). */
  function youngBeforeAfter(call: string): { before: number; after: number; result: unknown } {
    const script = `
      const { giveBackHeap } = await import(${JSON.stringify(MODULE)});
      const { FingerprintQueue, ThreadFingerprinter } = await import(${JSON.stringify(new URL('../../src/engine/fingerprints.ts', import.meta.url).href)});
      const v8 = process.getBuiltinModule('node:v8');
      const young = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size / 1048576;
      let live = new Array(64);
      for (let i = 0; i < 20000; i++) {
        live[i % 64] = Buffer.alloc(32 * 1024, i).toString('latin1');
        if (i % 50 === 0) await new Promise((r) => setTimeout(r, 1));
      }
      live = undefined;
      const before = young();
      const result = ${call};
      console.log(JSON.stringify({ before, after: young(), result: result === undefined ? null : typeof result }));`;
    return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }).trim());
  }

  it('shrinks the young generation a large load grew, and leaves a heap with little slack alone', () => {
    const control = youngBeforeAfter('undefined');
    assert.ok(control.before >= 32 && control.after === control.before, `grown by the load: ${control.before} MB`);
    const given = youngBeforeAfter('giveBackHeap()');
    assert.equal(given.result, 'boolean');
    assert.ok(given.after <= 8, `${given.before} -> ${given.after} MB`);
    const kept = youngBeforeAfter('giveBackHeap(1024 * 1048576)');
    assert.equal(kept.after, kept.before, 'less slack than asked for: no collection');
  });

  it('runs before the first fingerprint of a FingerprintQueue and of a ThreadFingerprinter', () => {
    const queue = youngBeforeAfter("new FingerprintQueue().add('value-1')");
    assert.ok(queue.after <= 8, `queue: ${queue.before} -> ${queue.after} MB`);
    const thread = youngBeforeAfter("new ThreadFingerprinter().compute('value-1')");
    assert.ok(thread.after <= 8, `thread: ${thread.before} -> ${thread.after} MB`);
  });
});
