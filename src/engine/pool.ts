// A Detector that spreads fragments over `threads` detection threads: this thread and `threads - 1`
// workers. This thread reads and dispatches, and detects a fragment itself whenever every worker
// already has `SHARE_BACKLOG` characters waiting, so that on a machine with as many cores as threads
// no core idles while this thread waits. Small scans never pay for threads: the first `inlineBytes`
// of text are detected in this thread, and the workers start only when a scan grows past that.
// Fragments travel in batches (flushed at 256 KiB, 64 fragments, or when this thread goes idle),
// since a message costs about as much as scanning a small file. Each worker compiles the rule set
// itself from the same specs and options (compiled RegExps and functions cannot cross threads). A
// worker that dies hands its pending fragments back to this thread, so a broken worker costs speed,
// never findings.
import type { Worker } from 'node:worker_threads';
import { nodeWorkers } from '../core/builtins.ts';
import { countSkip, type RuleSet, type SkipCounter } from '../core/detect.ts';
import { detectWithDecoding } from '../core/decode/rescan.ts';
import { withSecret } from '../core/match.ts';
import type { Match, Fragment, SkipReason } from '../core/types.ts';
import type { SourcedRuleSpec } from '../rules/load.ts';
import type { RuleSetOptions } from '../rules/ruleset.ts';
import type { Detector } from './detector.ts';

/** The inputs a worker compiles its rule set from: plain data, the same the main thread used. */
export interface PoolRules {
  specs: SourcedRuleSpec[];
  options: RuleSetOptions;
}

/** Main thread → worker: a batch of fragments. */
export interface PoolRequest {
  batch: { id: number; fragment: Fragment }[];
}

/** The outcome of one fragment: findings (secrets alongside, see worker.ts) or an error message. */
export type PoolResult = { id: number; findings: Match[]; secrets: string[] } | { id: number; error: string };

/** Worker → main thread: one result per fragment of a batch, and the batch's dropped candidates. */
export interface PoolReply {
  results: PoolResult[];
  skipped: SkipCounter;
}

const BATCH_BYTES = 256 * 1024;
const BATCH_COUNT = 64;
/** This thread detects a fragment itself when the least busy worker has this much text waiting… */
const SHARE_BACKLOG = 1024 * 1024;
/** …and the fragment is no longer than this (a long one would keep the workers waiting for more). */
const SHARE_MAX = 256 * 1024;

/** How many workers, what they compile, and when to start them. */
export interface PoolOptions {
  /** Detection threads, this one included: `threads - 1` workers (at least one). */
  threads: number;
  rules: PoolRules;
  /** Text detected in this thread before the workers start. Default: 2 MiB. */
  inlineBytes?: number;
  /** Told when a worker fails and its work falls back to this thread. */
  onWarning?: (message: string) => void;
  /** Told when the workers start (`--verbose`, the Action's debug log). */
  onDebug?: (message: string) => void;
  /** Worker module; default `workerEntry()`. */
  entry?: URL;
}

interface Task {
  fragment: Fragment;
  resolve: (findings: Match[]) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Task>;
  bytes: number;
  /** Fragments not sent yet, and their text length. */
  queue: PoolRequest['batch'];
  queued: number;
}

/**
 * The module a worker runs. From TypeScript sources: worker.ts beside this file. From a bundle
 * (dist/cli.js, dist/index.js): worker.js beside the bundle, which the build must emit from
 * src/engine/worker.ts.
 */
export function workerEntry(base: string = import.meta.url): URL {
  return new URL(base.endsWith('.ts') ? './worker.ts' : './worker.js', base);
}

/**
 * Young generation of a worker's heap, MB. Left to V8, it grows to 3 x 64 MB under a steady stream of
 * large texts (a huge file's chunks); a worker keeps little beyond the batch it is scanning, and 32 MB
 * measured the same CPU time as V8's default (16 MB: 20% more), with 60 MB less RSS (bench/huge-file-rss.md).
 */
export const WORKER_YOUNG_GENERATION_MB = 32;

/** More detection threads than this gain nothing and can exhaust V8's memory for isolates (500 aborts). */
export const MAX_THREADS = 64;

/** A Detector over worker threads; see the file comment. */
export class PoolDetector implements Detector {
  private readonly ruleSet: RuleSet;
  private readonly options: PoolOptions;
  private readonly counter: SkipCounter = {};
  private slots: Slot[] | undefined;
  private inlineLeft: number;
  private nextId = 0;
  private flushScheduled = false;

  /** `ruleSet` must be `compileRuleSet(options.rules.specs, options.rules.options)`. */
  constructor(ruleSet: RuleSet, options: PoolOptions) {
    this.ruleSet = ruleSet;
    this.options = options;
    this.inlineLeft = options.inlineBytes ?? 2 * 1024 * 1024;
  }

  detect(fragment: Fragment): Promise<Match[]> {
    if (!this.slots) {
      if (fragment.text.length <= this.inlineLeft || this.options.threads < 1) {
        this.inlineLeft -= fragment.text.length;
        return this.inline(fragment);
      }
      this.slots = this.start();
    }
    if (this.slots.length === 0) return this.inline(fragment);
    const slot = this.slots.reduce((a, b) => (b.bytes < a.bytes ? b : a));
    if (slot.bytes >= SHARE_BACKLOG && fragment.text.length <= SHARE_MAX) {
      this.flushAll();
      return this.inline(fragment);
    }
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      if (slot.pending.size === 0) slot.worker.ref();
      slot.pending.set(id, { fragment, resolve, reject });
      slot.bytes += fragment.text.length;
      slot.queue.push({ id, fragment });
      slot.queued += fragment.text.length;
      if (slot.queued >= BATCH_BYTES || slot.queue.length >= BATCH_COUNT) this.send(slot);
      else if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flushAll());
      }
    });
  }

  skipped(): SkipCounter {
    return this.counter;
  }

  async close(): Promise<void> {
    const slots = this.slots ?? [];
    this.slots = [];
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private send(slot: Slot): void {
    if (slot.queue.length === 0) return;
    slot.worker.postMessage({ batch: slot.queue } satisfies PoolRequest);
    slot.queue = [];
    slot.queued = 0;
  }

  private flushAll(): void {
    this.flushScheduled = false;
    for (const slot of this.slots ?? []) this.send(slot);
  }

  private inline(fragment: Fragment): Promise<Match[]> {
    try {
      return Promise.resolve(detectWithDecoding(fragment, this.ruleSet, this.counter));
    } catch (e) {
      return Promise.reject(e);
    }
  }

  private start(): Slot[] {
    const entry = this.options.entry ?? workerEntry();
    const slots: Slot[] = [];
    for (let i = 0; i < Math.max(1, this.options.threads - 1); i++) {
      const worker = new (nodeWorkers().Worker)(entry, { workerData: this.options.rules, name: `keywarden-detector-${i}`, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
      const slot: Slot = { worker, pending: new Map(), bytes: 0, queue: [], queued: 0 };
      worker.unref();
      worker.on('message', (reply: PoolReply) => this.settle(slot, reply));
      worker.on('error', (e) => this.fail(slot, e.message));
      worker.on('exit', (code) => this.fail(slot, `exited with code ${code}`));
      slots.push(slot);
    }
    this.options.onDebug?.(`detection: ${slots.length} worker thread${slots.length === 1 ? '' : 's'} started (this thread detects too)`);
    return slots;
  }

  private settle(slot: Slot, reply: PoolReply): void {
    for (const [reason, n] of Object.entries(reply.skipped)) countSkip(this.counter, reason as SkipReason, n);
    for (const r of reply.results) {
      const task = slot.pending.get(r.id);
      if (!task) continue;
      slot.pending.delete(r.id);
      slot.bytes -= task.fragment.text.length;
      if ('error' in r) task.reject(new Error(`detector worker: ${r.error}`));
      else task.resolve(r.findings.map((f, i) => withSecret(f, r.secrets[i] ?? '')));
    }
    if (slot.pending.size === 0) slot.worker.unref();
  }

  /** A worker died: drop it and detect its pending fragments here. */
  private fail(slot: Slot, why: string): void {
    if (!this.slots?.includes(slot)) return;
    this.slots = this.slots.filter((s) => s !== slot);
    if (slot.pending.size > 0 || this.slots.length === 0) this.options.onWarning?.(`detector worker failed (${why}); scanning in the main thread instead`);
    for (const task of slot.pending.values()) this.inline(task.fragment).then(task.resolve, task.reject);
    slot.pending.clear();
    slot.queue = [];
  }
}
