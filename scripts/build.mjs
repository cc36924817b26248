// Bundles the CLI (dist/cli.js) and the Action (dist/index.js) with esbuild. The built-in data module
// (src/data/builtin.ts) is replaced by its evaluated, pre-validated result, so the bundle parses no
// YAML at start-up and cannot drift from rules/. Also writes dist/licenses.txt for bundled packages.
import { build } from 'esbuild';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { builtinModuleSource } from './builtin-data.mjs';
import { writeWasmModules } from './wasm.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const inlineBuiltin = {
  name: 'inline-builtin',
  setup(b) {
    b.onLoad({ filter: /src[\\/]data[\\/]builtin\.ts$/ }, async () => ({ contents: await builtinModuleSource(), loader: 'js' }));
  },
};

const banner = "import { createRequire as __kwCreateRequire } from 'node:module'; const require = __kwCreateRequire(import.meta.url);";

// The bin's entry (src/cli/index.ts) answers --version and runs the CLI bundle through a V8 code cache
// (src/cli/code-cache.ts): the CLI is a CommonJS file of its own, evaluated by node:vm in a wrapper
// that passes it `import.meta.url` as __kwMetaUrl and an `import()` as __kwImport.
const cliRun = {
  name: 'cli-run-external',
  setup(b) {
    b.onResolve({ filter: /^\.\/run\.ts$/ }, (args) => (/src[\\/]cli[\\/]index\.ts$/.test(args.importer) ? { path: './run.ts', external: true } : undefined));
  },
};

/** The CLI bundle's one dynamic import (isomorphic-git's bundle) goes through the wrapper's __kwImport. */
function routeDynamicImport(file) {
  const text = readFileSync(file, 'utf8');
  const out = text.replaceAll('import("./iso-git.js")', '__kwImport("./iso-git.js")');
  if (out === text) throw new Error(`${file}: the import of ./iso-git.js was not found`);
  const left = /(?<![.\w$])import\s*\(\s*"/.exec(out);
  if (left) throw new Error(`${file}: an import() node:vm cannot run: ${out.slice(left.index, left.index + 80)}`);
  writeFileSync(file, out);
}

// isomorphic-git (the backend used only without a git binary) is a bundle of its own, loaded on demand.
const isoGit = {
  name: 'iso-git-external',
  setup(b) {
    b.onResolve({ filter: /^\.\/iso-git\.ts$/ }, () => ({ path: './iso-git.js', external: true }));
  },
};

const entries = [
  // The bin's entry imports no built-in (src/cli/code-cache.ts), so it gets no `require` banner either.
  { in: 'src/cli/index.ts', out: 'cli.js', shebang: true, plugins: [cliRun], noRequire: true },
  { in: 'src/cli/run.ts', out: 'cli-run.cjs', plugins: [isoGit], cjs: true },
  { in: 'src/sources/git/iso-git.ts', out: 'iso-git.js' },
  { in: 'src/action/index.ts', out: 'index.js', plugins: [isoGit] },
  { in: 'src/engine/worker.ts', out: 'worker.js' },
].filter((e) => existsSync(join(root, e.in)));

// The WebAssembly modules, compiled from their .wat (the committed bytes must match them).
await writeWasmModules();

// A fresh dist/ each time: a stray file there would ship in the package (check-dist then shows it deleted).
rmSync(join(root, 'dist'), { recursive: true, force: true });
mkdirSync(join(root, 'dist'), { recursive: true });
// One bundle per entry, no code splitting: the package's files keep stable names (chunk files named
// by hash would be new, untracked files after every rebuild). What an entry loads with `import()`
// (a subcommand, the isomorphic-git backend) is still initialised only when used.
const inputs = new Set();
for (const e of entries) {
  const result = await build({
    entryPoints: [join(root, e.in)],
    outfile: join(root, 'dist', e.out),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: e.cjs ? 'cjs' : 'esm',
    ...(e.cjs ? { define: { 'import.meta.url': '__kwMetaUrl' } } : { banner: { js: (e.shebang ? '#!/usr/bin/env node\n' : '') + (e.noRequire ? '' : banner) } }),
    plugins: [inlineBuiltin, ...(e.plugins ?? [])],
    metafile: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  for (const i of Object.keys(result.metafile.inputs)) inputs.add(i);
  if (e.cjs) routeDynamicImport(join(root, 'dist', e.out));
  asciiOnly(join(root, 'dist', e.out));
}

/**
 * Escapes the non-ASCII characters esbuild leaves (in comments and regex literals; its strings are
 * already escaped): Node reads a pure-ASCII module as a one-byte string, where a single `…` makes the
 * whole 2 MB bundle a two-byte string decoded the slow way, on every start (about 5 ms).
 */
function asciiOnly(file) {
  const text = readFileSync(file, 'utf8');
  const ascii = text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (ascii !== text) writeFileSync(file, ascii);
}

// Third-party licences of everything bundled.
const pkgs = new Map();
for (const i of inputs) {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(i);
  if (m) pkgs.set(m[1], i.slice(0, i.indexOf(m[1]) + m[1].length));
}
const parts = [];
for (const [name, dir] of [...pkgs].sort(([a], [b]) => (a < b ? -1 : 1))) {
  const pj = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
  const lic = readdirSync(join(root, dir)).find((f) => /^(licen[cs]e|copying)/i.test(f));
  parts.push(`${name}@${pj.version} (${pj.license ?? 'unknown'})\n${lic ? readFileSync(join(root, dir, lic), 'utf8').trim() : ''}\n`);
}
writeFileSync(join(root, 'dist/licenses.txt'), parts.join('\n-----\n\n'));
chmodSync(join(root, 'dist/cli.js'), 0o755);
console.log(`built ${entries.map((e) => `dist/${e.out}`).join(', ')} (${pkgs.size} bundled packages)`);
