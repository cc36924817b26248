// The WebAssembly encoded-run scanner: the records of runs.ts's regexRuns at native speed. The text
// is copied into the module's memory a byte per character (Latin-1) when it has no character above
// U+00FF, else as UTF-16 narrowed there; run-scan.wat then classifies 16 characters at a time and
// looks one by one only at `%`, `\` and the starts of 16+ base64 characters, where the regex could
// match. Its byte classes are built here from the regexes' own character classes, so the two
// scanners cannot drift apart on what a character is; test/core/decode-runs.test.ts holds them to
// the same records.
import { isBase64Char, LEAD_CLASS, QUAD_FIRST, QUAD_SECOND } from './base64.ts';
import { ESCAPE_LETTER, HEX_DIGIT, MIN_LITERAL } from './json-escape.ts';
import { isUrlCode, MIN_PERCENT_RUN } from './percent.ts';
import { quietEscapes } from './quiet.ts';
import { RUN_SCAN_WASM } from './run-scan-bytes.ts';
import type { QuietSkip } from './runs.ts';
import { CONTEXT_AFTER, CONTEXT_BEFORE } from './view.ts';

/** Longest text scanned here (characters); a longer one goes to the regex scanner, as does one that
 * has more records than the output holds. Memory holds about 3 bytes per character of the longest
 * text scanned so far. */
export const NATIVE_MAX_CHARS = 1 << 22;

/** Memory layout (see run-scan.wat); the 16 bytes below INPUT stay zero. */
const CLASS = 0;
/** The nibble tables, HI then LO (16 bytes each). */
const NIBBLES = 256;
const INPUT = 1024;
/** Class bits (run-scan.wat). */
const BASE64 = 1;
const FIRST = 2;
const SECOND = 4;
const LEAD = 8;
const HEX = 16;
const URL = 32;
const QUIET = 64;
const ESCAPE = 128;

/** The part of the WebAssembly API used here (the `ES2023` lib has no WebAssembly types). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: { memory: { buffer: ArrayBuffer; grow(pages: number): number }; scan: ScanFn } };
}
type ScanFn = (input: number, n: number, bitmaps: number, out: number, cap: number, minPercent: number, minLiteral: number, hits: number, hitCount: number, contextBefore: number, contextAfter: number, wide: number) => number;

interface State {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  scan: ScanFn;
  view: Buffer;
  /** The quiet escape letters the class table is set for. */
  quiet: string;
}

const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
/** A character that does not fit a byte. */
const WIDE = /[^\x00-\xff]/;
/** Undefined until first used; null when the module cannot be instantiated (no SIMD). */
let state: State | null | undefined;

/**
 * The runs of `text` (as regexRuns gives them for the same `quiet`), or undefined when the native
 * scanner cannot take the text (too long, too many records, no WebAssembly).
 */
export function nativeRuns(text: string, quiet?: QuietSkip): Int32Array | undefined {
  const n = text.length;
  if (n > NATIVE_MAX_CHARS) return undefined;
  state ??= init();
  if (!state) return undefined;
  const words = Math.ceil(n / 64);
  // Characters read past the text (zeros): to the end of the last word, and one more word.
  const padded = 64 * (words + 1) + 64;
  const bitmaps = INPUT + 2 * padded;
  const out = bitmaps + 16 * (words + 2);
  const cap = 1024 + (n >> 4);
  const hits = out + 12 * cap;
  const need = hits + 4 * (quiet?.hits.length ?? 0);
  if (state.memory.buffer.byteLength < need) {
    state.memory.grow(Math.ceil((need - state.memory.buffer.byteLength) / 65536));
    state.view = Buffer.from(state.memory.buffer);
  }
  const { view } = state;
  setQuiet(state, quiet ? quietEscapes(quiet.prefilter) : '');
  // V8 answers this at once for a string stored a byte per character, which is nearly all of them.
  const wide = WIDE.test(text);
  view.write(text, INPUT, wide ? 'utf16le' : 'latin1');
  // A literal holds a backslash: without one the hits are not read. They go as they are (KeywordHits pairs).
  const hitCount = quiet && text.includes('\\') ? quiet.hits.length >> 1 : 0;
  if (quiet && hitCount > 0) new Int32Array(view.buffer, hits, 2 * hitCount).set(quiet.hits.subarray(0, 2 * hitCount));
  const count = state.scan(INPUT, n, bitmaps, out, cap, MIN_PERCENT_RUN, MIN_LITERAL, hits, hitCount, CONTEXT_BEFORE, CONTEXT_AFTER, wide ? 1 : 0);
  if (count < 0) return undefined;
  return new Int32Array(view.buffer, out, 3 * count).slice();
}

function init(): State | null {
  if (!wasm) return null;
  try {
    const instance = new wasm.Instance(new wasm.Module(Buffer.from(RUN_SCAN_WASM, 'base64')), {});
    const { memory, scan } = instance.exports;
    const view = Buffer.from(memory.buffer);
    view.set(classTable(), CLASS);
    view.set(nibbleTables(), NIBBLES);
    return { memory, scan, view, quiet: '' };
  } catch {
    return null;
  }
}

/** Class bits of each byte (run-scan.wat), from the regexes' classes; QUIET is set per scan. */
export function classTable(): Uint8Array {
  const classes: [number, (c: number) => boolean][] = [
    [BASE64, isBase64Char],
    [FIRST, matcher(QUAD_FIRST)],
    [SECOND, matcher(QUAD_SECOND)],
    [LEAD, matcher(LEAD_CLASS)],
    [HEX, matcher(HEX_DIGIT)],
    [URL, isUrlCode],
    [ESCAPE, matcher(ESCAPE_LETTER)],
  ];
  const table = new Uint8Array(256);
  for (let c = 0; c < 256; c++) for (const [bit, has] of classes) if (has(c)) table[c] = (table[c] ?? 0) | bit;
  return table;
}

function matcher(charClass: string): (c: number) => boolean {
  const re = new RegExp(`^${charClass}$`);
  return (c) => re.test(String.fromCharCode(c));
}

/**
 * The SIMD pass's nibble tables (HI then LO): HI[c >> 4] & LO[c & 15] has one of bits 0-4 set for a
 * base64 character (five rectangles of high × low nibbles: A-O a-o, P-Z p-z, 0-9, + - /, _), bit 6
 * for `%` and bit 7 for `\`. test/core/decode-runs.test.ts checks them against isBase64Char.
 */
export function nibbleTables(): Uint8Array {
  const rectangles: [number, number[], number[]][] = [
    [1, [4, 6], range(1, 15)],
    [2, [5, 7], range(0, 10)],
    [4, [3], range(0, 9)],
    [8, [2], [0xb, 0xd, 0xf]],
    [16, [5], [0xf]],
    [64, [2], [5]],
    [128, [5], [0xc]],
  ];
  const tables = new Uint8Array(32);
  for (const [bit, his, los] of rectangles) {
    for (const h of his) tables[h] = (tables[h] ?? 0) | bit;
    for (const l of los) tables[16 + l] = (tables[16 + l] ?? 0) | bit;
  }
  return tables;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

function setQuiet(s: State, letters: string): void {
  if (s.quiet === letters) return;
  for (let c = 0; c < 256; c++) s.view[CLASS + c] = (s.view[CLASS + c] ?? 0) & ~QUIET;
  for (const ch of letters) s.view[CLASS + ch.charCodeAt(0)] = (s.view[CLASS + ch.charCodeAt(0)] ?? 0) | QUIET;
  s.quiet = letters;
}
