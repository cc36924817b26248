// A Prefilter scans its first megabyte with the JavaScript gram scanner and builds the WebAssembly
// one only after (prefilter.ts WASM_AFTER_CHARS): a staged scan of a few files never pays for that
// build. The hits are the same on either side of the switch.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { builtinRuleSpecs } from '../../src/data/builtin.ts';
import { chooseScanner, keywordScanners, Prefilter, WASM_AFTER_CHARS, type KeywordHits, type ScannerBuilders } from '../../src/core/prefilter.ts';
import { rng } from '../../src/rules/examples.ts';

const KEYWORDS = [...new Set(builtinRuleSpecs().flatMap((s) => s.spec.keywords.map((k) => k.toLowerCase())))].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));

/** Source-like text with keywords of the built-in rules sprinkled in, in mixed case. */
function text(seed: number, length: number): string {
  const next = rng(`prefilter-first-megabyte-${seed}`);
  const words = ['const', 'value', 'return', '(', ')', '=', '"', '\n', ' ', 'options', 'λσ', ';'];
  let out = '';
  while (out.length < length) {
    const r = next();
    if (r < 0.08) {
      const k = KEYWORDS[Math.floor(next() * KEYWORDS.length)]!;
      out += next() < 0.5 ? k.toUpperCase() : k;
    } else out += words[Math.floor(next() * words.length)]!;
  }
  return out.slice(0, length);
}

describe('Prefilter: the first megabyte', () => {
  it('builds the WebAssembly scanner only once a megabyte has been scanned', () => {
    const built = { gram: 0, wasm: 0 };
    const real = keywordScanners(KEYWORDS);
    const builders: ScannerBuilders = {
      gram: () => {
        built.gram++;
        return real.gram;
      },
      wasm: () => {
        built.wasm++;
        return real.wasm;
      },
      regex: () => real.regex!,
    };
    const scan = chooseScanner(KEYWORDS, builders);
    const piece = text(1, 64 * 1024);
    for (let i = 0; i < WASM_AFTER_CHARS / piece.length; i++) scan(piece);
    assert.deepEqual(built, { gram: 1, wasm: 0 }, 'a megabyte of small texts: no WebAssembly build');
    scan(piece);
    scan(piece);
    assert.deepEqual(built, { gram: 1, wasm: 1 }, 'built once, past the megabyte');
  });

  it('gives the same hits before and after the switch as the reference scanner', () => {
    const prefilter = new Prefilter(KEYWORDS.map((k) => [k]));
    const reference = keywordScanners(KEYWORDS).regex!;
    let scanned = 0;
    for (let seed = 0; scanned < 2 * WASM_AFTER_CHARS; seed++) {
      const t = text(seed, 48 * 1024 + seed * 997);
      scanned += t.length;
      const got: KeywordHits = prefilter.scan(t);
      assert.deepEqual([...got], [...reference(t)], `text ${seed} (${scanned} characters scanned)`);
    }
  });
});
