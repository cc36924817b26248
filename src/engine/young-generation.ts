// The size of V8's young generation, where every new string starts. Under a steady stream of texts V8
// doubles it again and again, up to 2 x 64 MB per thread on Node 24: RSS that buys nothing here,
// since a scan keeps little beyond the fragments in flight, and a young generation far larger than
// the CPU caches made the scan slower too.
//
// A thread's maximum is fixed when its heap is created (`--max-semi-space-size`, worker
// `resourceLimits`), too late for the main thread, whose command line keywarden does not choose. V8
// reads its growth factor each time it grows the young generation: set to 1, growth stops. The flag
// is per process: workers stop growing theirs too, from then on, so the pool fixes theirs (below).
//
// Where to stop: held at once (1 MB), every text over 1 MB is born in the old generation's large
// objects and, dead as soon as scanned, waits there for a full collection (163 MB of them at the peak
// of a two-thread scan of git/git), and two threads ran 10-20% slower. Measured on git/git's history
// (2 cores, medians of 2 alternated runs, every command under `chrt -r 50`), held at 32 MB against
// V8's own growth: two threads 51 s, 87 CPU-s, 497 MB peak RSS against 57 s, 96 CPU-s, 581 MB; held
// at 16 MB, 56 s and 466 MB. One thread, every rule disabled: 24.6 s and 290 MB (16 MB: 26.6 s; held
// at once: 29.2 s, 260 MB).
// Since the pool's main thread reads and dispatches and the workers decode (and its old generation
// is collected by itself, old-generation.ts), 16 MB costs no time: two threads on git/git's history
// (load 9-12, alternated, 3 runs each) 268-286 MB and 46.5-49.4 CPU-s held at 16 against 292-306 MB
// and 47.7-50.1 CPU-s at 32.
const HOLD_AT_BYTES = 16 * 1024 * 1024;
const POLL_MS = 20;

let started = false;
/** The growth factor has been set to 1 (and must be put back before the code cache is written). */
let held = false;
/** V8's own growth factor (`node --v8-options`: `--semi-space-growth-factor=2`, Node 20 to 24). */
const V8_GROWTH_FACTOR = 2;

/** Stops V8 from growing the young generation once the main thread's has reached `atBytes`; idempotent. */
export function holdYoungGeneration(atBytes = HOLD_AT_BYTES): void {
  if (started) return;
  started = true;
  const hold = (): boolean => {
    // Loaded at the first poll, not imported: node:v8 is needed by scans only (see core/builtins.ts),
    // and a pre-commit scan is over before that poll (loading it cost a millisecond of its start-up).
    const v8 = process.getBuiltinModule('node:v8');
    const young = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
    if (young && young.space_size < atBytes) return false;
    v8.setFlagsFromString('--semi-space-growth-factor=1');
    held = true;
    return true;
  };
  // No check now: the young generation starts at a megabyte or two, far below any hold.
  const timer = setInterval(() => {
    if (hold()) clearInterval(timer);
  }, POLL_MS);
  timer.unref();
}

/**
 * Puts V8's growth factor back (the code cache at exit, src/cli/run.ts): V8 refuses a cache written
 * under other flags, so every scan large enough to hold the young generation made the next start
 * compile the whole CLI afresh and write the cache again.
 */
export function releaseYoungGeneration(): void {
  if (!held) return;
  held = false;
  process.getBuiltinModule('node:v8').setFlagsFromString(`--semi-space-growth-factor=${V8_GROWTH_FACTOR}`);
}

// A worker's young generation: its maximum is the pool's `resourceLimits.maxYoungGenerationSizeMb`,
// but it starts at a megabyte and grows only while V8's growth factor allows, which the hold above
// sets to 1 for the whole process whenever the main thread's young generation reaches its size. So
// a worker's ended at 2, 8 or 32 MB depending on which came first (git/git's history at two threads:
// peak RSS 265-306 MB across runs, CPU-s apart too). A worker isolate takes its initial size from
// V8's `--min-semi-space-size` (MB, one of the young generation's two halves) when it is created:
// set to half the maximum, the young generation starts at that maximum and stays there.

/**
 * Workers created from now until the returned function is called start with a young generation of
 * `mb` MB (their `maxYoungGenerationSizeMb`, an even number). Call it once they are online: the flag
 * is put back, for the code cache (releaseYoungGeneration) and for the isolates created later.
 */
export function startWorkersYoungGenerationAt(mb: number): () => void {
  const v8 = process.getBuiltinModule('node:v8');
  v8.setFlagsFromString(`--min-semi-space-size=${Math.max(1, Math.floor(mb / 2))}`);
  let done = false;
  return () => {
    if (done) return;
    done = true;
    v8.setFlagsFromString('--min-semi-space-size=0');
  };
}
