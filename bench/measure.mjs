// Shared by the benchmarks: run commands alternated in the same rounds (so that machine load hits
// every case alike), take medians, and print ratios against a floor, with CPU time and peak RSS.
// CPU (user + system, all threads and children) and RSS come from GNU time when it is installed;
// without it only wall time is shown.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';

export const GNU_TIME = existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-f', '%U', 'true']).status === 0;

/**
 * `KEYWARDEN_BENCH_RT=1` runs every measured command (and the threads and processes it starts) under
 * the round-robin real-time policy (`chrt -r 50`), ahead of every ordinary process: on a machine
 * shared with other work, the wall times then measure the commands, not the neighbours. Needs the
 * privilege to set a real-time policy; the header says when it is on.
 */
export const REALTIME = process.env.KEYWARDEN_BENCH_RT === '1';
if (REALTIME && spawnSync('chrt', ['-r', '50', 'true']).status !== 0) {
  console.error('KEYWARDEN_BENCH_RT=1: `chrt -r 50` is not permitted here (needs CAP_SYS_NICE)');
  process.exit(2);
}

/**
 * One case: `cmd args` run in `cwd`; `shell` runs a `sh -c` line instead (for `> /dev/null`).
 * Exit codes in `ok` (default [0]) count as success.
 * @typedef {{ name: string, cmd?: string, args?: string[], shell?: string, cwd?: string, ok?: number[], skip?: string }} Case
 */

/** Runs one case once: wall seconds, CPU seconds and peak RSS in MB (both undefined without GNU time). */
export function runOnce(c) {
  const [cmd0, args0] = c.shell ? ['sh', ['-c', c.shell]] : [c.cmd, c.args ?? []];
  const [cmd, args] = REALTIME ? ['chrt', ['-r', '50', cmd0, ...args0]] : [cmd0, args0];
  const [bin, argv] = GNU_TIME ? ['/usr/bin/time', ['-f', 'KW-TIME %U %S %M', cmd, ...args]] : [cmd, args];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(bin, argv, { cwd: c.cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const wall = (performance.now() - started) / 1000;
      const m = /KW-TIME ([\d.]+) ([\d.]+) (\d+)\s*$/.exec(stderr);
      if (!(c.ok ?? [0]).includes(code)) reject(new Error(`${c.name}: exited ${code}: ${stderr.slice(0, 400)}`));
      else resolve({ wall, cpu: m ? Number(m[1]) + Number(m[2]) : undefined, rss: m ? Number(m[3]) / 1024 : undefined });
    });
  });
}

const median = (xs) => {
  const s = xs.filter((x) => x !== undefined).sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : undefined;
};

/**
 * Runs every case `runs` times, alternating them within each round (after one warm-up round), and
 * returns the medians per case, in case order. A case with `skip` set is listed with its reason.
 */
export async function paired(cases, runs, { warmup = true, log = () => {} } = {}) {
  const live = cases.filter((c) => !c.skip);
  if (warmup) for (const c of live) await runOnce(c);
  const samples = new Map(live.map((c) => [c.name, []]));
  for (let r = 0; r < runs; r++) {
    for (const c of live) samples.get(c.name).push(await runOnce(c));
    log(`round ${r + 1}/${runs} done`);
  }
  return cases.map((c) => {
    if (c.skip) return { name: c.name, skip: c.skip };
    const s = samples.get(c.name);
    return { name: c.name, wall: median(s.map((x) => x.wall)), cpu: median(s.map((x) => x.cpu)), rss: median(s.map((x) => x.rss)), runs: s.length };
  });
}

const f2 = (x) => (x === undefined ? '–' : x.toFixed(2));
const ratio = (a, b) => (a === undefined || b === undefined || b === 0 ? '–' : `${(a / b).toFixed(2)}×`);

/** A markdown table of `rows` with wall and CPU ratios to each row named in `floors`. */
export function ratioTable(rows, floors) {
  const base = floors.map((f) => rows.find((r) => r.name === f)).filter((r) => r && !r.skip);
  const head = ['command', 'wall (s)', 'CPU (s)', 'peak RSS (MB)', ...base.flatMap((b) => [`wall / ${b.short ?? b.name}`, `CPU / ${b.short ?? b.name}`])];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => ' --- ').join('|')}|`];
  for (const r of rows) {
    if (r.skip) {
      lines.push(`| ${r.name} | skipped: ${r.skip} |${' |'.repeat(head.length - 2)}`);
      continue;
    }
    const cells = [r.name, f2(r.wall), f2(r.cpu), r.rss === undefined ? '–' : r.rss.toFixed(0), ...base.flatMap((b) => [ratio(r.wall, b.wall), ratio(r.cpu, b.cpu)])];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

/** One line on the machine: Node, cores, load (a high load makes wall times noisy; CPU times less so). */
export function machineLine(runs) {
  return `keywarden ${keywardenAt()}, node ${process.version}, ${availableParallelism()} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} at start; medians of ${runs} alternated runs${GNU_TIME ? '' : ' (no GNU time: wall only)'}${REALTIME ? '; every command under `chrt -r 50` (real-time round-robin), so other processes\' load does not reach its wall time' : ''}`;
}

/** The commit of this checkout the bundle was built from (with `+changes` when the tree differs from it). */
function keywardenAt() {
  const root = new URL('..', import.meta.url).pathname;
  const head = spawnSync('git', ['-C', root, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' });
  if (head.status !== 0) return 'outside git';
  const dirty = spawnSync('git', ['-C', root, 'status', '--porcelain', '--untracked-files=no', '--', '.', ':!dist', ':!README.md'], { encoding: 'utf8' }).stdout.trim() !== '';
  return `at ${head.stdout.trim()}${dirty ? '+changes' : ''}`;
}

/** True when `cmd --version` runs. */
export function has(cmd) {
  return spawnSync(cmd, ['--version']).status === 0;
}

/**
 * Puts a benchmark's output into README.md between `<!-- bench:KEY -->` and `<!-- /bench:KEY -->`,
 * so that the README's speed tables are the benches' own output, never typed by hand.
 */
export function updateReadme(key, text) {
  const file = new URL('../README.md', import.meta.url);
  const readme = readFileSync(file, 'utf8');
  const open = `<!-- bench:${key} -->`;
  const close = `<!-- /bench:${key} -->`;
  const a = readme.indexOf(open);
  const b = readme.indexOf(close);
  if (a === -1 || b < a) throw new Error(`README.md has no ${open} … ${close} block`);
  writeFileSync(file, `${readme.slice(0, a + open.length)}\n${text.trim()}\n${readme.slice(b)}`);
  console.error(`README.md: bench:${key} updated`);
}

/** A corpus as the tables name it: `owner/name at <commit>` for a git checkout or mirror, else its path. */
export function corpusName(dir) {
  const at = spawnSync('git', ['-C', dir, 'rev-parse', 'HEAD'], { encoding: 'utf8' });
  if (at.status !== 0) return dir;
  const url = spawnSync('git', ['-C', dir, 'config', '--get', 'remote.origin.url'], { encoding: 'utf8' });
  return `${url.status === 0 ? repoName(url.stdout.trim()) : dir} at ${at.stdout.trim()}`;
}

/** `owner/name` from a GitHub URL or a fetched mirror's path (`…/owner+name/repo`), else the URL. */
export function repoName(url) {
  return url
    .replace(/^.*\/([^/+]+)\+([^/]+)\/repo$/, '$1/$2')
    .replace(/^(?:https:\/\/|git@)github\.com[/:]/, '')
    .replace(/\.git$/, '');
}

/**
 * In one process, each candidate's work (`runAll(candidate)`) round by round, alternating candidates;
 * round 0 warms up. The CPU seconds (user + system) of each later round, by candidate name.
 */
export function cpuRounds(candidates, rounds, runAll) {
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  };
  const samples = new Map(candidates.map((c) => [c.name, []]));
  for (let r = 0; r <= rounds; r++) {
    for (const c of candidates) {
      const t0 = cpu();
      runAll(c);
      if (r > 0) samples.get(c.name).push(cpu() - t0);
    }
  }
  return samples;
}

/** The table of cpuRounds' medians: each candidate's CPU seconds and M characters per CPU-second over `chars`. */
export function throughputTable(candidates, samples, chars) {
  const lines = ['| candidate | CPU (s) | M characters / CPU-second |', '| --- | --- | --- |'];
  for (const c of candidates) {
    const s = [...(samples.get(c.name) ?? [])].sort((a, b) => a - b);
    const med = s[Math.floor((s.length - 1) / 2)] ?? Number.NaN;
    lines.push(`| ${c.name} | ${med.toFixed(3)} | ${(chars / 1e6 / med).toFixed(0)} |`);
  }
  return lines;
}
