// How far V8 lets the old generation grow past what lives in it before a full collection. In a scan
// each scavenge promotes what is live at that instant (the text being scanned, the fragments in
// flight), all of it dead soon after; V8 sizes its next limit from the last collection's speed and
// lets that garbage reach 150 MB and more before collecting again (one thread on git/git's history:
// 325 MB peak RSS). A growing factor of 1.2 over what survives keeps it near the live size: 267 MB,
// in the same time. With workers the same setting made two-thread scans 1–3 s slower (the workers'
// small heaps were collected far more often, 2.3 -> 4.7 CPU-s of GC threads), so the pool lets go of
// it before it starts them (pool.ts). The flag is per process, read at each full collection.
const GROWING_PERCENT = 20;

let held = false;

/** Keeps each isolate's old generation within GROWING_PERCENT of its live size; idempotent. */
export function holdOldGeneration(): void {
  if (held) return;
  held = true;
  process.getBuiltinModule('node:v8').setFlagsFromString(`--heap-growing-percent=${GROWING_PERCENT}`);
}

let pending: ReturnType<typeof setTimeout> | undefined;

/**
 * holdOldGeneration after `ms`, unless let go before (the pool lets go when it starts its workers).
 * A scan holds it this way: a pre-commit scan is over by then, and loading node:v8 and changing a
 * flag (after which V8 refuses the code caches of Node's own modules) cost its start-up a millisecond.
 */
export function holdOldGenerationAfter(ms: number): void {
  if (held || pending) return;
  pending = setTimeout(() => {
    pending = undefined;
    holdOldGeneration();
  }, ms);
  pending.unref();
}

/** Gives V8 back its own sizing (before worker isolates start); cancels a hold not yet made. */
export function releaseOldGeneration(): void {
  if (pending) clearTimeout(pending);
  pending = undefined;
  if (!held) return;
  held = false;
  process.getBuiltinModule('node:v8').setFlagsFromString('--heap-growing-percent=0');
}
