// Runs the CLI bundle (a CommonJS file) with a V8 code cache taken after a whole run, so that every
// function the run compiled comes back compiled. Node's own compile cache (module.enableCompileCache)
// is taken when a module is compiled, before it runs: it holds the bundle's top level only, and each
// of the hundreds of functions a staged scan calls was compiled again, lazily, on every commit
// (measured: a 10-file staged scan 141 → 119 ms). `vm.Script#createCachedData` after the run holds
// them all. Works alike on Node 20 and 24.
//
// One cache file per bundle file (path, size, mtime), Node version and kind of run (the command, and
// whether it is a staged scan: the hook's run is the one worth having whole). It is written when it
// was missing or V8 rejected it, into a directory of the user's own (mode 700, checked before use:
// compiled code is only trusted from there). NODE_DISABLE_COMPILE_CACHE=1 turns it off, as it does
// Node's cache. Any failure to read or write the cache only costs time.
import type { Script } from 'node:vm';

// Built-ins through process.getBuiltinModule, not `import`: an ES module import of node:fs builds
// an ESM facade of every export, which loads fs streams (4 ms of a 40 ms budget).
const { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } = process.getBuiltinModule('node:fs');
const { createRequire } = process.getBuiltinModule('node:module');
const { tmpdir } = process.getBuiltinModule('node:os');
const { dirname, join } = process.getBuiltinModule('node:path');
const { pathToFileURL } = process.getBuiltinModule('node:url');
const vm = process.getBuiltinModule('node:vm');

/**
 * The parameters the bundle's wrapper function receives, beyond CommonJS's own: its `import.meta.url`
 * (the build defines `import.meta.url` as `__kwMetaUrl`) and an `import()` from the entry (a script
 * run by node:vm has no module loader of its own; the build calls `__kwImport` for the one module
 * the bundle loads on demand).
 */
const WRAPPER_PARAMS = ['exports', 'require', 'module', '__filename', '__dirname', '__kwMetaUrl', '__kwImport'];

/** The cache's directory, created private to this user; undefined when it cannot be trusted or made. */
export function cacheDirectory(env: Readonly<Record<string, string | undefined>> = process.env, base: string = tmpdir()): string | undefined {
  if (env.NODE_DISABLE_COMPILE_CACHE === '1') return undefined;
  const uid = process.getuid?.();
  const dir = join(base, uid === undefined ? 'keywarden-code-cache' : `keywarden-code-cache-${uid}`);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = statSync(dir);
    // Another user's directory, or one others may write to, could hold planted code.
    if (uid !== undefined && (st.uid !== uid || (st.mode & 0o022) !== 0)) return undefined;
    return dir;
  } catch {
    return undefined;
  }
}

/** FNV-1a (32 bits, twice with different seeds): a file name for the cache key, without loading node:crypto. */
function hashName(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/** What the cache of a run is kept apart by: the command, and whether it scans the index. */
export function runKind(argv: readonly string[]): string {
  const command = /^[a-z][a-z-]*$/.test(argv[0] ?? '') ? (argv[0] as string) : '-';
  return argv.includes('--staged') ? `${command}+staged` : command;
}

/** How a bundle was compiled: without a cache, from its cache, or afresh (no cache yet, or V8 refused it). */
export type CacheUse = 'off' | 'accepted' | 'absent' | 'rejected';

/**
 * Loads the CommonJS bundle at `file` (ASCII only: it is read as a one-byte string) and returns its
 * exports. `cacheDir` undefined: no cache.
 */
export function loadBundle(file: string, kind: string, cacheDir: string | undefined): { exports: Record<string, unknown>; cache: CacheUse } {
  const fd = openSync(file, 'r');
  let source: string;
  let key: string;
  try {
    const st = fstatSync(fd);
    key = hashName([file, st.size, st.mtimeMs, process.version, process.arch, process.execArgv.join(' '), kind].join('\0'));
    source = readFileSync(fd, 'latin1');
  } finally {
    closeSync(fd);
  }
  const cachePath = cacheDir && join(cacheDir, key);
  let cachedData: Buffer | undefined;
  if (cachePath) {
    try {
      cachedData = readFileSync(cachePath);
    } catch {
      // No cache yet.
    }
  }
  // The wrapper opens on the bundle's first line, so line numbers in stack traces are the file's.
  const script = new vm.Script(`(function (${WRAPPER_PARAMS.join(', ')}) {${source}\n})`, { filename: file, cachedData });
  const cache: CacheUse = !cachePath ? 'off' : !cachedData ? 'absent' : script.cachedDataRejected ? 'rejected' : 'accepted';
  const module = { exports: {} as Record<string, unknown> };
  // The bundle's beforeCodeCache puts back the V8 flags it changed: a cache written under other flags is refused.
  if (cachePath && cache !== 'accepted')
    process.once('exit', () => {
      (module.exports.beforeCodeCache as (() => void) | undefined)?.();
      saveCache(script, cachePath);
    });
  const url = pathToFileURL(file);
  const importer = (specifier: string): Promise<unknown> => import(new URL(specifier, url).href);
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file), url.href, importer);
  return { exports: module.exports, cache };
}

/** Cache files kept in the directory: every new bundle (an upgrade, a rebuild) writes new ones. */
export const KEEP_FILES = 24;

/**
 * Writes the code compiled so far (written whole, then renamed: concurrent runs never read half a
 * file), then removes the oldest files beyond KEEP_FILES.
 */
function saveCache(script: Script, cachePath: string): void {
  const tmp = `${cachePath}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
    renameSync(tmp, cachePath);
    pruneCache(dirname(cachePath));
  } catch {
    // A read-only or full disk: the next run compiles again.
  }
}

/** Removes the least recently written files of `dir` beyond `keep`. */
export function pruneCache(dir: string, keep = KEEP_FILES): void {
  const names = readdirSync(dir);
  if (names.length <= keep) return;
  const byAge = names.map((n) => ({ path: join(dir, n), mtime: statSync(join(dir, n), { throwIfNoEntry: false })?.mtimeMs ?? 0 })).sort((a, b) => b.mtime - a.mtime);
  for (const f of byAge.slice(keep)) rmSync(f.path, { force: true });
}
