// The WebAssembly scanner's committed bytes are the compiled form of its committed source, and its
// hits do not depend on which representative grams it picks for the keywords.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { wasmScanner } from '../../src/core/gram-scan.ts';
import { keywordScanners } from '../../src/core/prefilter.ts';
import { rng } from '../../src/rules/examples.ts';

describe('gram-scan-bytes.ts', () => {
  it('is what scripts/wasm.mjs compiles from gram-scan.wat', () => {
    const r = spawnSync(process.execPath, [fileURLToPath(new URL('../../scripts/wasm.mjs', import.meta.url)), '--check'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  });
});

function randomWord(rand: () => number, alphabet: string, min: number, max: number): string {
  const n = min + Math.floor(rand() * (max - min + 1));
  return Array.from({ length: n }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
}

describe('wasmScanner', () => {
  it('finds the same hits as the JS gram scanner whichever representatives it picks (random picks, keywords at every offset parity)', () => {
    const rand = rng('gram-scan-representatives');
    for (let round = 0; round < 150; round++) {
      // Short keywords (two and three characters take grams with free codes around them), long
      // ones (a choice of inner grams, some past the first 16 characters), shared starts and ends.
      const stem = randomWord(rand, 'abk-', 3, 5);
      const words = Array.from({ length: 1 + Math.floor(rand() * 8) }, () => {
        const r = rand();
        if (r < 0.3) return randomWord(rand, 'abk-', 2, 3);
        if (r < 0.6) return stem + randomWord(rand, 'abk-', 0, 4);
        return randomWord(rand, 'abk-', 4, 22);
      });
      const all = [...new Set(words)].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
      const picks: number[] = [];
      const scan = wasmScanner(all, (_ki, _parity, options) => {
        const pick = Math.floor(rand() * options);
        picks.push(pick);
        return pick;
      });
      const reference = keywordScanners(all).gram;
      assert.ok(scan && reference);
      const pieces = [...all, ...all.map((k) => k.toUpperCase()), ...all.map((k) => k.slice(1)), ...all.map((k) => k.slice(0, -1)), 'x', ' ', '\n'];
      for (const length of [0, 1, 7, 64, 600]) {
        let text = '';
        while (text.length < length) text += pieces[Math.floor(rand() * pieces.length)];
        assert.deepEqual([...scan(text)], [...(reference(text) ?? [])], `keywords ${JSON.stringify(all)}, picks ${picks.join(',')}, text ${JSON.stringify(text)}`);
      }
    }
  });

  it('finds the same hits after it picks its representatives again from the first 256 KiB counted', () => {
    // The first text (a sample where `ab` is everywhere) and the 256 KiB after it choose differently.
    const all = ['abcdefgh', 'cdef', 'abc', 'ab'];
    const scan = wasmScanner(all);
    const reference = keywordScanners(all).gram;
    assert.ok(scan && reference);
    const rand = rng('gram-scan-resample');
    const texts = ['ab'.repeat(500), ...Array.from({ length: 12 }, () => randomWord(rand, 'abcdefgh AB', 30_000, 60_000))];
    for (const text of texts) assert.deepEqual([...scan(text)], [...reference(text)]);
  });
});
