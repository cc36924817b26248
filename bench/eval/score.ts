// `node bench/eval/score.ts [--details[=keywarden|secretlint|all]] [--no-secretlint] [--from-source] [--worst N]`
// Runs keywarden (dist/cli.js, or the sources with --from-source) and secretlint (recommended preset)
// over .eval/corpus, scores both against .eval/answers.json, prints the tables and writes
// .eval/results.md and .eval/results.json.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Answers } from './answers.ts';
import { rates, scoreFindings, type Score } from './match.ts';
import { detailLines, falseAlarmTable, falseAlarmsByType, missesTable, overallTable, perTypeTable } from './report.ts';
import { SECRETLINT_RC, runKeywarden, runSecretlint } from './tools.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** Scorer flags. */
export interface ScoreOptions {
  details?: 'keywarden' | 'secretlint' | 'all';
  secretlint: boolean;
  fromSource: boolean;
  worst: number;
  dir: string;
}

/** Parses the scorer's flags (`--details` takes an optional `=tool`). */
export function scoreOptions(args: readonly string[]): ScoreOptions {
  const opts: ScoreOptions = { secretlint: true, fromSource: false, worst: 15, dir: join(ROOT, '.eval') };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === '--details') opts.details = 'keywarden';
    else if (a.startsWith('--details=')) opts.details = a.slice(10) as ScoreOptions['details'];
    else if (a === '--no-secretlint') opts.secretlint = false;
    else if (a === '--from-source') opts.fromSource = true;
    else if (a === '--worst') opts.worst = Number(args[++i]);
    else if (a === '--dir') opts.dir = args[++i] ?? opts.dir;
    else throw new Error(`unknown flag ${a}`);
  }
  if (opts.details && !['keywarden', 'secretlint', 'all'].includes(opts.details)) throw new Error(`--details=${opts.details}: use keywarden, secretlint or all`);
  return opts;
}

function summaryLine(s: Score): string {
  const r = rates(s);
  const extra = s.tool === 'keywarden' ? `, ${s.mismatches.length} type mismatches, ${s.exact}/${s.tp} exact secret+rule` : '';
  return `${s.tool}: precision ${r.precision.toFixed(3)}, recall ${r.recall.toFixed(3)}, F1 ${r.f1.toFixed(3)} (${s.duplicates} duplicates not counted${extra})`;
}

function runAll(opts: ScoreOptions, answers: Answers): { scores: Score[]; seconds: Map<string, number> } {
  const corpus = join(opts.dir, 'corpus');
  const cli = opts.fromSource ? join(ROOT, 'src/cli/index.ts') : join(ROOT, 'dist/cli.js');
  const kw = runKeywarden(cli, corpus);
  const scores = [scoreFindings('keywarden', answers, kw.findings, true)];
  const seconds = new Map([['keywarden', kw.seconds]]);
  if (opts.secretlint) {
    const rc = join(opts.dir, 'secretlintrc.json');
    writeFileSync(rc, JSON.stringify(SECRETLINT_RC));
    const sl = runSecretlint(join(ROOT, 'node_modules/secretlint/bin/secretlint.js'), rc, corpus);
    scores.push(scoreFindings('secretlint', answers, sl.findings, false));
    seconds.set('secretlint', sl.seconds);
  }
  return { scores, seconds };
}

function main(): void {
  const opts = scoreOptions(process.argv.slice(2));
  const keyPath = join(opts.dir, 'answers.json');
  if (!existsSync(keyPath)) throw new Error(`${keyPath} not found: run node bench/eval/generate.ts first`);
  const answers = JSON.parse(readFileSync(keyPath, 'utf8')) as Answers;
  const { scores, seconds } = runAll(opts, answers);
  const [kw, ...others] = scores;
  if (!kw) throw new Error('no scores');
  const families = new Map(answers.secrets.map((s) => [s.ruleId, s.family]));
  const head = `Corpus: ${answers.files} files, ${(answers.bytes / 1e6).toFixed(1)} MB, ${answers.secrets.length} planted secrets of ${families.size} rules, ${answers.decoys.length} decoy lines (seed ${answers.seed}).`;
  console.log(`${head}\n\n${overallTable(scores, seconds)}\n\n${scores.map(summaryLine).join('\n')}\n`);
  console.log(`Worst ${opts.worst} types for keywarden:\n\n${perTypeTable(kw, others, families, opts.worst)}\n`);
  console.log(`False alarms by decoy category:\n\n${falseAlarmTable(scores)}\n`);
  console.log(`keywarden false alarms by rule:\n\n${falseAlarmsByType(kw)}\n\n${missesTable(kw, answers)}\n`);
  const md = [`# keywarden eval\n\n${head}`, overallTable(scores, seconds), '## Per type (worst keywarden F1 first)', perTypeTable(kw, others, families),
    '## False alarms by decoy category', falseAlarmTable(scores), ...scores.map(falseAlarmsByType), '## Misses', ...scores.map((s) => missesTable(s, answers))];
  writeFileSync(join(opts.dir, 'results.md'), `${md.join('\n\n')}\n`);
  writeFileSync(join(opts.dir, 'results.json'), `${JSON.stringify(scores.map((s) => ({ tool: s.tool, tp: s.tp, fp: s.fp, fn: s.fn, duplicates: s.duplicates, mismatches: s.mismatches.length, seconds: seconds.get(s.tool), ...rates(s) })), null, 2)}\n`);
  for (const s of scores) {
    if (opts.details === s.tool || opts.details === 'all') console.log(`Details (${s.tool}):\n${detailLines(s).join('\n')}\n`);
  }
  console.log(`wrote ${join(opts.dir, 'results.md')}`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
