// The bin runs the CLI bundle through a V8 code cache taken after a whole run (src/cli/code-cache.ts):
// the first run writes it, the next ones start from it, a changed bundle or Node gets a cache of its
// own, and a cache directory others could write to is never used.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { cacheDirectory, pruneCache, runKind } from '../../src/cli/code-cache.ts';

const CODE_CACHE = join(import.meta.dirname, '../../src/cli/code-cache.ts');

/** Loads `file` through loadBundle in a fresh process; returns how the cache was used and what the bundle returned. */
function loadInChild(file: string, cacheDir: string, kind = 'scan'): { cache: string; value: unknown } {
  const script = `import { loadBundle } from ${JSON.stringify(CODE_CACHE)};
const r = loadBundle(${JSON.stringify(file)}, ${JSON.stringify(kind)}, ${JSON.stringify(cacheDir)});
console.log(JSON.stringify({ cache: r.cache, value: await r.exports.value() }));`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }));
}

/** A CommonJS bundle that uses what the wrapper passes: require, __kwMetaUrl and __kwImport. */
function writeBundle(dir: string, body = 'return 21 * 2;'): string {
  writeFileSync(join(dir, 'lazy.mjs'), 'export const answer = "imported";\n');
  const file = join(dir, 'bundle.cjs');
  writeFileSync(file, `const { basename } = require('node:path');
function compute() { ${body} }
exports.value = async () => ({ n: compute(), meta: basename(new URL(__kwMetaUrl).pathname), lazy: (await __kwImport('./lazy.mjs')).answer });
`);
  return file;
}

describe('code cache of the CLI bundle', () => {
  it('the first run writes the cache, the second starts from it; the bundle sees require, its URL and import()', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kw-cc-'));
    const cacheDir = join(dir, 'cache');
    mkdirSync(cacheDir, { mode: 0o700 });
    const file = writeBundle(dir);
    const first = loadInChild(file, cacheDir);
    assert.deepEqual(first, { cache: 'absent', value: { n: 42, meta: 'bundle.cjs', lazy: 'imported' } });
    assert.equal(readdirSync(cacheDir).length, 1, 'one cache file written at exit');
    assert.deepEqual(loadInChild(file, cacheDir), { ...first, cache: 'accepted' });
    // Another kind of run keeps a cache of its own.
    assert.equal(loadInChild(file, cacheDir, 'scan+staged').cache, 'absent');
    assert.equal(readdirSync(cacheDir).length, 2);
  });

  it('a changed bundle is compiled afresh, never run from the old code', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kw-cc-'));
    const cacheDir = join(dir, 'cache');
    mkdirSync(cacheDir, { mode: 0o700 });
    const file = writeBundle(dir);
    assert.equal(loadInChild(file, cacheDir).cache, 'absent');
    // Same length, same mtime would be the only blind spot: change both length and mtime here.
    writeBundle(dir, 'return 6 * 7 + 1;');
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    const changed = loadInChild(file, cacheDir);
    assert.equal(changed.cache, 'absent');
    assert.deepEqual(changed.value, { n: 43, meta: 'bundle.cjs', lazy: 'imported' });
  });

  it('is off with NODE_DISABLE_COMPILE_CACHE=1, and refuses a directory others may write to', { skip: process.getuid === undefined ? 'no uids on this platform' : false }, () => {
    const base = mkdtempSync(join(tmpdir(), 'kw-cc-'));
    assert.equal(cacheDirectory({ NODE_DISABLE_COMPILE_CACHE: '1' }, base), undefined);
    const dir = cacheDirectory({}, base);
    if (dir === undefined) throw new Error('no cache directory under a fresh temporary directory');
    assert.ok(dir.startsWith(base));
    chmodSync(dir, 0o777);
    assert.equal(cacheDirectory({}, base), undefined, 'a world-writable cache directory is not trusted');
    chmodSync(dir, 0o700);
    assert.equal(cacheDirectory({}, base), dir);
  });

  it('keeps the staged scan (the pre-commit hook) apart from other runs of the same command', () => {
    assert.equal(runKind(['scan', '--staged', '--quiet']), 'scan+staged');
    assert.equal(runKind(['scan', '.']), 'scan');
    assert.equal(runKind(['../odd/name']), '-');
    assert.equal(runKind([]), '-');
  });

  it('keeps the newest files of the cache directory only (every rebuild or upgrade writes new ones)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kw-cc-'));
    for (let i = 0; i < 6; i++) {
      writeFileSync(join(dir, `f${i}`), 'x');
      utimesSync(join(dir, `f${i}`), new Date(), new Date(1_700_000_000_000 + i * 1000));
    }
    pruneCache(dir, 4);
    assert.deepEqual(readdirSync(dir).sort(), ['f2', 'f3', 'f4', 'f5']);
    pruneCache(dir, 4);
    assert.equal(readdirSync(dir).length, 4);
  });
});
