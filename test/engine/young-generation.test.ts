// The young generation stops growing once held (src/engine/young-generation.ts): checked in a fresh
// process that decodes a stream of buffers into strings, keeping the last few alive, the pattern
// under which V8 grows it to its maximum (texts in flight while the next ones are read).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const MODULE = new URL('../../src/engine/young-generation.ts', import.meta.url).href;
const MB = 1024 * 1024;

/** Size of the young generation (new space, MB) after the load: held at `at` bytes, at the default, or not held. */
function youngAfterLoad(at: number | 'default' | undefined): number {
  const script = `
    const { holdYoungGeneration } = await import(${JSON.stringify(MODULE)});
    ${at === undefined ? '' : `holdYoungGeneration(${at === 'default' ? '' : at});`}
    const v8 = process.getBuiltinModule('node:v8');
    const live = new Array(64);
    for (let i = 0; i < 20000; i++) {
      live[i % 64] = Buffer.alloc(32 * 1024, i).toString('latin1');
      if (i % 50 === 0) await new Promise((r) => setTimeout(r, 1));
    }
    console.log(v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size / ${MB});`;
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }).trim());
}

describe('holding the young generation', () => {
  it('stops its growth at the size asked for, where V8 would grow it much further', () => {
    const free = youngAfterLoad(undefined);
    assert.ok(free >= 64, `not held, the load grows it (${free} MB)`);
    // Polled: growth stops at the first poll after the size is reached (a doubling or two later at most).
    const small = youngAfterLoad(4 * MB);
    assert.ok(small >= 4 && small <= 16, `held at 4 MB: ${small} MB`);
  });

  it('holds at 16 MB by default', () => {
    const held = youngAfterLoad('default');
    assert.ok(held >= 16 && held < 64, `${held} MB`);
  });
});

describe('letting the young generation go', () => {
  const SOURCE = 'function f(a) { return a + 1; } f(1);';

  /** Whether a new process takes the code cache a process wrote after holding its young generation (and letting it go, or not). */
  function cacheTaken(release: boolean): boolean {
    const file = join(mkdtempSync(join(tmpdir(), 'kw-young-')), 'cache');
    const write = `
      const { holdYoungGeneration, releaseYoungGeneration } = await import(${JSON.stringify(MODULE)});
      const vm = await import('node:vm');
      const script = new vm.Script(${JSON.stringify(SOURCE)});
      holdYoungGeneration(${MB});
      const live = new Array(64);
      for (let i = 0; i < 4000; i++) {
        live[i % 64] = Buffer.alloc(32 * 1024, i).toString('latin1');
        if (i % 50 === 0) await new Promise((r) => setTimeout(r, 1));
      }
      ${release ? 'releaseYoungGeneration();' : ''}
      (await import('node:fs')).writeFileSync(${JSON.stringify(file)}, script.createCachedData());`;
    execFileSync(process.execPath, ['--input-type=module', '-e', write]);
    const read = `
      const vm = await import('node:vm');
      const cachedData = (await import('node:fs')).readFileSync(${JSON.stringify(file)});
      console.log(new vm.Script(${JSON.stringify(SOURCE)}, { cachedData }).cachedDataRejected ? 'refused' : 'taken');`;
    return execFileSync(process.execPath, ['--input-type=module', '-e', read], { encoding: 'utf8' }).trim() === 'taken';
  }

  it('puts the flag back, so that a code cache written at exit is taken by the next start', () => {
    assert.equal(cacheTaken(false), false, 'written while held, the cache is refused (the control)');
    assert.equal(cacheTaken(true), true);
  });
});

describe("a worker's young generation", () => {
  /**
   * New space (MB) of a worker created under the process-wide hold, when it starts and after a load
   * (`first`), and of a worker created after it (`later`); `fixed`: the first is created between
   * startWorkersYoungGenerationAt and its return's call.
   */
  function workerYoung(fixed: boolean): { first: [number, number]; later: [number, number] } {
    const script = `
      const { startWorkersYoungGenerationAt } = await import(${JSON.stringify(MODULE)});
      const { Worker } = await import('node:worker_threads');
      const v8 = process.getBuiltinModule('node:v8');
      // The main thread's hold reached before the worker grew: V8 grows no young generation from now on.
      v8.setFlagsFromString('--semi-space-growth-factor=1');
      const body = \`
        const { parentPort } = process.getBuiltinModule('node:worker_threads');
        const v8 = process.getBuiltinModule('node:v8');
        const young = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size / ${MB};
        const start = young();
        const live = new Array(64);
        for (let i = 0; i < 4000; i++) live[i % 64] = Buffer.alloc(32 * 1024, i).toString('latin1');
        parentPort.postMessage([start, young()]);\`;
      const young = (w) => new Promise((resolve) => w.once('message', (mb) => w.terminate().then(() => resolve(mb))));
      const limits = { resourceLimits: { maxYoungGenerationSizeMb: 16 } };
      const done = ${fixed} ? startWorkersYoungGenerationAt(16) : () => {};
      const w = new Worker(body, { eval: true, ...limits });
      await new Promise((r) => w.once('online', r));
      done();
      const first = await young(w);
      const later = await young(new Worker(body, { eval: true, ...limits }));
      console.log(JSON.stringify({ first, later }));`;
    return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }).trim());
  }

  it('starts at its maximum, whatever the hold, and the flag is put back for workers created later', () => {
    const control = workerYoung(false);
    assert.ok(control.first[0] <= 2, `not fixed, it starts at V8's initial size (${control.first[0]} MB)`);
    const fixed = workerYoung(true);
    // Half of it in use from the start, both halves after the load's first collections.
    assert.deepEqual(fixed.first, [8, 16]);
    assert.ok(fixed.later[0] <= 2, `a worker created after the flag was put back starts small (${fixed.later[0]} MB)`);
  });
});
