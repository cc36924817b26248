// What a pre-commit hook pays for at start-up (issue 15.4): the bin turns on the compile cache before
// anything else loads, and the CLI bundle does not load what a clean staged scan never uses. An ESM
// import of a Node built-in is loaded when the bundle starts whether or not it is used, and esbuild
// lifts those imports out of lazily loaded modules too, so the rule holds for every file the CLI
// bundles.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const ROOT = join(import.meta.dirname, '..', '..');
const SRC = join(ROOT, 'src');
const read = (f: string): string => readFileSync(join(SRC, f), 'utf8');
const files = (readdirSync(SRC, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => f.split('\\').join('/'));
/** Static imports (not `import type`) of `what` in a source text. */
const imports = (text: string, what: RegExp): string[] => [...text.matchAll(/^import (?!type )[^;]*? from '([^']+)';/gm)].map((m) => m[1] ?? '').filter((s) => what.test(s));

describe('start-up', () => {
  it('the bin entry imports only node:module, then the CLI (after turning on the compile cache)', () => {
    const entry = read('cli/index.ts');
    assert.deepEqual(imports(entry, /./), ['node:module']);
    assert.ok(entry.indexOf('enableCompileCache') < entry.indexOf("await import('./run.ts')"));
  });

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
