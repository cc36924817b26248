// The WebAssembly keyword scanner: the text is copied into the module's memory one byte per
// character (latin1, a native copy), the module's loop (gram-scan.wat) marks every offset whose next
// four case-folded characters begin a keyword, and each mark is confirmed here on the string
// itself. A character above U+00FF keeps only its low byte in the copy, so it may cause a mark but
// never a hit: confirmation reads the real character.
// Usable when every keyword is 2+ characters of 7-bit ASCII drawn from at most 63 distinct
// characters (case-folded), so four of them fit a 24-bit gram: true of the built-in rules.
import { GRAM_SCAN_WASM } from './gram-scan-bytes.ts';
import type { KeywordHit } from './prefilter.ts';

/** Memory layout of gram-scan.wat. */
const FOLD = 0;
const BITMAP = 1024;
const BITMAP_BYTES = 1 << 21;
/** Text is copied and scanned this many characters at a time (plus 3 of lookahead and 3 of padding). */
const CHUNK = 1 << 18;
const INPUT = BITMAP + BITMAP_BYTES;
const OUTPUT = INPUT + CHUNK + 8;
const MEMORY_BYTES = OUTPUT + 4 * (CHUNK + 8);

/** The part of the WebAssembly API used here (the `ES2023` lib has no WebAssembly types). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: { memory: { buffer: ArrayBuffer; grow(pages: number): number }; scan: ScanFn } };
}
type ScanFn = (input: number, n: number, out: number) => number;

const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
let compiled: object | undefined;

/**
 * A scanner over `all` (lowercase keywords, longest first, distinct), giving the same hits as the
 * gram scanner in prefilter.ts, or undefined when the keywords do not fit the module's tables.
 */
export function wasmScanner(all: readonly string[]): ((text: string) => KeywordHit[]) | undefined {
  if (!wasm || all.some((k) => k.length < 2 || /[^\x01-\x7f]/.test(k))) return undefined;
  const chars = [...new Set(all.join(''))].sort();
  if (chars.length > 63) return undefined;
  // code[c] = 6-bit code of char code c (either case for letters), 0 for a character in no keyword.
  const code = new Uint8Array(256);
  chars.forEach((ch, i) => {
    const c = ch.charCodeAt(0);
    code[c] = i + 1;
    if (c >= 97 && c <= 122) code[c - 32] = i + 1;
  });
  const codes = all.map((k) => Array.from(k, (ch) => code[ch.charCodeAt(0)] ?? 0));
  let state: { memory: Buffer; scan: ScanFn; out: Uint32Array } | undefined;
  const init = (api: WasmApi): NonNullable<typeof state> => {
    compiled ??= new api.Module(Buffer.from(GRAM_SCAN_WASM, 'base64'));
    const instance = new api.Instance(compiled, {});
    const mem = instance.exports.memory;
    mem.grow(Math.ceil((MEMORY_BYTES - mem.buffer.byteLength) / 65536));
    const memory = Buffer.from(mem.buffer);
    memory.set(code, FOLD);
    for (const c of codes) setGrams(memory, c);
    return { memory, scan: instance.exports.scan, out: new Uint32Array(mem.buffer, OUTPUT, CHUNK + 8) };
  };
  // Keywords by their first four codes (4+ chars), first three (3 chars) or two (2 chars), longest first.
  const lists = new Map<number, number[]>();
  codes.forEach((c, i) => {
    const key = c.length >= 4 ? gram(c[0], c[1], c[2], c[3]) : c.length === 3 ? (1 << 25) | gram(0, c[0], c[1], c[2]) : (1 << 26) | gram(0, 0, c[0], c[1]);
    const list = lists.get(key);
    if (list) list.push(i);
    else lists.set(key, [i]);
  });
  const fold = (text: string, i: number): number => {
    const c = text.charCodeAt(i);
    return c < 128 ? (code[c] ?? 0) : 0;
  };
  /** The first keyword of `list` at `s` whose codes from `from` on match too, or -1. */
  const within = (list: number[] | undefined, text: string, s: number, from: number): number => {
    if (list === undefined) return -1;
    for (const ki of list) {
      const kc = codes[ki] ?? [];
      if (s + kc.length > text.length) continue;
      let j = from;
      while (j < kc.length && fold(text, s + j) === kc[j]) j++;
      if (j === kc.length) return ki;
    }
    return -1;
  };
  /** The longest keyword at `s`, or -1 (a mark made by a character above U+00FF, or a longer keyword's prefix). */
  const confirm = (text: string, s: number): number => {
    const a = fold(text, s);
    const b = fold(text, s + 1);
    const c = fold(text, s + 2);
    const d = fold(text, s + 3);
    // Written out (no array of candidates): this runs once per mark, millions of times a scan.
    const four = within(lists.get(gram(a, b, c, d)), text, s, 4);
    if (four >= 0) return four;
    const three = within(lists.get((1 << 25) | gram(0, a, b, c)), text, s, 3);
    if (three >= 0) return three;
    return within(lists.get((1 << 26) | gram(0, 0, a, b)), text, s, 2);
  };
  return (text) => {
    state ??= init(wasm);
    const { memory, scan, out } = state;
    const hits: KeywordHit[] = [];
    for (let s = 0; s < text.length; s += CHUNK) {
      // The chunk's copy runs 3 characters past it, so a keyword starting near its end is seen whole.
      const n = memory.write(text.slice(s, s + CHUNK + 3), INPUT, 'latin1');
      memory.fill(0, INPUT + n, INPUT + n + 3);
      const marks = scan(INPUT, n + 3, OUTPUT);
      for (let j = 0; j < marks; j++) {
        const at = (out[j] ?? 0) | 0;
        if (at < 0 || at >= CHUNK) continue;
        const ki = confirm(text, s + at);
        if (ki >= 0) hits.push({ keyword: all[ki] ?? '', offset: s + at });
      }
    }
    return hits;
  };
}

/** The 24-bit gram of four 6-bit codes. */
function gram(a = 0, b = 0, c = 0, d = 0): number {
  return (a << 18) | (b << 12) | (c << 6) | d;
}

/** Sets the bitmap bits of every gram a keyword of codes `c` can begin (any codes after a short one). */
function setGrams(memory: Buffer, c: readonly number[]): void {
  const set = (g: number): void => {
    const at = BITMAP + (g >>> 3);
    memory[at] = (memory[at] ?? 0) | (1 << (g & 7));
  };
  if (c.length >= 4) set(gram(c[0], c[1], c[2], c[3]));
  // A short keyword begins every gram with its codes first: 64 (3 chars) or 4,096 (2 chars)
  // consecutive grams, i.e. whole bytes of the bitmap (start-up: one fill, not 4,096 bit sets).
  else if (c.length === 3) memory.fill(0xff, BITMAP + (gram(c[0], c[1], c[2], 0) >>> 3), BITMAP + ((gram(c[0], c[1], c[2], 0) + 64) >>> 3));
  else memory.fill(0xff, BITMAP + (gram(c[0], c[1], 0, 0) >>> 3), BITMAP + ((gram(c[0], c[1], 0, 0) + 4096) >>> 3));
}
