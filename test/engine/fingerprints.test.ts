// Keyless fingerprints computed in the scan's own threads (src/engine/fingerprints.ts) are the ones
// libuv's pool computed (slowFingerprint), whether this thread, the workers or both compute them, and
// a worker that dies hands its jobs back.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import { Fingerprinter, slowFingerprint, slowFingerprintSync } from '../../src/core/fingerprint.ts';
import type { Fragment } from '../../src/core/types.ts';
import { builtinRuleSpecs } from '../../src/data/builtin.ts';
import { InlineDetector } from '../../src/engine/detector.ts';
import { FingerprintQueue } from '../../src/engine/fingerprints.ts';
import { PoolDetector, type PoolRules } from '../../src/engine/pool.ts';
import { compileRuleSet } from '../../src/rules/ruleset.ts';

const rules: PoolRules = { specs: builtinRuleSpecs(), options: {} };
const ruleSet = compileRuleSet(rules.specs, rules.options);
const values = Array.from({ length: 6 }, (_, i) => `value-${i}-${'x'.repeat(i)}`);
const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const expected = Promise.all(values.map((v) => slowFingerprint(v)));
/** A fragment that starts the pool's workers (inlineBytes 0). */
const starter: Fragment = { path: 'a.txt', text: 'nothing here\n', origin: 'file' };

describe('slowFingerprintSync', () => {
  it('is slowFingerprint computed in the calling thread (trimmed value)', async () => {
    assert.equal(slowFingerprintSync(' Dragon#2023x\n'), await slowFingerprint('Dragon#2023x'));
  });
});

describe('FingerprintQueue', () => {
  it('computes each value in this thread, between turns of the event loop', async () => {
    const queue = new FingerprintQueue();
    let turns = 0;
    const ticking = setInterval(() => turns++, 0);
    try {
      assert.deepEqual(await Promise.all(values.map((v) => queue.add(v))), await expected);
    } finally {
      clearInterval(ticking);
    }
    assert.ok(turns > 0, 'the event loop turned while fingerprints were computed');
  });
});

describe('fingerprints in the scan threads', () => {
  it('inline detector: the values of slowFingerprint', async () => {
    const d = new InlineDetector(ruleSet);
    assert.deepEqual(await Promise.all(values.map((v) => d.fingerprint(v))), await expected);
  });

  it('pool: the workers and this thread give the values of slowFingerprint', async () => {
    const d = new PoolDetector(ruleSet, { threads: 2, rules, inlineBytes: 0 });
    try {
      await d.detect(starter);
      const f = new Fingerprinter(undefined, (v) => d.fingerprint(v));
      assert.deepEqual(await Promise.all(values.map((v) => f.of(v))), await expected);
    } finally {
      await d.close();
    }
  });

  it('pool: the workers take jobs as they ask for them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kw-fp-'));
    dirs.push(dir);
    // Answers batches with nothing and fingerprints with a marker, so that its share shows.
    const fake = [
      "import { parentPort } from 'node:worker_threads';",
      'parentPort.on(\'message\', (m) => parentPort.postMessage(m.fingerprint ? { fingerprint: { id: m.fingerprint.id, hex: \'from-worker\' } } : { quiet: m.batch.map((i) => i.id), chars: m.batch.map(() => -1), results: [], skipped: {} }));',
    ].join('\n');
    writeFileSync(join(dir, 'fake.mjs'), fake);
    const d = new PoolDetector(ruleSet, { threads: 2, rules, inlineBytes: 0, entry: pathToFileURL(join(dir, 'fake.mjs')) });
    try {
      await d.detect(starter);
      const got = await Promise.all(values.map((v) => d.fingerprint(v)));
      const want = await expected;
      assert.ok(got.some((g) => g === 'from-worker'), 'the worker computed some');
      for (const [i, g] of got.entries()) assert.ok(g === 'from-worker' || g === want[i]);
    } finally {
      await d.close();
    }
  });

  it('pool: jobs of a worker that fails are computed here', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kw-fp-'));
    dirs.push(dir);
    // Starts, then dies at its first message.
    writeFileSync(join(dir, 'dies.mjs'), "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => process.exit(3));\n");
    const warnings: string[] = [];
    const d = new PoolDetector(ruleSet, { threads: 2, rules, inlineBytes: 0, entry: pathToFileURL(join(dir, 'dies.mjs')), onWarning: (m) => void warnings.push(m) });
    try {
      const found = d.detect(starter);
      assert.deepEqual(await Promise.all(values.map((v) => d.fingerprint(v))), await expected);
      await found;
    } finally {
      await d.close();
    }
    assert.match(warnings.join('\n'), /detector worker failed/);
  });
});
