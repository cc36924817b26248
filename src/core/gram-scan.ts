// The WebAssembly keyword scanner: the text is copied into the module's memory one byte per
// character (latin1, a native copy), and the module's loop (gram-scan.wat) finds every offset whose
// next four case-folded characters begin a keyword, then confirms the keyword there against a table
// of the keywords, so that only hits come back to JavaScript (a gram alone also marks `check` for
// `checkout`: six marks per hit on git/git's history), as the flat pairs of KeywordHits. A character
// above U+00FF keeps only its low byte in the copy, so it may make a false hit: in a text holding
// one, each hit is checked here to hold 7-bit characters only, and the rare one that does not is
// confirmed on the string itself.
// Usable when every keyword is 2+ characters of 7-bit ASCII drawn from at most 63 distinct
// characters (case-folded), so four of them fit a 24-bit gram: true of the built-in rules.
import { GRAM_SCAN_WASM } from './gram-scan-bytes.ts';
import type { KeywordScan } from './prefilter.ts';

/** Memory layout of gram-scan.wat; the keyword table and what follows it are placed by `layout`. */
const FOLD = 0;
const BITMAP = 1024;
const BITMAP_BYTES = 1 << 21;
/** Bitmaps of the three- and two-character keywords' grams (see confirm in gram-scan.wat). */
const SHORT3 = BITMAP + BITMAP_BYTES;
const SHORT2 = SHORT3 + (1 << 15);
/** Bitmap of hashes of the keywords' first six codes (or all of fewer), see $mark in gram-scan.wat. */
const SIEVE = SHORT2 + (1 << 9);
const TABLE = SIEVE + (1 << 17);
const TABLE_SLOTS = 4096;
/** Text is copied and scanned this many characters at a time (plus lookahead and padding). */
const CHUNK = 1 << 18;

/** The part of the WebAssembly API used here (the `ES2023` lib has no WebAssembly types). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: { memory: { buffer: ArrayBuffer; grow(pages: number): number }; scan: ScanFn; hash6: (gram: number, next: number) => number } };
}
type ScanFn = (input: number, n: number, limit: number, out: number, table: number, marks: number) => number;

const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
/** A character that does not fit a byte (V8 answers at once for a string stored a byte per character). */
const WIDE = /[^\x00-\xff]/;
let compiled: object | undefined;

/**
 * A scanner over `all` (lowercase keywords, longest first, distinct), giving the same hits as the
 * gram scanner in prefilter.ts, or undefined when the keywords do not fit the module's tables.
 */
export function wasmScanner(all: readonly string[]): KeywordScan | undefined {
  if (!wasm || all.length === 0) return undefined;
  // The distinct characters of the keywords (plain loops: this runs at every start, in cold code).
  const seen = new Uint8Array(128);
  let distinct = 0;
  for (const k of all) {
    if (k.length < 2) return undefined;
    for (let j = 0; j < k.length; j++) {
      const c = k.charCodeAt(j);
      if (c < 1 || c > 127) return undefined;
      if (seen[c] === 0) distinct++;
      seen[c] = 1;
    }
  }
  if (distinct > 63) return undefined;
  // code[c] = 6-bit code of char code c (either case for letters), 0 for a character in no keyword;
  // codes are given in character order.
  const code = new Uint8Array(256);
  for (let c = 1, i = 0; c < 128; c++) {
    if (seen[c] === 0) continue;
    code[c] = ++i;
    if (c >= 97 && c <= 122) code[c - 32] = i;
  }
  const codes = all.map((k) => {
    const c: number[] = [];
    for (let j = 0; j < k.length; j++) c.push(code[k.charCodeAt(j)] ?? 0);
    return c;
  });
  const longest = all[0]?.length ?? 0;
  // Keywords by their first four codes (4+ chars), first three (3 chars) or two (2 chars), longest first.
  const lists = new Map<number, number[]>();
  codes.forEach((c, i) => {
    const key = c.length >= 4 ? gram(c[0], c[1], c[2], c[3]) : c.length === 3 ? (1 << 25) | gram(0, c[0], c[1], c[2]) : (1 << 26) | gram(0, 0, c[0], c[1]);
    const list = lists.get(key);
    if (list) list.push(i);
    else lists.set(key, [i]);
  });
  if (lists.size > TABLE_SLOTS / 2) return undefined;
  // After the table: the lists (12-byte records, each list ended by an empty one), the keywords'
  // codes, the input (a chunk, the lookahead of the longest keyword and as much zero padding), the
  // output, the marks (offsets the first pass found, see scan in gram-scan.wat).
  const LISTS = TABLE + TABLE_SLOTS * 8;
  const CODES = LISTS + 12 * (all.length + lists.size);
  const INPUT = align(CODES + codes.reduce((n, c) => n + c.length, 0));
  const OUTPUT = align(INPUT + CHUNK + 2 * longest + 16);
  const MARKS = OUTPUT + 8 * CHUNK;
  const MEMORY_BYTES = MARKS + 4 * (CHUNK + 2 * longest + 32);
  let state: { memory: Buffer; scan: ScanFn; out: Int32Array } | undefined;
  const init = (api: WasmApi): NonNullable<typeof state> => {
    compiled ??= new api.Module(Buffer.from(GRAM_SCAN_WASM, 'base64'));
    const instance = new api.Instance(compiled, {});
    const mem = instance.exports.memory;
    mem.grow(Math.ceil((MEMORY_BYTES - mem.buffer.byteLength) / 65536));
    const memory = Buffer.from(mem.buffer);
    // Little-endian whatever the platform's order, as the module reads it (DataView: Buffer's
    // writeUInt32LE checks its arguments in JavaScript, a tenth of a staged scan's set-up here).
    const view = new DataView(mem.buffer);
    memory.set(code, FOLD);
    for (const c of codes) setGrams(memory, c);
    setSieve(memory, codes, instance.exports.hash6);
    const codeAt: number[] = [];
    let at = CODES;
    for (const c of codes) {
      codeAt.push(at);
      memory.set(c, at);
      at += c.length;
    }
    let record = LISTS;
    for (const [key, list] of lists) {
      let slot = Math.imul(key, 0x9e3779b1) >>> 20;
      while (view.getUint32(TABLE + slot * 8, true) !== 0) slot = (slot + 1) & (TABLE_SLOTS - 1);
      view.setUint32(TABLE + slot * 8, key, true);
      view.setUint32(TABLE + slot * 8 + 4, record, true);
      for (const ki of list) {
        view.setUint32(record, ki, true);
        view.setUint32(record + 4, codeAt[ki] ?? 0, true);
        view.setUint32(record + 8, codes[ki]?.length ?? 0, true);
        record += 12;
      }
      record += 12; // the list's end: a record of zeros
    }
    return { memory, scan: instance.exports.scan, out: new Int32Array(mem.buffer, OUTPUT, 2 * CHUNK) };
  };
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
  /** The longest keyword at `s` read from the string itself, or -1 (for a hit made by a character above U+00FF). */
  const confirm = (text: string, s: number): number => {
    const a = fold(text, s);
    const b = fold(text, s + 1);
    const c = fold(text, s + 2);
    const d = fold(text, s + 3);
    const four = within(lists.get(gram(a, b, c, d)), text, s, 4);
    if (four >= 0) return four;
    const three = within(lists.get((1 << 25) | gram(0, a, b, c)), text, s, 3);
    if (three >= 0) return three;
    return within(lists.get((1 << 26) | gram(0, 0, a, b)), text, s, 2);
  };
  /** True when the `length` characters at `s` are all 7-bit (then the copy held them exactly). */
  const ascii = (text: string, s: number, length: number): boolean => {
    for (let j = s; j < s + length; j++) if (text.charCodeAt(j) > 127) return false;
    return true;
  };
  return (text) => {
    state ??= init(wasm);
    const { memory, scan, out } = state;
    // Without a character above U+00FF the copy is exact, and hits need no check (from U+0080 up a
    // character is in no keyword): the module's output is the hits as they stand.
    const wide = WIDE.test(text);
    if (!wide && text.length <= CHUNK) {
      const n = memory.write(text, INPUT, 'latin1');
      memory.fill(0, INPUT + n, INPUT + n + longest + 8);
      return out.slice(0, 2 * scan(INPUT, n + 3, n, OUTPUT, TABLE, MARKS));
    }
    const hits: number[] = [];
    for (let s = 0; s < text.length; s += CHUNK) {
      // The copy runs past the chunk by the longest keyword, so a keyword starting in it is seen whole.
      const n = memory.write(text.slice(s, s + CHUNK + longest - 1), INPUT, 'latin1');
      memory.fill(0, INPUT + n, INPUT + n + longest + 8);
      const found = scan(INPUT, n + 3, Math.min(CHUNK, n), OUTPUT, TABLE, MARKS);
      for (let j = 0; j < 2 * found; j += 2) {
        const at = s + (out[j] ?? 0);
        let ki = out[j + 1] ?? 0;
        if (wide && !ascii(text, at, all[ki]?.length ?? 0)) ki = confirm(text, at);
        if (ki >= 0) hits.push(at, ki);
      }
    }
    return Int32Array.from(hits);
  };
}

/** `n` rounded up to a multiple of 8. */
function align(n: number): number {
  return (n + 7) & ~7;
}

/** The 24-bit gram of four 6-bit codes. */
function gram(a = 0, b = 0, c = 0, d = 0): number {
  return (a << 18) | (b << 12) | (c << 6) | d;
}

/** Sets bit `g` of the bitmap at `base`. */
function setBit(memory: Buffer, base: number, g: number): void {
  const at = base + (g >>> 3);
  memory[at] = (memory[at] ?? 0) | (1 << (g & 7));
}

/**
 * Sets the bitmap bits of every gram a keyword of codes `c` can begin (any codes after a short one),
 * and a short keyword's own gram in SHORT3 or SHORT2.
 */
function setGrams(memory: Buffer, c: readonly number[]): void {
  if (c.length === 3) setBit(memory, SHORT3, gram(0, c[0], c[1], c[2]));
  if (c.length === 2) setBit(memory, SHORT2, gram(0, 0, c[0], c[1]));
  if (c.length >= 4) setBit(memory, BITMAP, gram(c[0], c[1], c[2], c[3]));
  // A short keyword begins every gram with its codes first: 64 (3 chars) or 4,096 (2 chars)
  // consecutive grams, i.e. whole bytes of the bitmap (start-up: one fill, not 4,096 bit sets).
  else if (c.length === 3) memory.fill(0xff, BITMAP + (gram(c[0], c[1], c[2], 0) >>> 3), BITMAP + ((gram(c[0], c[1], c[2], 0) + 64) >>> 3));
  else memory.fill(0xff, BITMAP + (gram(c[0], c[1], 0, 0) >>> 3), BITMAP + ((gram(c[0], c[1], 0, 0) + 4096) >>> 3));
}

/**
 * The SIEVE bitmap: for each keyword, `hash6` (of the module) of its first four codes and the next
 * two (6+ characters), or of its first four and 4096 (4 or 5), its three codes and 8192, its two
 * codes and 12288: a mark at a keyword finds one of them set (see $mark in gram-scan.wat).
 */
function setSieve(memory: Buffer, codes: readonly (readonly number[])[], hash6: (gram: number, next: number) => number): void {
  for (const [a, b, c, d, e, f] of codes) {
    const h = e === undefined || f === undefined ? hash6(gram(a, b, c, d), d === undefined ? (c === undefined ? 12288 : 8192) : 4096) : hash6(gram(a, b, c, d), (e << 6) | f);
    setBit(memory, SIEVE, h);
  }
}
