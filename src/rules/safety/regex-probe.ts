// Runtime probe for user regexes: runs each one, exactly as the detector does (flags `gd`, every match
// of the subject), over adversarial strings in a fresh worker thread, and kills the worker when one
// run misses its deadline. A regex that backtracks catastrophically cannot be interrupted inside V8,
// so a separate thread with a watchdog is the only way to find out without hanging the scan.
// Stage 1 runs every prefix × pump at 1 KB (exponential blow-ups show up within a few dozen
// characters); stage 2 reruns the slowest few at 10 KB, which a linear or quadratic regex passes
// (measured: about 75 ms for a quadratic one at 10 KB) and a cubic or worse one does not.
import { nodeWorkers } from '../../core/builtins.ts';
import type { ProbeInputs } from './probe-inputs.ts';

/** One regex to probe. `label` names it in messages (`rule acme-token: pattern`). */
export interface ProbeTarget extends ProbeInputs {
  label: string;
  source: string;
  /** Extra flags besides `gd` (only `i` and `s` are used by keywarden). */
  flags: string;
}

/** A regex that missed its deadline, and the input that showed it. */
export interface ProbeFailure {
  label: string;
  /** Index of the regex in the probed list. */
  index: number;
  /** Human description of the input: `"token=" then "a" × 1024, then one failing character`. */
  input: string;
  length: number;
  deadlineMs: number;
}

export interface ProbeOptions {
  /** Stage-1 probe length in characters. Default: 1024. */
  shortLength?: number;
  /** Stage-2 probe length. Default: 10240. */
  longLength?: number;
  /** How many of the slowest stage-1 probes are rerun at the long length. Default: 3. */
  longCount?: number;
  /** Deadline of one stage-1 run. Default: 250 ms (a linear regex takes well under 1 ms). */
  shortDeadlineMs?: number;
  /** Deadline of one stage-2 run. Default: 1500 ms. */
  longDeadlineMs?: number;
}

// Plain JavaScript, run with `eval: true` so that it works the same from sources and from the bundle.
const WORKER_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const { targets, shortLength, longLength, longCount } = workerData;
function run(re, s) {
  re.lastIndex = 0;
  const t = performance.now();
  let m;
  while ((m = re.exec(s)) !== null) if (m[0].length === 0) re.lastIndex++;
  return performance.now() - t;
}
function text(prefix, pump, len) { return prefix + pump.repeat(Math.ceil(len / pump.length)).slice(0, len) + '\\u0001'; }
targets.forEach((t, ti) => {
  const re = new RegExp(t.source, 'gd' + t.flags);
  const prefixes = t.prefixes.slice();
  const pumps = t.pumps.slice();
  t.examples.forEach((ex) => {
    parentPort.postMessage({ ti, example: true, len: ex.length });
    const m = new RegExp(t.source, 'd' + t.flags).exec(ex);
    const span = m && m.indices && m.indices[1];
    if (!span || !m[1]) return;
    prefixes.push(ex.slice(Math.max(0, span[0] - 64), span[0]));
    pumps.push(m[1][0]);
    if (m[1].length > 1) pumps.push(m[1].slice(0, 2));
  });
  const times = [];
  for (let p = 0; p < prefixes.length; p++) for (let q = 0; q < pumps.length; q++) {
    parentPort.postMessage({ ti, prefix: prefixes[p], pump: pumps[q], len: shortLength });
    times.push([run(re, text(prefixes[p], pumps[q], shortLength)), p, q]);
  }
  times.sort((a, b) => b[0] - a[0]);
  for (const [, p, q] of times.slice(0, longCount)) {
    parentPort.postMessage({ ti, prefix: prefixes[p], pump: pumps[q], len: longLength });
    run(re, text(prefixes[p], pumps[q], longLength));
  }
});
parentPort.postMessage({ done: true });
`;

/** A worker's progress message: which target and which input it is about to run. */
interface Progress {
  done?: boolean;
  ti: number;
  example?: boolean;
  prefix?: string;
  pump?: string;
  len: number;
}

/** Worker start-up allowance before the first message (start-up takes about 40 ms). */
const STARTUP_DEADLINE_MS = 10_000;

/** A missed deadline is confirmed once, with deadlines this many times longer, before it counts: a
 * worker starved of CPU on a loaded machine must not fail a safe regex. */
const CONFIRM_FACTOR = 4;

/** Probes every target; resolves with the first failure, or undefined when all finish in time. */
export async function probeRegexes(targets: readonly ProbeTarget[], options: ProbeOptions = {}): Promise<ProbeFailure | undefined> {
  const o = { shortLength: 1024, longLength: 10_240, longCount: 3, shortDeadlineMs: 250, longDeadlineMs: 1500, ...options };
  let rest = targets.slice();
  while (rest.length) {
    const first = await probeOnce(rest, o);
    if (!first) return undefined;
    const slow = { ...o, shortDeadlineMs: o.shortDeadlineMs * CONFIRM_FACTOR, longDeadlineMs: o.longDeadlineMs * CONFIRM_FACTOR };
    const suspect = rest[first.index]!;
    const confirmed = await probeOnce([suspect], slow);
    if (confirmed) return { ...confirmed, index: targets.indexOf(suspect) };
    rest = rest.slice(first.index + 1);
  }
  return undefined;
}

/** One worker run over `targets`; the first missed deadline ends it. */
function probeOnce(targets: readonly ProbeTarget[], o: Required<ProbeOptions>): Promise<ProbeFailure | undefined> {
  const data = targets.map(({ source, flags, prefixes, pumps, examples }) => ({ source, flags, prefixes, pumps, examples }));
  return new Promise((resolve, reject) => {
    const worker = new (nodeWorkers().Worker)(WORKER_CODE, { eval: true, workerData: { targets: data, shortLength: o.shortLength, longLength: o.longLength, longCount: o.longCount } });
    let current: Progress | undefined;
    let timer: NodeJS.Timeout | undefined;
    const finish = (result: ProbeFailure | undefined, error?: Error): void => {
      clearTimeout(timer);
      worker.removeAllListeners();
      worker.on('error', () => {});
      void worker.terminate();
      if (error) reject(error);
      else resolve(result);
    };
    const arm = (ms: number): void => {
      clearTimeout(timer);
      timer = setTimeout(() => finish(current ? failureOf(targets, current, ms) : undefined, current ? undefined : new Error('regex probe worker did not start')), ms);
    };
    worker.on('message', (m: Progress) => {
      if (m.done) return finish(undefined);
      current = m;
      arm(m.len > o.shortLength ? o.longDeadlineMs : o.shortDeadlineMs);
    });
    worker.on('error', (e) => finish(undefined, e));
    arm(STARTUP_DEADLINE_MS);
  });
}

function failureOf(targets: readonly ProbeTarget[], p: Progress, deadlineMs: number): ProbeFailure {
  const input = p.example
    ? 'one of its own examples'
    : `${p.prefix ? `${JSON.stringify(p.prefix)} then ` : ''}${JSON.stringify(p.pump)} repeated to ${p.len} characters, then one character that does not match`;
  return { label: targets[p.ti]?.label ?? '', index: p.ti, input, length: p.len, deadlineMs };
}

/** One sentence for a probe failure, for error messages. */
export function describeProbeFailure(f: ProbeFailure): string {
  return `did not finish within ${f.deadlineMs} ms on ${f.input}: catastrophic backtracking (simplify the pattern so that no part of the input can be matched in more than one way)`;
}
