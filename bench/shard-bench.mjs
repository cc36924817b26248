#!/usr/bin/env node
// Sharded history scan benchmark: N shards (`scan --history --shard I/N --format json`) run as N local
// processes at once, then `keywarden merge`; checks that the merged report equals the unsharded scan
// (same fingerprints, rules, occurrences with their introducing commits) and prints, for N = 1, 2, 4,
// the wall time of the whole and of each shard, and each shard's CPU seconds: on N runners each shard
// runs alone, so the slowest shard's wall time is what a matrix job would take.
//
//   npm run bench:shards -- <repository or mirror> [--shards 1,2,4] [--cli dist/cli.js] [--branch B]… [--skip-alone]
//
// --branch limits every scan to those branches (a mirror whose other refs reach missing objects);
// --skip-alone leaves out the shards-alone runs (their wall time means nothing on a loaded machine;
// the CPU seconds per shard come from the run with all shards at once). The load average is printed.
//
// Also prints the floor `git cat-file --batch-all-objects --batch --unordered > /dev/null`, measured in
// the same run.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values, positionals } = parseArgs({
  options: { shards: { type: 'string', default: '1,2,4' }, cli: { type: 'string' }, branch: { type: 'string', multiple: true }, 'skip-alone': { type: 'boolean' } },
  allowPositionals: true,
});
const branches = (values.branch ?? []).flatMap((b) => ['--branch', b]);
const repo = positionals[0];
if (!repo || !existsSync(repo)) {
  console.error('usage: npm run bench:shards -- <path of a git repository or mirror> [--shards 1,2,4] [--cli FILE]');
  process.exit(2);
}
const cli = resolve(values.cli ?? join(ROOT, 'dist/cli.js'));
const counts = values.shards.split(',').map(Number);
const out = mkdtempSync(join(tmpdir(), 'kw-shards-'));

/** Runs a command; resolves with wall ms and the child's CPU seconds (user + sys, from /proc-less rusage). */
function run(cmd, args, stdoutFile) {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const shell = stdoutFile ? `exec "$0" "$@" > '${stdoutFile}'` : 'exec "$0" "$@" > /dev/null';
    const child = spawn('/usr/bin/time', ['-f', '%U %S %M', 'sh', '-c', shell, cmd, ...args], { cwd: resolve(repo), stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const last = stderr.trim().split('\n').pop() ?? '';
      const [user, sys, maxKb] = last.split(' ').map(Number);
      if (code !== 0 && code !== 1) return reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${stderr.slice(0, 300)}`));
      resolvePromise({ ms: performance.now() - started, cpu: (user ?? 0) + (sys ?? 0), rssMb: (maxKb ?? 0) / 1024 });
    });
  });
}

const secretsOf = (file) => JSON.parse(readFileSync(file, 'utf8')).secrets;
const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`;

const floor = await run('git', ['cat-file', '--batch-all-objects', '--batch', '--unordered']);
const whole = await run(process.execPath, [cli, 'scan', '--history', ...branches, '--format', 'json', '--threads', '1', '--no-color'], join(out, 'whole.json'));
const reference = JSON.stringify(secretsOf(join(out, 'whole.json')));
console.log(`load average at the start: ${loadavg().map((l) => l.toFixed(2)).join(', ')} on ${availableParallelism()} cores`);
console.log(`repository: ${repo} (HEAD ${(await import('node:child_process')).execFileSync('git', ['rev-parse', 'HEAD'], { cwd: resolve(repo), encoding: 'utf8' }).trim()})`);
console.log(`floor (cat-file --batch-all-objects): ${fmt(floor.ms)}; unsharded scan, 1 thread: ${fmt(whole.ms)} (${(whole.ms / floor.ms).toFixed(1)}x the floor), ${whole.cpu.toFixed(1)} CPU-s, ${whole.rssMb.toFixed(0)} MB RSS`);
console.log('| shards | wall, all at once on this machine | speed-up | slowest shard alone (wall) | CPU-s per shard | merged = unsharded |');
console.log('|---|---|---|---|---|---|');
for (const n of counts) {
  const files = Array.from({ length: n }, (_, i) => join(out, `n${n}-${i + 1}.json`));
  const started = performance.now();
  const parts = await Promise.all(files.map((f, i) => run(process.execPath, [cli, 'scan', '--history', ...branches, '--shard', `${i + 1}/${n}`, '--format', 'json', '--threads', '1', '--no-color'], f)));
  const wall = performance.now() - started;
  // Each shard alone, one after the other: what one runner of a matrix would take.
  const alone = [];
  for (let i = 0; i < n && !values['skip-alone']; i++) alone.push(await run(process.execPath, [cli, 'scan', '--history', ...branches, '--shard', `${i + 1}/${n}`, '--format', 'json', '--threads', '1', '--no-color']));
  await run(process.execPath, [cli, 'merge', '--format', 'json', '--output', join(out, `n${n}-merged.json`), ...files]);
  const same = JSON.stringify(secretsOf(join(out, `n${n}-merged.json`))) === reference;
  const slowest = Math.max(...alone.map((a) => a.ms));
  const aloneCell = alone.length ? `${fmt(slowest)} (${(whole.ms / slowest).toFixed(2)}x)` : 'not run';
  console.log(`| ${n} | ${fmt(wall)} | ${(whole.ms / wall).toFixed(2)}x | ${aloneCell} | ${parts.map((p) => p.cpu.toFixed(1)).join(', ')} (max ${Math.max(...parts.map((p) => p.cpu)).toFixed(1)} of ${whole.cpu.toFixed(1)}) | ${same ? 'yes' : 'NO'} |`);
  if (!same) process.exitCode = 1;
}
console.log(`load average at the end: ${loadavg().map((l) => l.toFixed(2)).join(', ')}`);
rmSync(out, { recursive: true, force: true });
