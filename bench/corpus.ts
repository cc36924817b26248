// The texts the in-process benches read: the files of a directory, or a sample of a repository's
// blobs. Shared by bench/decode-bench.ts and bench/rule-cost.ts.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DEFAULT_MAX_FILE_SIZE } from '../src/settings.ts';

/** Paths of the files under `dir` (name order, no `.git`, none over the scanner's default size limit). */
export function* walk(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (e.name === '.git') continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else if (e.isFile() && statSync(p).size < DEFAULT_MAX_FILE_SIZE) yield p;
  }
}

/** A text to scan: its bytes and the path it is scanned under ('' for a blob, whose paths are not looked up). */
export interface Item {
  path: string;
  bytes: Buffer;
}

/** Every `every`th file under `dir` (paths relative to it), read one at a time. */
export function* files(dir: string, every = 1): Generator<Item> {
  let i = 0;
  for (const p of walk(dir)) if (i++ % every === every - 1) yield { path: relative(dir, p), bytes: readFileSync(p) };
}

/** Every Nth blob (by object id) of a repository's objects, read with one `git cat-file --batch`. */
export function* blobs(repo: string, every: number): Generator<Item> {
  const git = (args: string[], input?: string): Buffer => {
    const r = spawnSync('git', ['-C', repo, ...args], { input, maxBuffer: 2 ** 34 });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };
  const ids = git(['cat-file', '--batch-all-objects', '--batch-check=%(objecttype) %(objectname)'])
    .toString('latin1')
    .split('\n')
    .filter((l) => l.startsWith('blob '))
    .map((l) => l.slice(5))
    .filter((_, i) => i % every === every - 1);
  const out = git(['cat-file', '--batch'], `${ids.join('\n')}\n`);
  for (let at = 0; at < out.length; ) {
    const nl = out.indexOf(10, at);
    const size = Number(out.toString('latin1', at, nl).split(' ')[2]);
    yield { path: '', bytes: out.subarray(nl + 1, nl + 1 + size) };
    at = nl + 1 + size + 1;
  }
}
