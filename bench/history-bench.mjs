#!/usr/bin/env node
// History-scan benchmark: keywarden `scan --history` against two floors on the same repository,
// `git cat-file --batch-all-objects --batch` (read every object once) and `git log -p --all` (the
// patch-walk approach). Each command's output is drained through a pipe, as a scanner must.
//
//   npm run bench:history -- <repository or mirror> [--runs 3] [--threads N] [--cli path/to/cli.js]
//
// Use a clone outside the keywarden checkout (e.g. `git clone --mirror … /tmp/express.git`).
// Prints the best wall time of each over the runs, and keywarden's ratio to each floor. A last line
// runs keywarden with every rule disabled: the cost of reading and shipping blobs without detection.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

const { values, positionals } = parseArgs({
  options: { runs: { type: 'string', default: '3' }, threads: { type: 'string' }, cli: { type: 'string' } },
  allowPositionals: true,
});
const repo = positionals[0] ?? process.env.KEYWARDEN_BENCH_REPO;
if (!repo || !existsSync(repo)) {
  console.error('usage: npm run bench:history -- <path of a git repository or mirror> [--runs N] [--threads N] [--cli FILE]');
  process.exit(2);
}
const runs = Number(values.runs);
const threads = values.threads ?? String(Math.min(availableParallelism(), 8));

/** Runs a command, drains stdout, returns wall milliseconds and bytes read; throws on failure. */
function timed(cmd, args, okCodes = [0]) {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(cmd, args, { cwd: resolve(repo), stdio: ['ignore', 'pipe', 'pipe'] });
    let bytes = 0;
    let stderr = '';
    child.stdout.on('data', (d) => (bytes += d.length));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      if (!okCodes.includes(code)) reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${stderr.split('\n')[0]}`));
      else resolvePromise({ ms, bytes });
    });
  });
}

// The bundle by default (what users run); --cli picks another build or src/cli/index.ts.
const cli = values.cli ? resolve(values.cli) : existsSync(join(ROOT, 'dist/cli.js')) ? join(ROOT, 'dist/cli.js') : join(ROOT, 'src/cli/index.ts');
const node = existsSync(join(ROOT, 'node_modules/.bin/node')) ? join(ROOT, 'node_modules/.bin/node') : process.execPath;

const { builtinRuleSpecs } = await import(join(ROOT, 'src/data/builtin.ts'));
const disableAll = builtinRuleSpecs().flatMap((s) => ['--disable-rule', s.spec.id]);
const scanArgs = [cli, 'scan', '--history', '--threads', threads, '--format', 'json', '--quiet', resolve(repo)];

const cases = [
  { name: 'git cat-file --batch-all-objects --batch (floor)', cmd: 'git', args: ['cat-file', '--batch-all-objects', '--batch'] },
  { name: 'git log -p --all', cmd: 'git', args: ['log', '-p', '--all'] },
  // Exit code 1 means "findings reported", which is a successful scan here.
  { name: `keywarden scan --history --threads ${threads}`, cmd: node, args: scanArgs, ok: [0, 1] },
  { name: 'keywarden, every rule disabled (git + transfer only)', cmd: node, args: [...scanArgs, ...disableAll], ok: [0, 1] },
];

const best = new Map();
for (let r = 0; r < runs; r++) {
  for (const c of cases) {
    const t = await timed(c.cmd, c.args, c.ok);
    const prev = best.get(c.name);
    if (!prev || t.ms < prev.ms) best.set(c.name, t);
  }
}

console.log(`repository: ${resolve(repo)}   runs: ${runs} (best shown)   cores: ${availableParallelism()}   cli: ${cli.replace(`${ROOT}/`, '')}`);
for (const c of cases) {
  const t = best.get(c.name);
  console.log(`${(t.ms / 1000).toFixed(2).padStart(7)} s  ${(t.bytes / 1e6).toFixed(1).padStart(8)} MB out  ${c.name}`);
}
const kw = best.get(cases[2].name).ms;
console.log(`keywarden / cat-file floor: ${(kw / best.get(cases[0].name).ms).toFixed(2)}x   keywarden / git log -p: ${(kw / best.get(cases[1].name).ms).toFixed(2)}x`);
