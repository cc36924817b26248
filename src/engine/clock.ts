// A monotonic clock in milliseconds. Not the global `performance`: its first use loads
// node:perf_hooks, about a millisecond of a pre-commit scan's start-up.

/** Milliseconds since an arbitrary start (monotonic; differences are durations). */
export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
