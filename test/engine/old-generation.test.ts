// Holding the old generation near its live size (src/engine/old-generation.ts): checked in a fresh
// process that promotes a stream of short-lived texts (each outlives a few scavenges), counting the
// full collections. Held, V8 collects several times as often; let go, it is back to its own pace.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';

const MODULE = new URL('../../src/engine/old-generation.ts', import.meta.url).href;

/** Full (mark-compact) collections during the load, with the old generation held, let go, or neither. */
function fullCollections(mode: 'free' | 'hold' | 'hold-release' | 'later' | 'later-release'): number {
  const script = `
    const { holdOldGeneration, holdOldGenerationAfter, releaseOldGeneration } = await import(${JSON.stringify(MODULE)});
    ${mode === 'hold' || mode === 'hold-release' ? 'holdOldGeneration();' : ''}
    ${mode === 'later' || mode === 'later-release' ? 'holdOldGenerationAfter(5);' : ''}
    ${mode.endsWith('-release') ? 'releaseOldGeneration();' : ''}
    const { PerformanceObserver, constants } = await import('node:perf_hooks');
    let majors = 0;
    new PerformanceObserver((l) => { for (const e of l.getEntries()) if (e.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) majors++; }).observe({ entryTypes: ['gc'] });
    const live = [];
    for (let i = 0; i < 6000; i++) {
      live.push(Buffer.alloc(64 * 1024, i % 250).toString('latin1'));
      if (live.length > 400) live.shift();
      if (i % 100 === 0) await new Promise((r) => setImmediate(r));
    }
    await new Promise((r) => setTimeout(r, 50));
    console.log(majors);`;
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }).trim());
}

describe('holding the old generation', () => {
  it('makes V8 collect the promoted garbage several times as often, until let go', () => {
    const free = fullCollections('free');
    const held = fullCollections('hold');
    const released = fullCollections('hold-release');
    assert.ok(held >= 2 * Math.max(free, 1), `held ${held} full collections, free ${free}`);
    assert.ok(released <= free + 1, `let go: ${released} full collections, free ${free}`);
  });

  it('holds it after a delay, unless let go before (a pool starting its workers)', () => {
    const free = fullCollections('free');
    const later = fullCollections('later');
    const cancelled = fullCollections('later-release');
    assert.ok(later >= 2 * Math.max(free, 1), `held after 5 ms: ${later} full collections, free ${free}`);
    assert.ok(cancelled <= free + 1, `let go before: ${cancelled} full collections, free ${free}`);
  });
});
