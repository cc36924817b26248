// `node bench/eval/generate.ts [--seed S] [--per-rule N] [--decoys N] [--out DIR]`: writes the eval
// corpus (default .eval/corpus/, git-ignored) and its answer key (.eval/answers.json) from the current
// rule pack. Deterministic for a given seed and rule pack.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { builtinRuleSpecs } from '../../src/data/builtin.ts';
import { DEFAULT_OPTIONS, buildCorpus, type CorpusOptions } from './corpus.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** Parses the generator's flags over the defaults. */
export function generatorOptions(args: string[]): CorpusOptions & { out: string } {
  const { values } = parseArgs({
    args,
    options: { seed: { type: 'string' }, 'per-rule': { type: 'string' }, decoys: { type: 'string' }, out: { type: 'string' } },
  });
  const num = (v: string | undefined, d: number): number => (v === undefined ? d : Number(v));
  return {
    ...DEFAULT_OPTIONS,
    seed: values.seed ?? DEFAULT_OPTIONS.seed,
    perRule: num(values['per-rule'], DEFAULT_OPTIONS.perRule),
    decoys: num(values.decoys, DEFAULT_OPTIONS.decoys),
    out: values.out ?? join(ROOT, '.eval'),
  };
}

function main(): void {
  const opts = generatorOptions(process.argv.slice(2));
  const started = performance.now();
  const { files, answers } = buildCorpus(builtinRuleSpecs(), opts);
  const corpusDir = join(opts.out, 'corpus');
  rmSync(corpusDir, { recursive: true, force: true });
  mkdirSync(corpusDir, { recursive: true });
  for (const [path, content] of files) {
    mkdirSync(dirname(join(corpusDir, path)), { recursive: true });
    writeFileSync(join(corpusDir, path), content);
  }
  writeFileSync(join(opts.out, 'answers.json'), `${JSON.stringify(answers, null, 1)}\n`);
  const rules = new Set(answers.secrets.map((s) => s.ruleId)).size;
  console.log(
    `eval corpus: ${answers.files} files, ${(answers.bytes / 1e6).toFixed(1)} MB, ${answers.secrets.length} planted secrets of ${rules} rules, ` +
      `${answers.decoys.length} decoy lines (${answers.decoyFiles.length} decoy files) → ${corpusDir} (${Math.round(performance.now() - started)} ms)`,
  );
  const skipped = new Map<string, number>();
  for (const s of answers.skipped) skipped.set(`${s.ruleId}: ${s.reason}`, (skipped.get(`${s.ruleId}: ${s.reason}`) ?? 0) + 1);
  for (const [what, n] of skipped) console.log(`  skipped ${what}${n > 1 ? ` (×${n})` : ''}`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
