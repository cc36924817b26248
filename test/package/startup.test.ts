// What a pre-commit hook pays for at start-up (issue 15.4): the bin answers --version without loading
// the CLI, and the CLI bundle does not evaluate what a clean staged scan never uses. The bundle is
// run under V8's coverage, which counts the calls of every function: esbuild wraps each lazily
// initialised module in a function named by its path (`"node_modules/yaml/dist/index.js"() {…}`),
// so a module was evaluated exactly when its wrapper was called. An ESM import of a Node built-in is
// loaded when the bundle starts whether or not it is used, and esbuild lifts those imports out of
// lazily loaded modules too, so that rule holds for every file the CLI bundles.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { NODE } from '../helpers/cli.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const SRC = join(ROOT, 'src');
const read = (f: string): string => readFileSync(join(SRC, f), 'utf8');
const files = (readdirSync(SRC, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => f.split('\\').join('/'));
/** Static imports (not `import type`) of `what` in a source text. */
const imports = (text: string, what: RegExp): string[] => [...text.matchAll(/^import (?!type )[^;]*? from '([^']+)';/gm)].map((m) => m[1] ?? '').filter((s) => what.test(s));

const BIN = join(ROOT, 'dist/cli.js');
const hasGit = spawnSync('git', ['--version']).status === 0;

interface Evaluated {
  /** The scripts V8 compiled, by file name (the bin, the CLI bundle, isomorphic-git's bundle, …). */
  scripts: Set<string>;
  /** The bundled modules whose wrapper ran (`src/scan.ts`, `node_modules/yaml/dist/index.js`, …). */
  modules: Set<string>;
  /** Node's built-in modules the process loaded (`fs/promises`, `crypto`, …). */
  builtins: Set<string>;
  stdout: string;
}

/** Runs the bin under V8 coverage and says what it evaluated. */
function evaluated(args: string[], cwd: string): Evaluated {
  const coverage = mkdtempSync(join(tmpdir(), 'kw-cov-'));
  // A preloaded script writes the built-ins the run loaded (process.moduleLoadList) at exit.
  const preload = join(coverage, '..', `${coverage.slice(coverage.lastIndexOf('/') + 1)}-builtins.cjs`);
  const loaded = `${preload}.txt`;
  writeFileSync(preload, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(loaded)}, process.moduleLoadList.join('\\n')));\n`);
  const stdout = execFileSync(NODE, ['--require', preload, BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NODE_V8_COVERAGE: coverage } });
  const builtins = new Set(readFileSync(loaded, 'utf8').split('\n').flatMap((l) => (l.startsWith('NativeModule ') ? [l.slice('NativeModule '.length)] : [])));
  const scripts = new Set<string>();
  const modules = new Set<string>();
  for (const f of readdirSync(coverage)) {
    const { result } = JSON.parse(readFileSync(join(coverage, f), 'utf8')) as { result: { url: string; functions: { functionName: string; ranges: { count: number }[] }[] }[] };
    for (const s of result) {
      if (!s.url.includes('/dist/')) continue;
      scripts.add(s.url.slice(s.url.lastIndexOf('/') + 1));
      for (const fn of s.functions) if (/^(src|node_modules)\//.test(fn.functionName) && (fn.ranges[0]?.count ?? 0) > 0) modules.add(fn.functionName);
    }
  }
  return { scripts, modules, builtins, stdout };
}

/** Modules only a configuration file (re2js: its rules' linear-time engine), a missing git binary or the Action needs. */
const UNNEEDED = /^node_modules\/(yaml|ajv|ajv-formats|fast-uri|json-schema-traverse|isomorphic-git|re2js|@actions|@octokit)\/|^src\/config\/load\.ts$|^src\/rules\/linear-regex\.ts$/;

describe('start-up of the bundled bin (run `npm run bundle` first)', { skip: hasGit ? false : 'git is not installed' }, () => {
  let repo = '';
  before(() => {
    assert.ok(existsSync(BIN), 'dist/cli.js is missing: run `npm run bundle` first');
    repo = mkdtempSync(join(tmpdir(), 'kw-startup-'));
    const git = (...a: string[]) => execFileSync('git', a, { cwd: repo, stdio: 'ignore' });
    git('init', '-q');
    mkdirSync(join(repo, 'lib'));
    for (let i = 0; i < 10; i++) writeFileSync(join(repo, 'lib', `f${i}.js`), `export const label${i} = 'module ${i}';\n`);
    git('add', '-A');
  });

  it('--version loads no CLI bundle at all', () => {
    const r = evaluated(['--version'], repo);
    assert.match(r.stdout, /^keywarden \d+\.\d+\.\d+/);
    assert.deepEqual([...r.scripts], ['cli.js']);
  });

  it('a staged scan without .keywarden.yml evaluates neither the YAML parser, the schema validator nor isomorphic-git', () => {
    const r = evaluated(['scan', '--staged', '--quiet'], repo);
    assert.ok(r.scripts.has('cli-run.cjs') && r.modules.has('src/scan.ts'), `the scan's modules are seen (${[...r.modules].slice(0, 5).join(', ')}…)`);
    assert.ok(!r.scripts.has('iso-git.js'), 'isomorphic-git bundle not loaded');
    assert.deepEqual([...r.modules].filter((m) => UNNEEDED.test(m)), []);
    // Nor built-ins it has no use for (child_process it needs: the control that the list is read).
    assert.ok(r.builtins.has('child_process'));
    // perf_hooks: the global `performance` loads it on first use (src/engine/clock.ts).
    assert.deepEqual(['crypto', 'zlib', 'worker_threads', 'fs/promises', 'readline', 'perf_hooks'].filter((b) => r.builtins.has(b)), []);
  });

  it('the code cache written by the first staged scan is used by the next ones, not written again', () => {
    // A private temporary directory holds the cache (os.tmpdir() follows TMPDIR). V8 refuses a cache
    // written under other flags, and a scan changes one: the cache must be saved under V8's own.
    const tmp = mkdtempSync(join(tmpdir(), 'kw-startup-tmp-'));
    const run = () => execFileSync(NODE, [BIN, 'scan', '--staged', '--quiet'], { cwd: repo, env: { ...process.env, TMPDIR: tmp } });
    const cacheFiles = () => {
      const dir = readdirSync(tmp).find((d) => d.startsWith('keywarden-code-cache'));
      return dir ? readdirSync(join(tmp, dir)).map((f) => `${f} ${statSync(join(tmp, dir, f)).mtimeMs}`) : [];
    };
    run();
    const first = cacheFiles();
    assert.equal(first.length, 1, 'the first run writes one cache file');
    run();
    run();
    assert.deepEqual(cacheFiles(), first, 'later runs start from it and leave it as it is');
  });

  it('the same scan with a .keywarden.yml does evaluate them (the check above can see them)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kw-startup-cfg-'));
    execFileSync('git', ['init', '-q'], { cwd: dir });
    writeFileSync(join(dir, '.keywarden.yml'), 'disable: [github-pat]\n');
    const r = evaluated(['scan', '--staged', '--quiet'], dir);
    const seen = [...r.modules].filter((m) => UNNEEDED.test(m));
    for (const m of [/^node_modules\/yaml\//, /^node_modules\/ajv\//, /^node_modules\/re2js\//, /^src\/config\/load\.ts$/]) assert.ok(seen.some((s) => m.test(s)), `${m} evaluated with a config file`);
  });
});

describe('start-up', () => {
  it('node:crypto, node:zlib and node:worker_threads are loaded on use outside the Action and the detector worker', () => {
    // src/action/ and src/github/ are the Action's bundle; src/engine/worker.ts is the worker's own.
    const cli = files.filter((f) => !/^(action|github)\//.test(f) && f !== 'engine/worker.ts');
    const offenders = cli.flatMap((f) => imports(read(f), /^node:(crypto|zlib|worker_threads)$/).map((m) => `${f}: ${m}`));
    assert.deepEqual(offenders, [], 'use src/core/builtins.ts');
  });

  it('a scan without .keywarden.yml loads neither the YAML parser nor the schema validator', () => {
    const scanConfig = read('config/scan-config.ts');
    assert.deepEqual(imports(scanConfig, /\/load\.ts$|^yaml$|^ajv$/), []);
    assert.match(scanConfig, /await import\('\.\/load\.ts'\)/);
  });

  it('isomorphic-git is imported only through the module the build makes a bundle of its own', () => {
    const users = files.filter((f) => /from 'isomorphic-git'|(?<!typeof )import\('isomorphic-git'\)/.test(read(f)));
    assert.deepEqual(users, ['sources/git/iso-git.ts']);
    assert.match(readFileSync(join(ROOT, 'scripts/build.mjs'), 'utf8'), /out: 'iso-git\.js'/);
  });
});
