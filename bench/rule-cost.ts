#!/usr/bin/env node
// Where detection's time goes, rule by rule: one pass over a corpus in this thread, each text
// detected as a scan does (src/engine/detector.ts detectAll: keyword scan, rules at their hits,
// encoded runs and their decoded views), with the detector's RuleClock timing each rule's run at
// each text (its windows, then its regex and filters). Prints the stages (keyword scan, rules in the
// plain text, encoded-run search and decoding, rules in decoded views) and the costliest rules.
// The texts are held in memory (sample a large corpus with --every); a warm-up round, then the
// medians of --rounds rounds. Times are this thread's wall clock (performance.now) around
// single-threaded work: on a busy machine they rise with the load, so compare rules within one run,
// and builds with CPU-seconds.
//
//   npm run bench:rules -- <directory> [--every 1] [--top 40] [--rounds 3]
//   npm run bench:rules -- --git <repository> [--every 16] [--top 40] [--rounds 3]   (every Nth blob of its history)
import { parseArgs } from 'node:util';
import { findEncodedSpans } from '../src/core/decode/find.ts';
import { detectWithHits, type RuleClock, type RuleRun, type RuleSet } from '../src/core/detect.ts';
import type { Fragment } from '../src/core/types.ts';
import { builtinRuleSpecs } from '../src/data/builtin.ts';
import { detectAll } from '../src/engine/detector.ts';
import { compileRuleSet } from '../src/rules/ruleset.ts';
import { decodeText } from '../src/sources/decode-text.ts';
import { blobs, files } from './corpus.ts';
import { corpusName } from './measure.mjs';

const { values, positionals } = parseArgs({ options: { git: { type: 'string' }, every: { type: 'string' }, top: { type: 'string', default: '40' }, rounds: { type: 'string', default: '3' } }, allowPositionals: true });
const dir = positionals[0];
if (!dir && !values.git) {
  console.error('usage: npm run bench:rules -- <directory> [--every 1] | --git <repository> [--every 16]; [--top 40] [--rounds 3]');
  process.exit(2);
}
const every = Number(values.every ?? (values.git ? 16 : 1));
const top = Number(values.top);
const rounds = Number(values.rounds);
if (![every, top, rounds].every((n) => Number.isInteger(n) && n >= 1)) {
  console.error('--every, --top and --rounds take a positive whole number');
  process.exit(2);
}

/** One rule's totals, over the texts themselves or over their decoded views. */
interface Cost {
  texts: number;
  hits: number;
  regionChars: number;
  windowMs: number;
  ms: number;
  candidates: number;
}
const zero = (): Cost => ({ texts: 0, hits: 0, regionChars: 0, windowMs: 0, ms: 0, candidates: 0 });

const base = compileRuleSet(builtinRuleSpecs());
/** Each round's totals by rule, over the texts themselves and over their decoded views. */
let plain: Cost[] = [];
let views: Cost[] = [];
/** The text being detected: rule runs over any other text are runs over its decoded views. */
let current = '';
let counting = true;
const clock: RuleClock = {
  ran(run: RuleRun) {
    const c = counting ? (run.text === current ? plain : views)[run.index] : undefined;
    if (!c) return;
    c.texts++;
    c.hits += run.hits;
    for (const r of run.regions) c.regionChars += r.end - r.start;
    c.windowMs += run.windowMs;
    c.ms += run.ms;
    c.candidates += run.candidates;
  },
};
const ruleSet: RuleSet = { ...base, clock };

const history = values.git !== undefined;
const fragments: Fragment[] = [];
const noSkips = { onSkip() {} };
for (const { path, bytes } of history ? blobs(values.git ?? '', every) : files(dir ?? '.', every)) {
  const text = decodeText(bytes, path, noSkips);
  if (text !== undefined) fragments.push({ text, path, ...(history ? { pathPerOccurrence: true } : {}) });
}
const chars = fragments.reduce((n, f) => n + f.text.length, 0);

interface Round {
  plain: Cost[];
  views: Cost[];
  stage: { all: number; keywords: number; byRule: number; plain: number; spans: number };
  /** CPU time of the round over its wall time (below 1: the thread waited for a core). */
  share: number;
}
/** One pass over every fragment: detectAll as a scan runs it (clocked), then its stages apart (warm now; not clocked). */
function round(): Round {
  plain = base.rules.map(zero);
  views = base.rules.map(zero);
  const stage = { all: 0, keywords: 0, byRule: 0, plain: 0, spans: 0 };
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  for (const fragment of fragments) {
    const text = fragment.text;
    current = text;
    counting = true;
    const t0 = performance.now();
    detectAll(fragment, ruleSet, {});
    const t1 = performance.now();
    counting = false;
    const hits = ruleSet.prefilter.scan(text);
    const t2 = performance.now();
    ruleSet.prefilter.hitsByRule(hits);
    const t3 = performance.now();
    detectWithHits(fragment, ruleSet, hits, {});
    const t4 = performance.now();
    findEncodedSpans(text, { prefilter: ruleSet.prefilter, hits });
    const t5 = performance.now();
    stage.all += t1 - t0;
    stage.keywords += t2 - t1;
    stage.byRule += t3 - t2;
    stage.plain += t4 - t3;
    stage.spans += t5 - t4;
  }
  const cpu = process.cpuUsage(cpu0);
  return { plain, views, stage, share: (cpu.user + cpu.system) / 1000 / (performance.now() - wall0) };
}
round(); // warm-up: regexes compiled and tiered up, functions optimised
const results = Array.from({ length: rounds }, round);
const median = (xs: number[]): number => xs.sort((a, b) => a - b)[(xs.length - 1) >> 1] ?? 0;
const med = (f: (r: Round) => number): number => median(results.map(f));
const ruleMed = (side: 'plain' | 'views', i: number, k: keyof Cost): number => med((r) => r[side][i]?.[k] ?? 0);
const first = results[0] ?? round();
const sum = (side: 'plain' | 'views', k: keyof Cost): number => med((r) => r[side].reduce((n, c) => n + c[k], 0));
const s = (ms: number): string => (ms / 1000).toFixed(3);

const rulesPlain = sum('plain', 'ms');
const rulesViews = sum('views', 'ms');
const corpus = history ? `${corpusName(values.git ?? '')} history, every ${every}th blob` : `${corpusName(dir ?? '.')}${every > 1 ? `, every ${every}th file` : ''}`;
const lines = [
  `${corpus}: ${fragments.length.toLocaleString('en')} texts, ${(chars / 1e6).toFixed(1)} M characters; ${base.rules.length} rules; node ${process.version}; seconds of this thread's wall clock, medians of ${rounds} rounds after a warm-up; the process had the CPU ${(med((r) => r.share) * 100).toFixed(0)}% of the time`,
  '',
  '| stage | s |',
  '| --- | --- |',
  `| whole detection (detectAll, as a scan does) | ${s(med((r) => r.stage.all))} |`,
  `|   rules at their hits in the texts | ${s(rulesPlain)} |`,
  `|     of which their windows | ${s(sum('plain', 'windowMs'))} |`,
  `|   rules at their hits in decoded views | ${s(rulesViews)} |`,
  'Its parts measured again, apart: | |',
  `| keyword scan (Prefilter.hits) | ${s(med((r) => r.stage.keywords))} |`,
  `| hits by rule (Prefilter.hitsByRule) | ${s(med((r) => r.stage.byRule))} |`,
  `| plain detection (detectWithHits, given the hits) | ${s(med((r) => r.stage.plain))} |`,
  `| encoded-run search and decoding (findEncodedSpans) | ${s(med((r) => r.stage.spans))} |`,
  `| the rest of detectAll (decoded views: splicing, their keyword scans and rules, merging) | ${s(med((r) => r.stage.all - r.stage.keywords - r.stage.plain - r.stage.spans))} |`,
  '',
  `Rules by time (texts and decoded views), top ${top}:`,
  '',
  '| rule | s | windows s | in decoded views s | texts | hits | M window chars | candidates |',
  '| --- | --- | --- | --- | --- | --- | --- | --- |',
];
const total = base.rules.map((_, i) => med((r) => (r.plain[i]?.ms ?? 0) + (r.views[i]?.ms ?? 0)));
const order = base.rules.map((_, i) => i).sort((a, b) => (total[b] ?? 0) - (total[a] ?? 0));
for (const i of order.slice(0, top)) {
  // Counts are the same in every round: the first round's.
  const p = first.plain[i] ?? zero();
  const v = first.views[i] ?? zero();
  if (p.texts + v.texts === 0) break;
  const both = (k: keyof Cost): number => p[k] + v[k];
  lines.push(`| ${base.rules[i]?.id} | ${s(total[i] ?? 0)} | ${s(ruleMed('plain', i, 'windowMs') + ruleMed('views', i, 'windowMs'))} | ${s(ruleMed('views', i, 'ms'))} | ${both('texts')} | ${both('hits')} | ${(both('regionChars') / 1e6).toFixed(1)} | ${both('candidates')} |`);
}
console.log(lines.join('\n'));
