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

// With workers the old generation is let go (above), and garbage piles up again: git/git's history at
// two threads, this thread's old generation reached 137 MB with 25 MB live before V8 collected it,
// and a worker's large strings (texts of 128 KB and more, dead once scanned) waited there too. So each
// thread of a pool runs a full collection itself whenever its old generation (old and large-object
// spaces) holds COLLECT_AFTER_BYTES more than at its last low: the same pace for this thread and a
// worker, whatever their sizes, where the growing factor made a small heap collect far too often.
// Measured at two threads, alternated with the build before (2 cores shared with other jobs, load 10-15):
// git/git's history 306 -> 265 MB peak RSS at 56.0 -> 57.4 CPU-s; the 1 GB tree 320 and 333 -> 293 and
// 283 MB at 25.6 -> 26.3 and 26.0 CPU-s. Reports identical.
const COLLECT_AFTER_BYTES = 16 * 1024 * 1024;
const COLLECT_POLL_MS = 50;

/** When to collect, given the old generation's size at each poll; see collectGarbage. */
export class GarbageCollector {
  private low: number;
  private readonly after: number;
  private readonly collect: () => void;
  private readonly used: () => number;

  constructor(used: () => number, collect: () => void, after = COLLECT_AFTER_BYTES) {
    this.used = used;
    this.collect = collect;
    this.after = after;
    this.low = used();
  }

  /** Collects when the old generation holds `after` bytes more than at its last low; true when it did. */
  poll(): boolean {
    const now = this.used();
    if (now < this.low) this.low = now;
    if (now <= this.low + this.after) return false;
    this.collect();
    this.low = this.used();
    return true;
  }
}

/**
 * V8's `gc()` (a full collection), taken from a context created while `--expose-gc` is set, the flag
 * then put back (V8 refuses a code cache written under other flags). Undefined when another thread
 * put it back first every time.
 */
export function exposedGc(): (() => void) | undefined {
  const v8 = process.getBuiltinModule('node:v8');
  const vm = process.getBuiltinModule('node:vm');
  let gc: unknown;
  for (let i = 0; i < 5 && typeof gc !== 'function'; i++) {
    v8.setFlagsFromString('--expose-gc');
    gc = vm.runInNewContext('typeof gc === "function" ? gc : undefined');
  }
  v8.setFlagsFromString('--no-expose-gc');
  return typeof gc === 'function' ? (gc as () => void) : undefined;
}

/** This thread's gc() (exposedGc), taken once; null when it could not be had. */
let threadGc: (() => void) | null | undefined;

function gcOfThisThread(): (() => void) | undefined {
  if (threadGc === undefined) threadGc = exposedGc() ?? null;
  return threadGc ?? undefined;
}

// Before a thread computes its first keyless fingerprint (scrypt, 16 MiB of malloc'd memory that the
// thread's arena keeps: fingerprints.ts), it gives back what the scan left in its heap: the garbage,
// and the young generation, which a full collection leaves at its size (16 MB in this thread after a
// large scan) and only V8's last-resort collection shrinks. git/git's history at two threads: RSS
// rose 229 -> 258 MB while its 18 secrets were fingerprinted, and the run's peak was often there.
// A heap with less than COMPACT_SLACK_BYTES to give back (a small scan's: 7-9 MB after scanning
// this repository's src/ or test/) is left alone: a last-resort collection takes two full ones,
// ~15 ms even on a small heap.
const COMPACT_SLACK_BYTES = 12 * 1024 * 1024;

/**
 * Gives this thread's unused heap back to the system (V8's last-resort collection) when it holds at
 * least `slack` bytes more than it uses; true when it collected. See the comment above.
 */
export function giveBackHeap(slack = COMPACT_SLACK_BYTES): boolean {
  const h = process.getBuiltinModule('node:v8').getHeapStatistics();
  if (h.total_heap_size - h.used_heap_size < slack) return false;
  const gc = gcOfThisThread() as ((options: { type: 'major'; execution: 'sync'; flavor: 'last-resort' }) => void) | undefined;
  if (!gc) return false;
  gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
  return true;
}

let collecting: ReturnType<typeof setInterval> | undefined;

/** Polls this thread's old generation and collects it (GarbageCollector); idempotent until stopCollecting. */
export function collectGarbage(): void {
  if (collecting) return;
  const gc = gcOfThisThread();
  if (!gc) return;
  const v8 = process.getBuiltinModule('node:v8');
  const used = (): number => {
    let n = 0;
    for (const s of v8.getHeapSpaceStatistics()) if (s.space_name === 'old_space' || s.space_name === 'large_object_space') n += s.space_used_size;
    return n;
  };
  const collector = new GarbageCollector(used, gc);
  collecting = setInterval(() => collector.poll(), COLLECT_POLL_MS);
  collecting.unref();
}

/** Stops collectGarbage's polling (the pool closes). */
export function stopCollecting(): void {
  if (collecting) clearInterval(collecting);
  collecting = undefined;
}
