#!/usr/bin/env node
// Keyword-prefilter candidates side by side, in one process over the same texts: the WebAssembly
// 4-gram scanner confirming its marks in WebAssembly too (the one in use), the JS 3-gram scanner and V8's regex over the keyword alternation
// (src/core/prefilter.ts builds all three), with `toLowerCase` alone and the latin1 copy into
// WebAssembly memory alone for scale. CPU time of this thread, median of the rounds; each scanner
// must find the same hits, or the bench fails.
//
//   npm run bench:prefilter -- <directory of text files> [--rounds 5] [--readme]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type KeywordScan, keywordScanners } from '../src/core/prefilter.ts';
import { builtinRuleSpecs } from '../src/data/builtin.ts';
import { corpusName, cpuRounds, machineLine, throughputTable, updateReadme } from './measure.mjs';

const { values, positionals } = parseArgs({ options: { rounds: { type: 'string', default: '5' }, readme: { type: 'boolean' } }, allowPositionals: true });
const dir = positionals[0];
if (!dir) {
  console.error('usage: npm run bench:prefilter -- <directory of text files> [--rounds 5] [--readme]');
  process.exit(2);
}
const rounds = Number(values.rounds);

function* walk(d: string): Generator<string> {
  for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (e.name === '.git') continue;
    const p = join(d, e.name);
    if (e.isDirectory()) yield* walk(p);
    else if (e.isFile() && statSync(p).size < 10 * 1024 * 1024) yield p;
  }
}
const texts: string[] = [];
for (const p of walk(dir)) {
  const b = readFileSync(p);
  if (!b.subarray(0, 8000).includes(0)) texts.push(b.toString('utf8'));
}
const chars = texts.reduce((n, t) => n + t.length, 0);
const all = [...new Set(builtinRuleSpecs().flatMap(({ spec }) => spec.keywords.map((k) => k.toLowerCase())))].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
const scanners = keywordScanners(all);
const copy = Buffer.alloc(1 << 19);

const candidates: { name: string; run: (t: string) => number }[] = [
  { name: 'WebAssembly: 4-grams at even offsets, a rare representative per keyword (in use)', run: (t) => scanners.wasm?.(t).length ?? Number.NaN },
  { name: 'JS 3-gram bitmap scanner', run: (t) => scanners.gram?.(t).length ?? Number.NaN },
  { name: 'V8 regex `/gi` over the keyword alternation', run: (t) => scanners.regex?.(t).length ?? Number.NaN },
  { name: '(scale) `toLowerCase` alone', run: (t) => t.toLowerCase().length },
  {
    name: '(scale) latin1 copy into a buffer alone',
    run: (t) => {
      let n = 0;
      for (let s = 0; s < t.length; s += copy.length) n += copy.write(t.slice(s, s + copy.length), 0, 'latin1');
      return n;
    },
  },
];

const hitsOf = (scan: KeywordScan | undefined): string => (scan ? texts.map((t) => scan(t).join(',')).join('\n') : '');
const expected = hitsOf(scanners.wasm);
for (const name of ['gram', 'regex'] as const) {
  if (hitsOf(scanners[name]) !== expected) throw new Error(`the ${name} scanner's hits differ from the WebAssembly scanner's`);
}

const samples = cpuRounds(candidates, rounds, (c) => {
  for (const t of texts) c.run(t);
});
const corpus = corpusName(dir);
const lines = [
  `${corpus}: ${texts.length.toLocaleString('en')} text files, ${(chars / 1e6).toFixed(1)} M characters, ${all.length} keywords; ${machineLine(rounds).replace('alternated runs', 'rounds in one process')}; identical hits checked`,
  '',
  ...throughputTable(candidates, samples, chars),
];
const out = lines.join('\n');
console.log(out);
if (values.readme) updateReadme('prefilter', out);
