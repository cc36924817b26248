#!/usr/bin/env node
// Directory-scan throughput: keywarden against read floors and secretlint on two corpora under .bench/
// (git-ignored, warm page cache):
//   generated  ~300 MB of source-like files in many formats (the eval corpus's formats and filler, with
//              planted secrets and decoy files about one per megabyte); cached between runs.
//   real       a real source tree: moby/moby extracted from a fetched mirror, or --real DIR, or else the
//              JS/TS sources of keywarden's own node_modules.
// For each corpus: the floor "read all files" (Node, walking and reading like src/sources/files.ts),
// `find -exec cat`, ripgrep with the rules' keyword alternation (when rg is installed), keywarden with
// --threads 1 and default threads, and secretlint (recommended preset) on a hard-linked sample.
//
//   npm run bench -- [--size 300] [--real DIR] [--runs 1] [--sample 100] [--no-secretlint] [--only generated|real]
//                    [--baseline-cli OTHER/dist/cli.js]   (adds a row for another build, for before/after numbers)
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { builtinRuleSpecs } from '../src/data/builtin.ts';
import { rng } from '../src/rules/examples.ts';
import { buildCorpus } from './eval/corpus.ts';
import { makeDecoyFile } from './eval/decoy-files.ts';
import { assemble } from './eval/host.ts';
import { ALL_HOSTS } from './eval/jobs.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BENCH = join(ROOT, '.bench');
const CLI = join(ROOT, 'dist/cli.js');
const SECRETLINT = join(ROOT, 'node_modules/secretlint/bin/secretlint.js');
const DEFAULT_THREADS = Math.min(availableParallelism(), 8);

// ---------------------------------------------------------------- corpora

/** Every regular file under `dir` (no symlinks, no .git), with sizes, in a stable order. */
function listFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(d, e.name);
      if (e.isDirectory() && e.name !== '.git') walk(p);
      else if (e.isFile()) out.push({ path: p, size: statSync(p).size });
    }
  };
  walk(dir);
  return out;
}

/** Source-like files, one format each, 10–150 filler blocks long (about 1–15 KB), plus decoy files. */
function pool(rand) {
  const hosts = ALL_HOSTS.filter((h) => !['keyfile', 'minified-js', 'json-file'].includes(h.id));
  const files = [];
  for (let i = 0; i < 1500; i++) {
    const host = hosts[Math.floor(rand() * hosts.length)];
    const blocks = Array.from({ length: 10 + Math.floor(rand() * 140) }, () => ({ lines: host.filler(rand), target: 0 }));
    files.push({ path: host.path(rand), text: `${assemble(host, blocks, rand).lines.join('\n')}\n` });
  }
  for (let i = 0; i < 40; i++) {
    const f = makeDecoyFile(rand);
    files.push({ path: f.path, text: `${f.lines.join('\n')}\n` });
  }
  return files;
}

/** Writes (or reuses) the generated corpus of about `mb` megabytes. */
function ensureGenerated(mb) {
  const dir = join(BENCH, 'generated');
  const metaPath = join(BENCH, 'generated.json');
  const meta = JSON.stringify({ version: 1, mb });
  if (existsSync(metaPath) && readFileSync(metaPath, 'utf8') === meta) return dir;
  rmSync(dir, { recursive: true, force: true });
  rmSync(join(BENCH, 'generated-sample'), { recursive: true, force: true });
  const rand = rng('keywarden-dir-bench');
  const files = pool(rand);
  const corpus = buildCorpus(builtinRuleSpecs(), { seed: 'dir-bench', perRule: Math.max(1, Math.round(mb / 150)), decoys: 200, decoyFiles: 0, fillerFiles: 0 });
  const planted = [...corpus.files].map(([path, text]) => ({ path, text }));
  let bytes = 0;
  for (let n = 0; bytes < mb * 1e6; n++) {
    const f = n % 37 === 0 && planted.length ? planted.pop() : files[n % files.length];
    const path = join(dir, `d${String(Math.floor(n / 200)).padStart(4, '0')}`, `${n}-${f.path.replace(/\//g, '_')}`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.text);
    bytes += Buffer.byteLength(f.text);
  }
  writeFileSync(metaPath, meta);
  return dir;
}

function hardLink(files, from, to) {
  for (const f of files) {
    const dest = join(to, relative(from, f.path));
    mkdirSync(dirname(dest), { recursive: true });
    linkSync(f.path, dest);
  }
}

/** The real source tree: `explicit`, else moby/moby from a bare mirror named by MOBY_MIRROR, else node_modules sources. */
function ensureReal(explicit) {
  if (explicit) return { dir: explicit, label: explicit };
  const mirror = process.env.MOBY_MIRROR ?? '';
  const moby = join(BENCH, 'moby');
  const label = 'moby/moby at HEAD (Go, with vendored dependencies; extracted from a fetched mirror)';
  if (existsSync(join(moby, 'go.mod'))) return { dir: moby, label };
  if (mirror !== '' && existsSync(mirror)) {
    mkdirSync(moby, { recursive: true });
    execFileSync('sh', ['-c', `git --git-dir "${mirror}" archive HEAD | tar -x -C "${moby}"`]);
    return { dir: moby, label };
  }
  const nm = join(BENCH, 'node_modules-src');
  if (!existsSync(nm)) {
    for (const e of readdirSync(join(ROOT, 'node_modules')).filter((n) => !['node', 'esbuild', '@esbuild', '.bin'].includes(n))) {
      hardLink(listFiles(join(ROOT, 'node_modules', e)), join(ROOT, 'node_modules', e), join(nm, e));
    }
  }
  return { dir: nm, label: "keywarden's node_modules (JS/TS of its dev dependencies; binaries left out)" };
}

/** A hard-linked copy of every k-th file of `dir`, about `mb` megabytes, for the slow scanner. */
function ensureSample(dir, mb) {
  const sample = `${dir}-sample`;
  const files = listFiles(dir);
  if (files.reduce((s, f) => s + f.size, 0) <= mb * 1.5e6) return dir;
  if (existsSync(sample)) return sample;
  const step = Math.max(1, Math.floor(files.reduce((s, f) => s + f.size, 0) / (mb * 1e6)));
  hardLink(files.filter((_, i) => i % step === 0), dir, sample);
  return sample;
}

// ---------------------------------------------------------------- measurements

/** Reads every file like src/sources/files.ts: sorted async readdir walk, sync open/fstat/read/close, NUL sniff, UTF-8 decode. */
const FLOOR_READER = `
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
const strict = new TextDecoder('utf-8', { fatal: true }), lenient = new TextDecoder('utf-8');
async function* walk(d) {
  const es = (await readdir(d, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const e of es) { const p = join(d, e.name); if (e.isDirectory() && e.name !== '.git') yield* walk(p); else if (e.isFile()) yield p; }
}
function read(p) {
  const fd = openSync(p, 'r'); let b;
  try { const { size } = fstatSync(fd); b = Buffer.allocUnsafe(size); let off = 0; while (off < size) { const n = readSync(fd, b, off, size - off, off); if (!n) break; off += n; } } finally { closeSync(fd); }
  for (let i = 0; i < Math.min(b.length, 8000); i++) if (b[i] === 0) return 0;
  try { return strict.decode(b).length; } catch { return lenient.decode(b).length; }
}
let chars = 0;
for await (const p of walk(process.argv[1])) chars += read(p);
`;

const GNU_TIME = existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-f', '%U', 'true']).status === 0;

/**
 * Runs a command with stdout discarded; resolves with wall seconds and, when GNU time is installed,
 * CPU seconds (user + system, all threads). Exit codes in `ok` count as success.
 */
function timed(cmd, args, cwd, ok = [0]) {
  const [c, a] = GNU_TIME ? ['/usr/bin/time', ['-f', 'KW-CPU %U %S', cmd, ...args]] : [cmd, args];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(c, a, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      const m = /KW-CPU ([\d.]+) ([\d.]+)\s*$/.exec(stderr);
      if (ok.includes(code)) resolve({ seconds, cpu: m ? Number(m[1]) + Number(m[2]) : undefined });
      else reject(new Error(`${cmd} ${args.slice(0, 3).join(' ')} exited ${code}: ${stderr.slice(0, 500)}`));
    });
  });
}

/** The best (lowest) wall time and the lowest CPU time over `runs` runs. */
async function best(runs, fn) {
  let seconds = Infinity;
  let cpu;
  for (let i = 0; i < runs; i++) {
    const r = await fn();
    seconds = Math.min(seconds, r.seconds);
    if (r.cpu !== undefined) cpu = Math.min(cpu ?? Infinity, r.cpu);
  }
  return { seconds, cpu };
}

function hasRipgrep() {
  return spawnSync('rg', ['--version']).status === 0;
}

/** Every measurement of one corpus, in table order. */
async function measure(dir, opts) {
  const node = process.execPath;
  const kwFile = join(BENCH, 'keywords.txt');
  writeFileSync(kwFile, `${[...new Set(builtinRuleSpecs().flatMap(({ spec }) => spec.keywords.map((k) => k.toLowerCase())))].join('\n')}\n`);
  const keywords = readFileSync(kwFile, 'utf8').trim().split('\n').length;
  const kw = (threads, cwd = dir, cli = CLI) => timed(node, [cli, 'scan', '.', '--format', 'json', '-q', '--no-ignore', '--threads', String(threads)], cwd, [0, 1]);
  const rows = [];
  const add = async (name, fn, on = dir) => rows.push({ name, on, ...(await best(opts.runs, fn)) });
  await timed(node, ['--input-type=module', '-e', FLOOR_READER, dir], ROOT); // warm the page cache
  await add('read all files (Node, as the walker reads)', () => timed(node, ['--input-type=module', '-e', FLOOR_READER, dir], ROOT));
  await add('`find -exec cat` (no decoding)', () => timed('sh', ['-c', 'find . -type f -exec cat {} + > /dev/null'], dir));
  if (hasRipgrep()) await add(`ripgrep -j1, ${keywords} keywords (-i -F -c)`, () => timed('rg', ['-j1', '-i', '-F', '-c', '--no-ignore', '--hidden', '-f', kwFile, '.'], dir, [0, 1]));
  await add('keywarden --threads 1', () => kw(1));
  if (opts.baseline) await add(`baseline ${opts.baseline} --threads 1`, () => kw(1, dir, opts.baseline));
  await add(`keywarden (default: ${DEFAULT_THREADS} threads)`, () => kw(DEFAULT_THREADS));
  if (opts.secretlint) {
    const sample = ensureSample(dir, opts.sample);
    const rc = join(BENCH, 'secretlintrc.json');
    writeFileSync(rc, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
    await add('secretlint (recommend preset)', () => timed(node, [SECRETLINT, '**/*', '--format', 'json', '--no-gitignore', '--no-color', '--secretlintrc', rc], sample, [0, 1]), sample);
    if (sample !== dir) await add('keywarden --threads 1 (same sample)', () => kw(1, sample), sample);
  }
  return rows;
}

// ---------------------------------------------------------------- report

function sizeOf(dir) {
  const files = listFiles(dir);
  return { files: files.length, bytes: files.reduce((s, f) => s + f.size, 0) };
}

function table(label, dir, rows) {
  const sizes = new Map();
  const size = (d) => sizes.get(d) ?? sizes.set(d, sizeOf(d)).get(d);
  const mb = (r) => size(r.on).bytes / 1e6;
  const floor = mb(rows[0]) / rows[0].seconds;
  const lines = [
    `### ${label}: ${size(dir).files.toLocaleString('en')} files, ${(size(dir).bytes / 1e6).toFixed(0)} MB`, '',
    '| reader / scanner | wall (s) | MB/s (wall) | vs read floor | CPU (s) | MB per CPU-second |', '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of rows) {
    const where = r.on === dir ? '' : ` — ${mb(r).toFixed(0)} MB sample (${size(r.on).files.toLocaleString('en')} files)`;
    const cpu = r.cpu === undefined ? ['–', '–'] : [r.cpu.toFixed(2), (mb(r) / r.cpu).toFixed(1)];
    lines.push(`| ${r.name}${where} | ${r.seconds.toFixed(2)} | ${(mb(r) / r.seconds).toFixed(1)} | ${(mb(r) / r.seconds / floor).toFixed(2)}× | ${cpu.join(' | ')} |`);
  }
  const rate = (name) => {
    const r = rows.find((x) => x.name.startsWith(name));
    return r && mb(r) / r.seconds;
  };
  const one = rate('keywarden --threads 1');
  const sl = rate('secretlint');
  const same = rate('keywarden --threads 1 (same sample)') ?? one;
  lines.push('', `keywarden, one thread: ${one?.toFixed(1)} MB/s wall (aim ≥ 100)${sl ? `; ${(same / sl).toFixed(1)}× secretlint's throughput on the same files (aim ≥ 5×)` : ''}.`);
  return lines.join('\n');
}

async function main() {
  const { values } = parseArgs({
    options: { size: { type: 'string', default: '300' }, real: { type: 'string' }, runs: { type: 'string', default: '1' }, sample: { type: 'string', default: '100' }, 'no-secretlint': { type: 'boolean' }, only: { type: 'string' }, 'baseline-cli': { type: 'string' } },
  });
  if (!existsSync(CLI)) throw new Error('dist/cli.js not found: run npm run bundle first');
  const opts = { runs: Number(values.runs), sample: Number(values.sample), secretlint: !values['no-secretlint'], baseline: values['baseline-cli'] };
  console.log(`node ${process.version}, ${availableParallelism()} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} (numbers are noisy when it is high), best of ${opts.runs} run(s)\n`);
  const corpora = [];
  if (values.only !== 'real') corpora.push({ label: `generated source-like corpus (seeded, ${values.size} MB target)`, dir: ensureGenerated(Number(values.size)) });
  if (values.only !== 'generated') {
    const real = ensureReal(values.real);
    corpora.push({ label: `real source tree: ${real.label}`, dir: real.dir });
  }
  for (const c of corpora) console.log(`${table(c.label, c.dir, await measure(c.dir, opts))}\n`);
}

await main();
