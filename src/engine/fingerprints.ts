// Keyless fingerprints (scrypt, 16 MiB of memory each: src/core/fingerprint.ts) computed in the
// scan's own threads, one at a time per thread: this one between turns of its event loop, and each
// detector worker (pool.ts) as it asks for more. On libuv's thread pool (`crypto.scrypt`), where
// they used to run, each of its four threads grew a malloc arena of its own to 32 MB and kept it: a
// two-thread scan of a 1 GB tree with 383 secrets went from 315 to 445 MB RSS as it fingerprinted
// them, git/git's history (18 secrets) from 348 to 417 MB. A scan's threads are as many as it may use.
// Each thread gives back the heap the scan left before its first (old-generation.ts giveBackHeap).

import { slowFingerprintSync } from '../core/fingerprint.ts';
import { giveBackHeap } from './old-generation.ts';

/** A value waiting for its fingerprint. */
export interface FingerprintJob {
  value: string;
  resolve: (fingerprint: string) => void;
  reject: (error: Error) => void;
}

/**
 * Values to fingerprint, computed in this thread one per turn of the event loop (so that workers'
 * answers are read between two) unless a worker `take`s them first.
 */
export class FingerprintQueue {
  private readonly jobs: FingerprintJob[] = [];
  private scheduled = false;
  private readonly here = new ThreadFingerprinter();
  private readonly onAdded: () => void;

  /** `onAdded` is told when jobs arrive: workers take theirs then. */
  constructor(onAdded: () => void = () => {}) {
    this.onAdded = onAdded;
  }

  /**
   * The keyless fingerprint of the normalised `value`. At the first, this thread gives back the heap
   * the scan left (old-generation.ts giveBackHeap), before any thread allocates scrypt's memory.
   */
  add(value: string): Promise<string> {
    this.here.giveBackOnce();
    return new Promise((resolve, reject) => {
      this.jobs.push({ value, resolve, reject });
      this.onAdded();
      this.schedule();
    });
  }

  /** The next job, for a worker to compute; undefined when none waits. */
  take(): FingerprintJob | undefined {
    return this.jobs.shift();
  }

  /** Puts back a job a worker took and could not finish (it died). */
  giveBack(job: FingerprintJob): void {
    this.jobs.unshift(job);
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled || this.jobs.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const job = this.jobs.shift();
      if (job) this.runHere(job);
      this.schedule();
    });
  }

  private runHere(job: FingerprintJob): void {
    try {
      job.resolve(this.here.compute(job.value));
    } catch (e) {
      job.reject(e instanceof Error ? e : new Error(String(e)));
    }
  }
}

/** Keyless fingerprints computed in this thread (a pool's worker, or FingerprintQueue's thread). */
export class ThreadFingerprinter {
  private gaveBack = false;

  /** Gives back the heap the scan left, the first time only (old-generation.ts giveBackHeap). */
  giveBackOnce(): void {
    if (this.gaveBack) return;
    this.gaveBack = true;
    giveBackHeap();
  }

  /** The keyless fingerprint of `value`, the heap given back before the first. */
  compute(value: string): string {
    this.giveBackOnce();
    return slowFingerprintSync(value);
  }
}
