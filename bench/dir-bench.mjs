#!/usr/bin/env node
// Directory-scan throughput: keywarden against read floors and secretlint on two corpora under .bench/
// (git-ignored, warm page cache):
//   generated  ~300 MB of source-like files in many formats (the eval corpus's formats and filler, with
//              planted secrets and decoy files about one per megabyte); cached between runs.
//   real       a real source tree: moby/moby extracted from a fetched mirror, or --real DIR, or else the
//              JS/TS sources of keywarden's own node_modules.
// For each corpus: the floor "read all files" (Node, walking and reading like src/sources/files.ts),
// `find -exec cat`, ripgrep with the rules' keyword alternation (when rg is installed), keywarden with
// --threads 1 and 2, and secretlint (recommended preset) on a hard-linked sample; alternated rounds,
// medians, CPU and peak RSS (measure.mjs), ratios to the read floor and to ripgrep.
//
//   npm run bench -- [--size 300] [--real DIR] [--runs 3] [--sample 100] [--no-secretlint] [--only generated|real]
//                    [--baseline-cli OTHER/dist/cli.js]   (adds a row for another build, for before/after numbers)
//                    [--readme [--readme-key bench-large]]   (writes the output into README.md between the
//                    bench:bench markers, or those of the key given)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { builtinRuleSpecs } from '../src/data/builtin.ts';
import { rng } from '../src/rules/examples.ts';
import { buildCorpus } from './eval/corpus.ts';
import { makeDecoyFile } from './eval/decoy-files.ts';
import { assemble } from './eval/host.ts';
import { ALL_HOSTS } from './eval/jobs.ts';
import { corpusName, machineLine, paired, ratioTable, updateReadme } from './measure.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BENCH = join(ROOT, '.bench');
const CLI = join(ROOT, 'dist/cli.js');
const SECRETLINT = join(ROOT, 'node_modules/secretlint/bin/secretlint.js');

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
  if (explicit) return { dir: explicit, label: corpusName(explicit) };
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

function hasRipgrep() {
  return spawnSync('rg', ['--version']).status === 0;
}

/** Every case of one corpus, in table order, each tagged with the tree it reads (`on`). */
function cases(dir, opts) {
  const node = process.execPath;
  mkdirSync(BENCH, { recursive: true });
  const kwFile = join(BENCH, 'keywords.txt');
  writeFileSync(kwFile, `${[...new Set(builtinRuleSpecs().flatMap(({ spec }) => spec.keywords.map((k) => k.toLowerCase())))].join('\n')}\n`);
  const keywords = readFileSync(kwFile, 'utf8').trim().split('\n').length;
  const kw = (name, threads, cwd = dir, cli = CLI) => ({ name, cmd: node, args: [cli, 'scan', '.', '--format', 'json', '-q', '--no-ignore', '--threads', String(threads)], cwd, ok: [0, 1], on: cwd });
  const list = [
    { name: 'read all files (Node, as the walker reads)', short: 'read', cmd: node, args: ['--input-type=module', '-e', FLOOR_READER, dir], cwd: ROOT, on: dir },
    { name: '`find -exec cat` (no decoding)', shell: 'find . -type f -exec cat {} + > /dev/null', cwd: dir, on: dir },
    hasRipgrep()
      ? { name: `ripgrep -j1, ${keywords} keywords (-i -F -c)`, short: 'ripgrep', cmd: 'rg', args: ['-j1', '-i', '-F', '-c', '--no-ignore', '--hidden', '-g', '!.git', '-f', kwFile, '.'], cwd: dir, ok: [0, 1], on: dir }
      : { name: 'ripgrep', short: 'ripgrep', skip: 'rg is not installed' },
    kw('keywarden --threads 1', 1),
    kw('keywarden --threads 2', 2),
  ];
  if (opts.baseline) list.push(kw(`baseline ${opts.baseline} --threads 1`, 1, dir, opts.baseline));
  if (opts.secretlint) {
    const sample = ensureSample(dir, opts.sample);
    const rc = join(BENCH, 'secretlintrc.json');
    writeFileSync(rc, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
    list.push({ name: 'secretlint (recommend preset)', cmd: node, args: [SECRETLINT, '**/*', '--format', 'json', '--no-gitignore', '--no-color', '--secretlintrc', rc], cwd: sample, ok: [0, 1], on: sample });
    if (sample !== dir) list.push(kw('keywarden --threads 1 (same sample)', 1, sample));
  }
  return list;
}

// ---------------------------------------------------------------- report

function sizeOf(dir) {
  const files = listFiles(dir);
  return { files: files.length, bytes: files.reduce((s, f) => s + f.size, 0) };
}

function table(label, dir, list, rows) {
  const sizes = new Map();
  const size = (d) => sizes.get(d) ?? sizes.set(d, sizeOf(d)).get(d);
  const on = (r) => list.find((c) => c.name === r.name)?.on ?? dir;
  for (const r of rows) r.short = list.find((c) => c.name === r.name)?.short;
  const mb = (r) => size(on(r)).bytes / 1e6;
  const sampled = rows.filter((r) => !r.skip && on(r) !== dir);
  const lines = [`#### ${label}: ${size(dir).files.toLocaleString('en')} files, ${(size(dir).bytes / 1e6).toFixed(0)} MB`, '', ratioTable(rows.filter((r) => r.skip || on(r) === dir), ['read all files (Node, as the walker reads)', rows.find((r) => r.short === 'ripgrep')?.name ?? ''])];
  if (sampled.length) {
    lines.push('', `On a ${(size(on(sampled[0])).bytes / 1e6).toFixed(0)} MB sample (${size(on(sampled[0])).files.toLocaleString('en')} files), since secretlint is slow:`, '', ratioTable(sampled, []));
  }
  const rate = (name) => {
    const r = rows.find((x) => !x.skip && x.name === name);
    return r && mb(r) / r.wall;
  };
  const one = rate('keywarden --threads 1');
  const sl = rate('secretlint (recommend preset)');
  const same = rate('keywarden --threads 1 (same sample)') ?? one;
  lines.push('', `keywarden, one thread: ${one?.toFixed(1)} MB/s wall${sl ? `; ${(same / sl).toFixed(1)}× secretlint's throughput on the same files` : ''}.`);
  return lines.join('\n');
}

async function main() {
  const { values } = parseArgs({
    options: { size: { type: 'string', default: '300' }, real: { type: 'string' }, runs: { type: 'string', default: '3' }, readme: { type: 'boolean' }, 'readme-key': { type: 'string', default: 'bench' }, sample: { type: 'string', default: '100' }, 'no-secretlint': { type: 'boolean' }, only: { type: 'string' }, 'baseline-cli': { type: 'string' } },
  });
  if (!existsSync(CLI)) throw new Error('dist/cli.js not found: run npm run bundle first');
  const opts = { runs: Number(values.runs), sample: Number(values.sample), secretlint: !values['no-secretlint'], baseline: values['baseline-cli'] };
  const out = [`${machineLine(opts.runs)}\n`];
  const corpora = [];
  if (values.only !== 'real') corpora.push({ label: `generated source-like corpus (seeded, ${values.size} MB target)`, dir: ensureGenerated(Number(values.size)) });
  if (values.only !== 'generated') {
    const real = ensureReal(values.real);
    corpora.push({ label: `real source tree: ${real.label}`, dir: real.dir });
  }
  for (const c of corpora) {
    const list = cases(c.dir, opts);
    out.push(`${table(c.label, c.dir, list, await paired(list, opts.runs, { log: (m) => console.error(m) }))}\n`);
  }
  console.log(out.join('\n'));
  if (values.readme) updateReadme(values['readme-key'], out.join('\n'));
}

await main();
