#!/usr/bin/env node
// Pre-commit benchmark: wall time of `node dist/cli.js scan --staged` (start-up included) for a
// 10-file and a 1,000-file commit in a throwaway repository, plus the floors it sits on (`node -e 0`,
// `keywarden --version`) and a whole `git commit` with the hook installed.
//
//   npm run bundle && npm run bench:precommit -- [--runs 7] [--node /path/to/node ...] [--readme]
//
// The staged files are ordinary source-like text (~1.5 KB, 40 lines each) with no secrets, so the
// hook passes: the time a developer waits on every commit. Prints a markdown table of the median,
// min and max over the runs.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { machineLine, paired, REALTIME, ratioTable, updateReadme } from './measure.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'dist/cli.js');

const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' }, node: { type: 'string', multiple: true }, readme: { type: 'boolean' } } });
const runs = Number(values.runs);
const nodes = values.node ?? [process.execPath];
if (!existsSync(CLI)) {
  console.error('dist/cli.js is missing: run `npm run bundle` first');
  process.exit(2);
}

function git(dir, ...args) {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A source-like file of about 1.5 KB: imports, functions, string constants, comments. No secrets. */
function sourceFile(i) {
  const lines = [`// module ${i}: generated for the pre-commit benchmark`, `import { helper${i % 7} } from './helpers.js';`, ''];
  for (let f = 0; f < 6; f++) {
    lines.push(`/** Computes value ${f} of module ${i}. */`, `export function compute${i}_${f}(input, options = {}) {`);
    lines.push(`  const label = 'module-${i}-function-${f}';`, `  const total = input.reduce((sum, x) => sum + x * ${f + 1}, 0);`);
    lines.push(`  return helper${i % 7}({ label, total, retries: options.retries ?? ${f} });`, '}', '');
  }
  return `${lines.join('\n')}\n`;
}

/** A repository with an initial commit of 50 files, then `count` new files staged. */
function stagedRepo(count) {
  const dir = mkdtempSync(join(tmpdir(), `kw-precommit-${count}-`));
  git(dir, 'init', '-q');
  git(dir, 'config', 'user.name', 'Bench');
  git(dir, 'config', 'user.email', 'bench@example.invalid');
  git(dir, 'config', 'commit.gpgsign', 'false');
  git(dir, 'config', 'core.hooksPath', '.git/hooks');
  mkdirSync(join(dir, 'src'));
  for (let i = 0; i < 50; i++) writeFileSync(join(dir, 'src', `base${i}.js`), sourceFile(i));
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'base');
  mkdirSync(join(dir, 'lib'));
  for (let i = 0; i < count; i++) writeFileSync(join(dir, 'lib', `file${i}.js`), sourceFile(1000 + i));
  git(dir, 'add', '-A');
  return dir;
}

/** Median, min and max wall milliseconds of `runs` runs of a command (after one warm-up run). */
function time(cmd, args, cwd, okCodes = [0]) {
  const once = () => {
    const t = performance.now();
    const r = REALTIME ? spawnSync('chrt', ['-r', '50', cmd, ...args], { cwd, encoding: 'utf8' }) : spawnSync(cmd, args, { cwd, encoding: 'utf8' });
    const ms = performance.now() - t;
    if (!okCodes.includes(r.status)) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}${r.stdout}`);
    return ms;
  };
  once();
  const ms = Array.from({ length: runs }, once).sort((a, b) => a - b);
  return { median: ms[Math.floor(ms.length / 2)], min: ms[0], max: ms[ms.length - 1] };
}

const fmt = (t) => `${(t.median / 1000).toFixed(3)} s | ${(t.min / 1000).toFixed(3)} s | ${(t.max / 1000).toFixed(3)} s`;

const small = stagedRepo(10);
const large = stagedRepo(1000);
// Start-up and staged scans, alternated in the same rounds (medians, CPU and peak RSS): ratios to `node -e 0`.
const cases = nodes.flatMap((node) => {
  const v = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
  return [
    { name: `node ${v}: \`node -e 0\` (floor)`, short: 'node -e 0', cmd: node, args: ['-e', '0'], cwd: small },
    { name: `node ${v}: \`keywarden --version\``, cmd: node, args: [CLI, '--version'], cwd: small },
    { name: `node ${v}: \`scan --staged\`, 10 files`, cmd: node, args: [CLI, 'scan', '--staged', '--quiet'], cwd: small },
    { name: `node ${v}: \`scan --staged\`, 1,000 files`, cmd: node, args: [CLI, 'scan', '--staged', '--quiet'], cwd: large },
  ];
});
const measured = await paired(cases, runs);
for (const r of measured) r.short = cases.find((c) => c.name === r.name)?.short;
const out = [`${machineLine(runs)}\n`, ratioTable(measured, [cases[0].name])];
const rows = [];
// A whole `git commit` of the 10 files with the hook, against the same commit without it (undone each time).
const hook = join(small, '.git/hooks/pre-commit');
const commitRun = () => time('sh', ['-c', 'git commit -q -m bench && git reset -q --soft HEAD~1'], small);
const without = commitRun();
writeFileSync(hook, `#!/bin/sh\nexec "${nodes[0]}" "${CLI}" scan --staged --quiet\n`);
chmodSync(hook, 0o755);
const withHook = commitRun();
rows.push(['`git commit` of 10 files, no hook', without]);
rows.push(['`git commit` of 10 files, keywarden hook', withHook]);

out.push(`\nA whole commit, wall time, ${runs} runs after one warm-up (median | min | max):\n`, '| what | median | min | max |\n|---|---|---|---|');
for (const [what, t] of rows) out.push(`| ${what} | ${fmt(t)} |`);
console.log(out.join('\n'));
if (values.readme) updateReadme('precommit', out.join('\n'));
rmSync(small, { recursive: true, force: true });
rmSync(large, { recursive: true, force: true });
