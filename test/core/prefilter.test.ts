// The prefilter's gram scanner (the fast path for ASCII keywords, see src/core/prefilter.ts) must give
// exactly the hits of the case-insensitive alternation it replaced: same offsets, same longest keyword.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeRegex, keywordScanners, Prefilter, type KeywordHit } from '../../src/core/prefilter.ts';
import { rng } from '../../src/rules/examples.ts';

/** The former implementation: one `gi` alternation, longest keyword first, stepping one char per hit. */
function alternationHits(keywords: readonly string[], text: string): KeywordHit[] {
  const all = [...new Set(keywords.map((k) => k.toLowerCase()))].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  const re = new RegExp(all.map(escapeRegex).join('|'), 'gi');
  const out: KeywordHit[] = [];
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push({ keyword: m[0].toLowerCase(), offset: m.index });
    re.lastIndex = m.index + 1;
  }
  return out;
}

function randomWord(rand: () => number, alphabet: string, min: number, max: number): string {
  const n = min + Math.floor(rand() * (max - min + 1));
  return Array.from({ length: n }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
}

describe('Prefilter gram scanner', () => {
  it('matches the alternation on random keyword sets and texts (mixed case, overlaps, text edges)', () => {
    const rand = rng('prefilter-fuzz');
    for (let round = 0; round < 300; round++) {
      const keywords = Array.from({ length: 1 + Math.floor(rand() * 12) }, () => randomWord(rand, 'abcs_-.0', 2, 7));
      // U+0141 and U+0161 keep the low bytes of 'A' and 'a' in the WebAssembly scanner's latin1 copy.
      const text = randomWord(rand, 'abcsABCS_-.0 \n\u212a\u0131é\u0141\u0161', 0, 400);
      const pf = new Prefilter([keywords]);
      assert.deepEqual(pf.hits(text), alternationHits(keywords, text), `keywords ${JSON.stringify(keywords)}`);
    }
  });

  it('finds keywords of 6+ characters that share a start with others, next to near misses in their 5th and 6th characters', () => {
    // The WebAssembly scanner may list such keywords under one gram, or under grams from their insides, at either parity.
    const rand = rng('prefilter-long-starts');
    for (let round = 0; round < 200; round++) {
      const start = randomWord(rand, 'abk-_', 4, 4);
      const keywords = Array.from({ length: 1 + Math.floor(rand() * 6) }, () => start + randomWord(rand, 'abk-_.', 2, 5));
      if (rand() < 0.3) keywords.push(randomWord(rand, 'abk', 2, 3)); // a short keyword that may begin the same gram
      const pieces = keywords.flatMap((k) => [k, k.toUpperCase(), k.slice(0, 5), k.slice(0, 4) + randomWord(rand, 'abk-_.', 1, 3), k.slice(0, -1)]);
      const text = Array.from({ length: 40 }, () => pieces[Math.floor(rand() * pieces.length)] + randomWord(rand, 'abk-_. \n', 0, 2)).join('');
      const pf = new Prefilter([keywords]);
      assert.deepEqual(pf.hits(text), alternationHits(keywords, text), `keywords ${JSON.stringify(keywords)}`);
    }
  });

  it('matches the alternation across the WebAssembly scanner\'s chunk boundaries, with the built-in keywords', async () => {
    const { builtinRuleSpecs } = await import('../../src/data/builtin.ts');
    const keywords = builtinRuleSpecs().flatMap((s) => s.spec.keywords);
    const rand = rng('prefilter-chunks');
    const words = [...keywords, ...keywords.map((k) => k.toUpperCase()), ' ', '\n', 'x', '\u0141', 'é', '='];
    let text = '';
    while (text.length < 300_000) text += words[Math.floor(rand() * words.length)];
    const pf = new Prefilter([keywords]);
    assert.deepEqual(pf.hits(text), alternationHits(keywords, text));
    const edge = `${'z'.repeat((1 << 18) - 2)}password${'z'.repeat(1 << 18)}sk`;
    assert.deepEqual(pf.hits(edge), alternationHits(keywords, edge));
    // The module confirms keywords in its own copy: one that starts just before a chunk's end is read whole.
    for (const back of [1, 4, 10, 36]) {
      const long = `${'z'.repeat((1 << 18) - back)}-----BEGIN PGP PRIVATE KEY BLOCK-----`;
      assert.deepEqual(pf.hits(long), alternationHits(keywords, long), `keyword ${back} characters before the chunk's end`);
    }
  });

  it('matches the alternation with the built-in keywords planted at every offset near chunk and text ends (mixed case, non-ASCII)', async () => {
    const { builtinRuleSpecs } = await import('../../src/data/builtin.ts');
    const keywords = [...new Set(builtinRuleSpecs().flatMap((s) => s.spec.keywords))];
    const pf = new Prefilter([keywords]);
    // The JS gram scanner, itself checked against the alternation above (which is slow on 256 K characters).
    const all = [...new Set(keywords.map((k) => k.toLowerCase()))].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
    const reference = keywordScanners(all).gram;
    assert.ok(reference);
    const rand = rng('prefilter-edges');
    const CHUNK = 1 << 18;
    const filler = 'az_- \n0é\u0141\u0161\u212a';
    const variant = (k: string): string => Array.from(k, (ch) => (rand() < 0.5 ? ch.toUpperCase() : ch)).join('');
    const noise = randomWord(rand, filler, CHUNK + 8, CHUNK + 8);
    const pick = (): string => keywords[Math.floor(rand() * keywords.length)] ?? 'password';
    // The module takes four bytes a turn: every residue of the text's length and of a keyword's offset.
    for (let round = 0; round < 48; round++) {
      const keyword = variant(pick());
      const at = CHUNK - 40 + Math.floor(rand() * 48);
      const head = noise.slice(0, at);
      const tail = randomWord(rand, filler, 0, 9);
      const text = `${head}${keyword}${variant(pick())}${tail}${variant(pick())}`;
      assert.deepEqual(pf.scan(text), reference(text), `keyword ${JSON.stringify(keyword)} at ${at}`);
      const short = `${randomWord(rand, filler, 0, 7)}${keyword}`;
      assert.deepEqual(pf.scan(short), reference(short), `keyword ${JSON.stringify(keyword)} at the text's end`);
    }
  });

  it('selects for each hit the rules of its keyword and of the keywords inside it (by keyword index, as by name)', () => {
    const rand = rng('prefilter-rules');
    for (let round = 0; round < 100; round++) {
      const keywordsByRule = Array.from({ length: 1 + Math.floor(rand() * 6) }, () => Array.from({ length: 1 + Math.floor(rand() * 3) }, () => randomWord(rand, 'abk_-', 2, 6)));
      const pf = new Prefilter(keywordsByRule);
      const text = randomWord(rand, 'abkABK_- \n', 0, 300);
      // By name: a hit of keyword k selects the rules of k, then of each other keyword inside k.
      const keywords = [...new Set(keywordsByRule.flat())];
      const byName = new Map<number, number[]>();
      for (const h of alternationHits(keywords, text)) {
        const inside = [h.keyword, ...keywords.filter((k) => k !== h.keyword && h.keyword.includes(k))];
        const rules = [...new Set(inside.flatMap((k) => keywordsByRule.flatMap((ks, i) => (ks.includes(k) ? [i] : []))))];
        for (const r of rules) {
          const list = byName.get(r) ?? [];
          if (list[list.length - 1] !== h.offset) list.push(h.offset);
          byName.set(r, list);
        }
      }
      assert.deepEqual([...pf.hitsByRule(pf.scan(text))], [...byName], `rules ${JSON.stringify(keywordsByRule)}`);
      // Again on the same prefilter: nothing of the last call is left over.
      assert.deepEqual([...pf.hitsByRule(pf.scan(text))], [...byName], `again, rules ${JSON.stringify(keywordsByRule)}`);
    }
    // Each scanner gives the index of the keyword it found, as a pair after the offset.
    const all = ['password', 'pass', 'sk', 'ab'];
    const text = 'PASSWORD pass skab Sk';
    for (const name of ['wasm', 'gram', 'regex'] as const) {
      const hits = keywordScanners(all)[name]?.(text) ?? new Int32Array(0);
      assert.deepEqual([...hits], [0, 0, 9, 1, 14, 2, 16, 3, 19, 2], name);
    }
    // By name, one keyword inside another selects both rules, the outer first.
    const pf = new Prefilter([['secret'], ['client_secret']]);
    assert.deepEqual([...pf.hitsByRule(pf.scan('x client_secret y'))], [
      [1, [2]],
      [0, [2, 9]],
    ]);
  });

  it('finds no keyword in characters above U+00FF whose low bytes spell one (latin1 copy)', () => {
    // U+0170 U+0161 U+0173 U+016B: low bytes 'p', 'a', 's', 'k' in the module's copy.
    const pf = new Prefilter([['pass'], ['pa'], ['sk']]);
    const text = 'x\u0170\u0161\u0173\u0173 pa\u0173\u0173 ssk';
    assert.deepEqual(pf.hits(text), alternationHits(['pass', 'pa', 'sk'], text));
    assert.deepEqual(pf.hits(text), [{ keyword: 'pa', offset: 6 }, { keyword: 'sk', offset: 12 }]);
  });

  it('finds nested and adjacent keywords at their own offsets', () => {
    const pf = new Prefilter([['client_secret'], ['secret', 'sk'], ['pass', 'password']]);
    assert.deepEqual(pf.hits('CLIENT_SECRET=x PASSWORDsk'), [
      { keyword: 'client_secret', offset: 0 },
      { keyword: 'secret', offset: 7 },
      { keyword: 'password', offset: 16 },
      { keyword: 'sk', offset: 24 },
    ]);
  });

  it('builds the WebAssembly scanner only for 2+-character 7-bit keywords of at most 63 distinct characters', () => {
    const sorted = (ks: string[]) => [...ks].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
    const printable = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).filter((c) => c < 'A' || c > 'Z');
    assert.equal(printable.length, 69);
    const pairs = (chars: string[]) => sorted(chars.map((c, i) => `${c}${chars[(i + 1) % chars.length]}`));
    assert.ok(keywordScanners(pairs(printable.slice(0, 63))).wasm, '63 distinct characters fit');
    assert.equal(keywordScanners(pairs(printable.slice(0, 64))).wasm, undefined, '64 do not');
    assert.equal(keywordScanners(sorted(['password', 'x'])).wasm, undefined, 'a one-character keyword');
    assert.equal(keywordScanners(sorted(['password', 'clé'])).wasm, undefined, 'a non-ASCII keyword');
    assert.equal(keywordScanners(sorted(['password', 'a\u0000b'])).wasm, undefined, 'a NUL');
    assert.equal(keywordScanners([]).wasm, undefined, 'no keyword');
  });

  it('names the keyword the alternation matched even when its lower case is not that keyword (final sigma)', () => {
    // Without the `u` flag `i` folds by upper case: `λσ` matches `λς`, whose lower case is itself.
    const pf = new Prefilter([['λσ'], ['pass']]);
    assert.deepEqual(pf.hits('x λς ΛΣ'), [
      { keyword: 'λσ', offset: 2 },
      { keyword: 'λσ', offset: 5 },
    ]);
    assert.deepEqual([...pf.hitsByRule(pf.scan('x λς'))], [[0, [2]]]);
  });

  it('falls back to the alternation for one-character and non-ASCII keywords', () => {
    for (const keywords of [['x', 'password'], ['clé', 'pass']]) {
      const text = 'X clé CLÉ password';
      assert.deepEqual(new Prefilter([keywords]).hits(text), alternationHits(keywords, text));
    }
  });
});
