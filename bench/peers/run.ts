// `npm run eval:peers -- --gitleaks DIR --betterleaks DIR --noseyparker DIR [--misses FILE] [--keep] [--all-providers]`
// Scores keywarden on the labelled examples that other scanners' authors wrote: gitleaks' and
// Betterleaks' rule tests (`tps`/`fps` in cmd/generate/config/rules/*.go) and Nosey Parker's
// `examples`/`negative_examples`. Only this extractor is in the repository; the cases are read from
// the checkouts at run time and written to a temporary directory outside the project.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Case, Extraction } from './case.ts';
import { doubtfulNegative, doubtfulPositive } from './doubt.ts';
import { builtinRuleSpecs } from '../../src/data/builtin.ts';
import { extractGoRules } from './go-extract.ts';
import { extractNoseyParker } from './np-extract.ts';
import { caseLine, emptyTally, ratio, TALLY_HEADER, TALLY_RULE, tallyRow, type Tally } from './report.ts';
import { explainMiss, scanCases, scoredRules, writeCases, type Verdict } from './scan.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const SOURCES = ['gitleaks', 'betterleaks', 'noseyparker'] as const;
type SourceName = (typeof SOURCES)[number];

interface Options {
  dirs: Partial<Record<SourceName, string>>;
  misses: string;
  keep: boolean;
  allProviders: boolean;
  cli: string;
}

function options(args: readonly string[]): Options {
  const o: Options = { dirs: {}, misses: join(tmpdir(), 'keywarden-peers-misses.txt'), keep: false, allProviders: false, cli: join(ROOT, 'dist/cli.js') };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    const value = (): string => {
      const v = args[++i];
      if (!v) throw new Error(`${a} needs a value`);
      return v;
    };
    const src = SOURCES.find((s) => a === `--${s}`);
    if (src) o.dirs[src] = value();
    else if (a === '--misses') o.misses = value();
    else if (a === '--cli') o.cli = value();
    else if (a === '--keep') o.keep = true;
    else if (a === '--all-providers') o.allProviders = true;
    else throw new Error(`unknown flag ${a}`);
  }
  if (Object.keys(o.dirs).length === 0) throw new Error('give at least one of --gitleaks DIR, --betterleaks DIR, --noseyparker DIR');
  return o;
}

function extract(src: SourceName, dir: string): Extraction {
  return src === 'noseyparker' ? extractNoseyParker(dir, src) : extractGoRules(dir, src);
}

function commitOf(dir: string): string {
  try {
    return execFileSync('git', ['-C', dir, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown (not a git checkout)';
  }
}

interface Scored {
  c: Case;
  v: Verdict;
  doubt?: string;
}

function add(t: Tally, s: Scored): void {
  const hit = scoredRules(s.v).length > 0;
  if (s.c.label === 'negative' && s.doubt) t.doubtNeg++;
  else if (s.c.label === 'negative') {
    t.neg++;
    if (hit) t.flagged++;
  } else if (s.doubt) {
    t.doubtPos++;
    if (hit) t.doubtFound++;
  } else {
    t.pos++;
    if (hit) t.found++;
  }
}

function main(): void {
  const o = options(process.argv.slice(2));
  const cases: Case[] = [];
  const lines: string[] = [];
  const out = (s = ''): void => void lines.push(s);
  out('# keywarden on peer scanners\' labelled examples');
  out();
  out('| source | commit | cases | not extractable |');
  out('| --- | --- | --- | --- |');
  const notExtracted = new Map<string, Map<string, number>>();
  for (const src of SOURCES) {
    const dir = o.dirs[src];
    if (!dir) continue;
    const e = extract(src, dir);
    cases.push(...e.cases);
    notExtracted.set(src, e.skipped);
    const skippedCount = [...e.skipped.values()].reduce((a, b) => a + b, 0);
    out(`| ${src} | ${commitOf(dir)} | ${e.cases.length} | ${skippedCount} |`);
  }
  const tmp = mkdtempSync(join(tmpdir(), 'keywarden-peers-'));
  let verdicts: Verdict[];
  try {
    writeCases(tmp, cases);
    verdicts = scanCases(o.cli, tmp, cases);
  } finally {
    if (!o.keep) rmSync(tmp, { recursive: true, force: true });
  }
  if (o.keep) out(`\ncases kept in ${tmp}`);
  const genericIds = new Set(builtinRuleSpecs().filter((r) => r.spec.generic).map((r) => r.spec.id));
  // The same text labelled positive under another rule of the same peer: the labels contradict.
  const positiveTexts = new Set(cases.filter((c) => c.label === 'positive').map((c) => `${c.source}\0${c.text.trim()}`));
  const scored: Scored[] = cases.map((c, k) => {
    const v = verdicts[k] ?? { rules: [], own: [] };
    let doubt = c.label === 'positive' ? doubtfulPositive(c) : doubtfulNegative(c, scoredRules(v).map((r) => ({ ruleId: r.ruleId, generic: genericIds.has(r.ruleId) })));
    if (!doubt && c.label === 'negative' && positiveTexts.has(`${c.source}\0${c.text.trim()}`)) doubt = 'the peer labels the same text positive under another rule';
    // A value in a checksummed format that fails its checksum is not a live token (generated lookalikes).
    if (!doubt && c.label === 'positive' && scoredRules(v).length === 0) {
      const why = explainMiss(c, k);
      if (/validator-rejected/.test(why)) doubt = 'fails the provider checksum';
      // A provider's prefix on a value much shorter than its tokens, or a whole token with more after it.
      else if (/provider-format/.test(why)) doubt = "a provider's prefix on a value cut short or padded";
    }
    return { c, v, doubt };
  });

  const bySource = new Map<string, Tally>();
  const byProvider = new Map<string, Tally>();
  const total = emptyTally();
  for (const s of scored) {
    add(total, s);
    for (const [m, key] of [[bySource, s.c.source], [byProvider, `${s.c.source}/${s.c.provider}`]] as const) {
      let t = m.get(key);
      if (!t) m.set(key, (t = emptyTally()));
      add(t, s);
    }
  }
  out();
  out('## Per source (recall on positives whose label is not doubtful)');
  out();
  out(TALLY_HEADER);
  out(TALLY_RULE);
  for (const [src, t] of bySource) out(tallyRow(src, t));
  out(tallyRow('**all**', total));
  out();
  out(`## Per provider (${o.allProviders ? 'all' : 'those with a miss or a false alarm'}; worst recall first)`);
  out();
  out(TALLY_HEADER);
  out(TALLY_RULE);
  const rows = [...byProvider].filter(([, t]) => o.allProviders || t.found < t.pos || t.flagged > 0);
  rows.sort((a, b) => a[1].found / (a[1].pos || 1) - b[1].found / (b[1].pos || 1) || b[1].flagged - a[1].flagged || (a[0] < b[0] ? -1 : 1));
  for (const [p, t] of rows) out(tallyRow(p, t));

  const misses = scored.filter((s) => s.c.label === 'positive' && !s.doubt && scoredRules(s.v).length === 0);
  const alarms = scored.filter((s) => s.c.label === 'negative' && !s.doubt && scoredRules(s.v).length > 0);
  const doubtfulNeg = scored.filter((s) => s.c.label === 'negative' && s.doubt);
  const doubtful = scored.filter((s) => s.c.label === 'positive' && s.doubt);
  const missNotes = misses.map((s) => explainMiss(s.c, cases.indexOf(s.c)));
  const alarmNote = (s: Scored): string => scoredRules(s.v).map((r) => `${r.ruleId}:${r.confidence}`).join(',');
  out();
  out(`## Misses (${misses.length}), with the core detector's skip reasons`);
  out();
  for (const [k, s] of misses.entries()) out(caseLine(s.c, missNotes[k] ?? '', 'shape'));
  out();
  out(`## False alarms (${alarms.length}), with the rules that fired`);
  out();
  for (const s of alarms) out(caseLine(s.c, alarmNote(s), 'shape'));
  out();
  const doubtReasons = new Map<string, Tally>();
  for (const s of doubtful) {
    const key = (s.doubt ?? '').replace(/ \(.*\)$/, '');
    let t = doubtReasons.get(key);
    if (!t) doubtReasons.set(key, (t = emptyTally()));
    add(t, s);
  }
  out(`## Doubtful positives (${doubtful.length}), reported apart`);
  out();
  for (const [r, t] of doubtReasons) out(`- ${r}: found ${t.doubtFound}/${t.doubtPos}`);
  out();
  out(`## Doubtful negatives (${doubtfulNeg.length}), not counted in fp_rate`);
  out();
  for (const s of doubtfulNeg) out(caseLine(s.c, `${s.doubt ?? ''}: ${alarmNote(s)}`, 'shape'));
  out();
  out('## Not extractable, by reason');
  out();
  for (const [src, m] of notExtracted) for (const [r, n] of m) out(`- ${src}: ${r} × ${n}`);
  out();
  out(`recall=${ratio(total.found, total.pos)} fp_rate=${ratio(total.flagged, total.neg)}`);
  console.log(lines.join('\n'));

  // The full list for rule authors (outside the repository): the raw case text of every miss and false alarm.
  const file = [
    `# keywarden eval:peers — ${new Date().toISOString()} — recall=${ratio(total.found, total.pos)} fp_rate=${ratio(total.flagged, total.neg)}`,
    '# MISSES (positive, label not doubtful): id [skip reasons] text',
    ...misses.map((s, k) => caseLine(s.c, missNotes[k] ?? '', 'raw')),
    '# FALSE ALARMS (negative): id [rules] text',
    ...alarms.map((s) => caseLine(s.c, alarmNote(s), 'raw')),
    '# DOUBTFUL POSITIVES MISSED: id [doubt] text',
    ...doubtful.filter((s) => scoredRules(s.v).length === 0).map((s) => caseLine(s.c, s.doubt ?? '', 'raw')),
  ];
  writeFileSync(o.misses, file.join('\n') + '\n');
  console.error(`misses and false alarms written to ${o.misses}`);
}

try {
  main();
} catch (e) {
  console.error(`eval:peers: ${(e as Error).message}`);
  process.exit(2);
}
