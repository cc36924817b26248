// SARIF `partialFingerprints.primaryLocationLineHash`, computed the way github/codeql-action's
// `src/fingerprints.ts` does (MIT; reimplemented here). Code scanning matches alerts across runs by this
// value; the upload-sarif action computes it, the raw `code-scanning/sarifs` API does not, so a direct
// upload without it duplicates alerts.
//
// The algorithm: a rolling hash (base 37, 64-bit two's-complement wrap-around, as the `long` package
// does) over the first 100 characters that follow the start of each line, ignoring spaces and tabs, with
// `\r\n`, `\r` and `\n` all read as `\n`. A sentinel 65535 ends the text and zeros pad the last window.
// Each value is `hex:n`, where n counts earlier lines with the same hash.

const TAB = 9;
const SPACE = 32;
const LF = 10;
const CR = 13;
const EOF = 65535;
const BLOCK_SIZE = 100;
const MOD = 37n;

/** Two's-complement 64-bit wrap, as `Long` arithmetic does. */
const wrap = (n: bigint): bigint => BigInt.asIntN(64, n);
const FIRST_MOD = (() => {
  let m = 1n;
  for (let i = 0; i < BLOCK_SIZE; i++) m = wrap(m * MOD);
  return m;
})();

/** The line hash of every line of `text`; index 0 is line 1. */
export function lineHashes(text: string): string[] {
  const window: number[] = new Array(BLOCK_SIZE).fill(0);
  const lineNumbers: number[] = new Array(BLOCK_SIZE).fill(-1);
  const out: string[] = [];
  const counts = new Map<string, number>();
  let hash = 0n;
  let index = 0;
  let lineNumber = 0;
  let lineStart = true;
  let prevCR = false;

  const emit = (): void => {
    const hex = BigInt.asUintN(64, hash).toString(16);
    const n = (counts.get(hex) ?? 0) + 1;
    counts.set(hex, n);
    out[(lineNumbers[index] ?? 0) - 1] = `${hex}:${n}`;
    lineNumbers[index] = -1;
  };
  const update = (current: number): void => {
    const begin = window[index] ?? 0;
    window[index] = current;
    hash = wrap(wrap(MOD * hash) + BigInt(current) - wrap(FIRST_MOD * BigInt(begin)));
    index = (index + 1) % BLOCK_SIZE;
  };
  const processChar = (code: number): void => {
    if (code === SPACE || code === TAB || (prevCR && code === LF)) {
      prevCR = false;
      return;
    }
    let current = code;
    prevCR = current === CR;
    if (prevCR) current = LF;
    if (lineNumbers[index] !== -1) emit();
    if (lineStart) {
      lineStart = false;
      lineNumber++;
      lineNumbers[index] = lineNumber;
    }
    if (current === LF) lineStart = true;
    update(current);
  };

  for (let i = 0; i < text.length; i++) processChar(text.charCodeAt(i));
  processChar(EOF);
  for (let i = 0; i < BLOCK_SIZE; i++) {
    if (lineNumbers[index] !== -1) emit();
    update(0);
  }
  return out;
}
