#!/usr/bin/env node
// The encoded-run search side by side, in one process over the same texts: the WebAssembly scanner
// (src/core/decode/run-scan.ts, the one in use), the reference regex scanner (runs.ts), and the
// whole of findEncodedSpans (the scanner in use, then the decoding of what it finds), each leaving
// quiet literals out with the text's keyword hits as a scan does. CPU time of this thread, median of
// the rounds; both scanners must give the same records, or the bench fails.
//
//   npm run bench:decode -- <directory of text files> [--rounds 5]
//   npm run bench:decode -- --git <repository> [--every 16] [--rounds 5]   (every Nth blob of its history)
import { parseArgs } from 'node:util';
import { findEncodedSpans } from '../src/core/decode/find.ts';
import { nativeRuns } from '../src/core/decode/run-scan.ts';
import { type QuietSkip, regexRuns } from '../src/core/decode/runs.ts';
import { builtinRuleSpecs } from '../src/data/builtin.ts';
import { compileRuleSet } from '../src/rules/ruleset.ts';
import { decodeText } from '../src/sources/decode-text.ts';
import { blobs, files } from './corpus.ts';
import { corpusName, cpuRounds, machineLine, throughputTable } from './measure.mjs';

const { values, positionals } = parseArgs({ options: { rounds: { type: 'string', default: '5' }, git: { type: 'string' }, every: { type: 'string', default: '16' } }, allowPositionals: true });
const dir = positionals[0];
if (!dir && !values.git) {
  console.error('usage: npm run bench:decode -- <directory of text files> | --git <repository> [--every 16] [--rounds 5]');
  process.exit(2);
}
const rounds = Number(values.rounds);
const noSkips = { onSkip() {} };

const texts: string[] = [];
for (const { bytes } of values.git ? blobs(values.git, Number(values.every)) : files(dir ?? '.')) {
  const text = decodeText(bytes, '', noSkips);
  if (text !== undefined) texts.push(text);
}
const chars = texts.reduce((n, t) => n + t.length, 0);
const ruleSet = compileRuleSet(builtinRuleSpecs());
const quiets: QuietSkip[] = texts.map((t) => ({ prefilter: ruleSet.prefilter, hits: ruleSet.prefilter.scan(t) }));

const records = (scan: (t: string, q: QuietSkip) => ArrayLike<number> | undefined): string => texts.map((t, i) => Array.from(scan(t, quiets[i] as QuietSkip) ?? []).join(',')).join('\n');
if (records(nativeRuns) !== records(regexRuns)) throw new Error("the WebAssembly scanner's records differ from the regex scanner's");
const fallbacks = texts.filter((t, i) => nativeRuns(t, quiets[i]) === undefined).length;

const candidates: { name: string; run: (t: string, q: QuietSkip) => number }[] = [
  { name: 'WebAssembly scanner (in use)', run: (t, q) => nativeRuns(t, q)?.length ?? 0 },
  { name: 'regex scanner (reference)', run: (t, q) => regexRuns(t, q).length },
  { name: 'findEncodedSpans: scanner in use, then decoding', run: (t, q) => findEncodedSpans(t, q).length },
];
const samples = cpuRounds(candidates, rounds, (c) => {
  for (let i = 0; i < texts.length; i++) c.run(texts[i] as string, quiets[i] as QuietSkip);
});
const corpus = values.git ? `${corpusName(values.git)} history, every ${values.every}th blob` : corpusName(dir ?? '.');
const lines = [
  `${corpus}: ${texts.length.toLocaleString('en')} texts, ${(chars / 1e6).toFixed(1)} M characters (${fallbacks} left to the regex scanner); ${machineLine(rounds).replace('alternated runs', 'rounds in one process')}; identical records checked`,
  '',
  ...throughputTable(candidates, samples, chars),
];
console.log(lines.join('\n'));
