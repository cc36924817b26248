// A Detector that spreads fragments over `threads` detection threads: this thread and `threads - 1`
// workers. This thread reads and dispatches, and detects a fragment itself whenever every worker
// already has `SHARE_BACKLOG` characters waiting, so that on a machine with as many cores as threads
// no core idles while this thread waits. Small scans never pay for threads: the first `inlineBytes`
// of text are detected in this thread, and the workers start only when a scan grows past that.
// Fragments travel in batches (flushed at 256 KiB, 64 fragments, or when this thread goes idle),
// since a message costs about as much as scanning a small file. An encoded fragment (a history
// blob's bytes) is copied into the worker's ring of shared memory (byte-ring.ts) and decoded there:
// this thread builds no string of it and serialises nothing (git/git's history, two threads: 387 MB
// peak RSS against 505, 67 CPU-s against 72). Each worker compiles the rule set
// itself from the same specs and options (compiled RegExps and functions cannot cross threads). A
// worker that dies hands its pending fragments back to this thread, so a broken worker costs speed,
// never findings.
import type { Worker } from 'node:worker_threads';
import { nodeWorkers } from '../core/builtins.ts';
import { countSkip, type RuleSet, type SkipCounter } from '../core/detect.ts';
import { withSecret } from '../core/match.ts';
import type { Match, Fragment, SkipReason } from '../core/types.ts';
import type { SourcedRuleSpec } from '../rules/load.ts';
import type { RuleSetOptions } from '../rules/ruleset.ts';
import type { EncodedFragment } from '../sources/source.ts';
import { ByteRing } from './byte-ring.ts';
import { type FingerprintJob, FingerprintQueue } from './fingerprints.ts';
import { collectGarbage, releaseOldGeneration, stopCollecting } from './old-generation.ts';
import { startWorkersYoungGenerationAt } from './young-generation.ts';
import { type DecodedMatches, decodeFragment, detectAll, detectEncodedHere, type Detector } from './detector.ts';

/** The inputs a worker compiles its rule set from: plain data, the same the main thread used. */
export interface PoolRules {
  specs: SourcedRuleSpec[];
  options: RuleSetOptions;
}

/** What a worker starts from: the rules, and the ring its fragments' bytes come through (byte-ring.ts). */
export interface PoolWorkerData extends PoolRules {
  ring: SharedArrayBuffer;
}

/** One fragment of a batch: its text, or its bytes' place in the worker's ring (to decode there). */
export type PoolItem = { id: number; fragment: Fragment } | { id: number; encoded: Omit<EncodedFragment, 'bytes'>; at: number; length: number };

/** Main thread → worker: a batch of fragments, or a value to fingerprint (fingerprints.ts). */
export type PoolRequest = { batch: PoolItem[] } | { fingerprint: { id: number; value: string } };

/**
 * The outcome of one fragment: findings (secrets alongside, see worker.ts) or an error message; for
 * an encoded one, also its text's length (absent: binary) and the decoding's skips.
 */
export type PoolResult = { id: number; findings: Match[]; secrets: string[]; chars?: number; skips?: string[] } | { id: number; error: string };

/**
 * A batch's results as a worker sends them (packResults): the fragments with no finding, error or
 * skip (nearly all) as two arrays, their ids and their texts' lengths (-1: none), the others whole.
 */
export interface PackedResults {
  quiet: number[];
  chars: number[];
  results: PoolResult[];
}

/** Worker → main thread: a batch's results (packed) and its dropped candidates, or a fingerprint. */
export type PoolReply = (PackedResults & { skipped: SkipCounter }) | { fingerprint: { id: number; hex: string } | { id: number; error: string } };

/**
 * Packs a batch's results for postMessage. An object per fragment cost the structured clone (both
 * sides) 14 us for a batch of 8 against 7 packed, 60 against 9 for 64; git/git's history sends about
 * 20,000 batches. `unpackResults` gives back the same results.
 */
export function packResults(results: PoolResult[]): PackedResults {
  const packed: PackedResults = { quiet: [], chars: [], results: [] };
  for (const r of results) {
    if ('error' in r || r.findings.length > 0 || (r.skips !== undefined && r.skips.length > 0)) packed.results.push(r);
    else {
      packed.quiet.push(r.id);
      packed.chars.push(r.chars ?? -1);
    }
  }
  return packed;
}

/** The results packResults packed (the quiet ones first). */
export function unpackResults(packed: PackedResults): PoolResult[] {
  const out: PoolResult[] = [];
  for (let i = 0; i < packed.quiet.length; i++) {
    const chars = packed.chars[i] ?? -1;
    out.push({ id: packed.quiet[i] ?? -1, findings: [], secrets: [], ...(chars < 0 ? {} : { chars }) });
  }
  for (const r of packed.results) out.push(r);
  return out;
}

/** Fingerprints a worker is given at once: one to compute, one ready for when it is done. */
const FINGERPRINTS_AHEAD = 2;

const BATCH_BYTES = 256 * 1024;
/**
 * Each worker's ring of fragment bytes (byte-ring.ts). It holds what runScan lets be in flight
 * (MAX_INFLIGHT_CHARS) with room to spare; when it is full, the worker has plenty to do and this
 * thread detects the fragment itself. A fragment over RING_MAX is decoded here and sent as text.
 */
const RING_BYTES = 8 * 1024 * 1024;
const RING_MAX = 1024 * 1024;
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

/** A fragment sent to a worker: its text, or (encoded) where its bytes sit in the worker's ring. */
type Task = { size: number; reject: (error: Error) => void } & ({ fragment: Fragment; resolve: (findings: Match[]) => void } | { encoded: Omit<EncodedFragment, 'bytes'>; at: number; length: number; resolve: (r: DecodedMatches) => void });

interface Slot {
  worker: Worker;
  ring: ByteRing;
  pending: Map<number, Task>;
  bytes: number;
  /** Fragments not sent yet, and their size. */
  queue: PoolItem[];
  queued: number;
  /** Where the ring space of the batch being filled ends (undefined: it has none)… */
  ringEnd: number | undefined;
  /** …and of each batch sent and not answered yet, in order (undefined: none). */
  sentEnds: (number | undefined)[];
  /** Fingerprints sent and not answered yet. */
  printing: Map<number, FingerprintJob>;
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
 * Young generation of a worker's heap, MB, fixed from its start (young-generation.ts
 * startWorkersYoungGenerationAt). Left to V8, it grows to 3 x 64 MB under a steady stream of large
 * texts (a huge file's chunks); a worker keeps little beyond the batch it is scanning. Before it was
 * fixed, a worker's ended at 8 MB or at its limit of 32 depending on when the main thread held its
 * own; measured on git/git's history at two threads (2 cores shared with other jobs, load 10-17,
 * alternated), fixed at 8: 274-275 MB peak RSS and 56-58 CPU-s, at 16: 276-287 MB, at 32: 294-299 MB
 * and 54-55 CPU-s (fewer collections, that much more memory).
 */
export const WORKER_YOUNG_GENERATION_MB = 8;

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
  private readonly fingerprints = new FingerprintQueue(() => this.feedFingerprints());

  /** `ruleSet` must be `compileRuleSet(options.rules.specs, options.rules.options)`. */
  constructor(ruleSet: RuleSet, options: PoolOptions) {
    this.ruleSet = ruleSet;
    this.options = options;
    this.inlineLeft = options.inlineBytes ?? 2 * 1024 * 1024;
  }

  detect(fragment: Fragment): Promise<Match[]> {
    const slot = this.slotFor(fragment.text.length);
    return slot ? this.send1(slot, fragment) : this.inline(fragment);
  }

  /** Queues `fragment` (text) for `slot`'s worker. */
  private send1(slot: Slot, fragment: Fragment): Promise<Match[]> {
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.enqueue(slot, id, { fragment, resolve, reject, size: fragment.text.length }, { id, fragment });
    });
  }

  detectEncoded(encoded: EncodedFragment): Promise<DecodedMatches> {
    const size = encoded.bytes.length;
    const slot = this.slotFor(size);
    const at = slot && size > 0 && size <= RING_MAX ? slot.ring.put(encoded.bytes) : undefined;
    if (!slot || at === undefined) {
      // Decoded here: for this thread to scan (small scans, a busy pool whose ring is full, an empty
      // blob), or to send as text (a blob too large for the ring).
      const skips: string[] = [];
      const fragment = decodeFragment(encoded, skips);
      if (!fragment) return Promise.resolve({ matches: [], skips });
      const chars = fragment.text.length;
      const found = slot && size > RING_MAX ? this.send1(slot, fragment) : this.inline(fragment);
      return found.then((matches) => ({ matches, chars, skips }));
    }
    slot.ringEnd = at + size;
    const { bytes: _, ...meta } = encoded;
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.enqueue(slot, id, { encoded: meta, at, length: size, resolve, reject, size }, { id, encoded: meta, at, length: size });
    });
  }

  /** The worker to send `size` bytes or characters to, or undefined to detect them in this thread. */
  private slotFor(size: number): Slot | undefined {
    if (this.ruleSet.rules.length === 0) return undefined; // nothing to detect: no worker either
    if (!this.slots) {
      if (size <= this.inlineLeft || this.options.threads < 1) {
        this.inlineLeft -= size;
        return undefined;
      }
      this.slots = this.start();
    }
    if (this.slots.length === 0) return undefined;
    const slot = this.slots.reduce((a, b) => (b.bytes < a.bytes ? b : a));
    if (slot.bytes >= SHARE_BACKLOG && size <= SHARE_MAX) {
      this.flushAll();
      return undefined;
    }
    return slot;
  }

  private enqueue(slot: Slot, id: number, task: Task, item: PoolItem): void {
    if (!busy(slot)) slot.worker.ref();
    slot.pending.set(id, task);
    slot.bytes += task.size;
    slot.queue.push(item);
    slot.queued += task.size;
    if (slot.queued >= BATCH_BYTES || slot.queue.length >= BATCH_COUNT) this.send(slot);
    else if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flushAll());
    }
  }

  skipped(): SkipCounter {
    return this.counter;
  }

  /** Computed in this thread and in the workers, if they started (fingerprints.ts). */
  fingerprint(value: string): Promise<string> {
    return this.fingerprints.add(value);
  }

  /** Gives each worker jobs up to FINGERPRINTS_AHEAD. */
  private feedFingerprints(): void {
    for (const slot of this.slots ?? []) {
      while (slot.printing.size < FINGERPRINTS_AHEAD) {
        const job = this.fingerprints.take();
        if (!job) return;
        const id = this.nextId++;
        if (!busy(slot)) slot.worker.ref();
        slot.printing.set(id, job);
        slot.worker.postMessage({ fingerprint: { id, value: job.value } } satisfies PoolRequest);
      }
    }
  }

  async close(): Promise<void> {
    const slots = this.slots ?? [];
    if (this.slots) stopCollecting();
    this.slots = [];
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private send(slot: Slot): void {
    if (slot.queue.length === 0) return;
    slot.worker.postMessage({ batch: slot.queue } satisfies PoolRequest);
    slot.sentEnds.push(slot.ringEnd);
    slot.ringEnd = undefined;
    slot.queue = [];
    slot.queued = 0;
  }

  private flushAll(): void {
    this.flushScheduled = false;
    for (const slot of this.slots ?? []) this.send(slot);
  }

  private inline(fragment: Fragment): Promise<Match[]> {
    try {
      return Promise.resolve(detectAll(fragment, this.ruleSet, this.counter));
    } catch (e) {
      return Promise.reject(e);
    }
  }

  private start(): Slot[] {
    releaseOldGeneration();
    collectGarbage();
    const entry = this.options.entry ?? workerEntry();
    const slots: Slot[] = [];
    const count = Math.max(1, this.options.threads - 1);
    // Each worker's young generation at its maximum from the start (young-generation.ts), the flag put back once all are up.
    const started = startWorkersYoungGenerationAt(WORKER_YOUNG_GENERATION_MB);
    let up = 0;
    const upOne = (): void => {
      if (++up === count) started();
    };
    for (let i = 0; i < count; i++) {
      const ring = new ByteRing(RING_BYTES);
      const workerData: PoolWorkerData = { ...this.options.rules, ring: ring.buffer };
      const worker = new (nodeWorkers().Worker)(entry, { workerData, name: `keywarden-detector-${i}`, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
      const slot: Slot = { worker, ring, pending: new Map(), bytes: 0, queue: [], queued: 0, ringEnd: undefined, sentEnds: [], printing: new Map() };
      worker.unref();
      worker.once('online', upOne);
      worker.once('exit', () => started());
      worker.on('message', (reply: PoolReply) => this.settle(slot, reply));
      worker.on('error', (e) => this.fail(slot, e.message));
      worker.on('exit', (code) => this.fail(slot, `exited with code ${code}`));
      slots.push(slot);
    }
    this.options.onDebug?.(`detection: ${slots.length} worker thread${slots.length === 1 ? '' : 's'} started (this thread detects too)`);
    return slots;
  }

  private settle(slot: Slot, reply: PoolReply): void {
    if ('fingerprint' in reply) {
      const r = reply.fingerprint;
      const job = slot.printing.get(r.id);
      slot.printing.delete(r.id);
      if ('error' in r) job?.reject(new Error(`detector worker: ${r.error}`));
      else job?.resolve(r.hex);
      this.feedFingerprints();
      if (!busy(slot)) slot.worker.unref();
      return;
    }
    // Batches are answered in the order they were sent: this one's ring space is free again.
    const end = slot.sentEnds.shift();
    if (end !== undefined) slot.ring.release(end);
    for (const [reason, n] of Object.entries(reply.skipped)) countSkip(this.counter, reason as SkipReason, n);
    for (const r of unpackResults(reply)) {
      const task = slot.pending.get(r.id);
      if (!task) continue;
      slot.pending.delete(r.id);
      slot.bytes -= task.size;
      if ('error' in r) task.reject(new Error(`detector worker: ${r.error}`));
      else {
        const matches = r.findings.map((f, i) => withSecret(f, r.secrets[i] ?? ''));
        if ('fragment' in task) task.resolve(matches);
        else task.resolve({ matches, ...(r.chars === undefined ? {} : { chars: r.chars }), skips: r.skips ?? [] });
      }
    }
    if (!busy(slot)) slot.worker.unref();
  }

  /** A worker died: drop it and detect its pending fragments here. */
  private fail(slot: Slot, why: string): void {
    if (!this.slots?.includes(slot)) return;
    this.slots = this.slots.filter((s) => s !== slot);
    if (slot.pending.size > 0 || this.slots.length === 0) this.options.onWarning?.(`detector worker failed (${why}); scanning in the main thread instead`);
    for (const task of slot.pending.values()) {
      if ('fragment' in task) this.inline(task.fragment).then(task.resolve, task.reject);
      else {
        // The bytes are still in the ring (shared memory): decode them here.
        try {
          task.resolve(detectEncodedHere({ ...task.encoded, bytes: slot.ring.bytes.subarray(task.at, task.at + task.length) }, this.ruleSet, this.counter));
        } catch (e) {
          task.reject(e instanceof Error ? e : new Error(String(e)));
        }
      }
    }
    slot.pending.clear();
    slot.queue = [];
    for (const job of slot.printing.values()) this.fingerprints.giveBack(job);
    slot.printing.clear();
    this.feedFingerprints();
  }
}

/** The worker has work out (and must keep this process alive until it answers). */
function busy(slot: Slot): boolean {
  return slot.pending.size > 0 || slot.printing.size > 0;
}
