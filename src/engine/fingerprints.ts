// Keyless fingerprints (scrypt, 16 MiB of memory each: src/core/fingerprint.ts) computed in the
// scan's own threads, one at a time per thread: this one between turns of its event loop, and each
// detector worker (pool.ts) as it asks for more. On libuv's thread pool (`crypto.scrypt`), where
// they used to run, each of its four threads grew a malloc arena of its own to 32 MB and kept it: a
// two-thread scan of a 1 GB tree with 383 secrets went from 315 to 445 MB RSS as it fingerprinted
// them, git/git's history (18 secrets) from 348 to 417 MB. A scan's threads are as many as it may use.

import { slowFingerprintSync } from '../core/fingerprint.ts';

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
  private readonly onAdded: () => void;

  /** `onAdded` is told when jobs arrive: workers take theirs then. */
  constructor(onAdded: () => void = () => {}) {
    this.onAdded = onAdded;
  }

  /** The keyless fingerprint of the normalised `value`. */
  add(value: string): Promise<string> {
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
      if (job) runHere(job);
      this.schedule();
    });
  }
}

function runHere(job: FingerprintJob): void {
  try {
    job.resolve(slowFingerprintSync(job.value));
  } catch (e) {
    job.reject(e instanceof Error ? e : new Error(String(e)));
  }
}
