// The WebAssembly keyword scanner: the text is copied into the module's memory one byte per
// character (latin1, a native copy), and the module (gram-scan.wat) tests the gram of four
// case-folded characters at every even offset against a bitmap of the keywords' representatives,
// then tries the keywords listed under each marked gram, so that only hits come back to JavaScript,
// as the flat pairs of KeywordHits. A character above U+00FF keeps only its low byte in the copy, so
// it may make a false hit: in a text holding one, each hit is checked here to hold 7-bit characters
// only, and the rare one that does not is confirmed on the string itself.
// Representatives: each keyword needs one for each parity of the offset it may start at (a gram of
// four of its characters at offset j of that parity, or of its two or three characters with any
// codes around them when it is too short). Which four is free, and a rare one spares marks: the
// module counts the 3- and 2-grams of the first 256 KiB scanned, and the representatives are chosen
// from those counts (the rarest, estimated), at the first text, then again once the 256 KiB are
// counted. On git/git's tree this halved the marks (12,000 per MB with representatives chosen from
// bigram frequencies of other code, 6,500 so), and the text scanned is the best sample of itself.
// Hits do not depend on the choice (test/core/gram-scan.test.ts tries random ones).
// Usable when every keyword is 2+ characters of 7-bit ASCII drawn from at most 63 distinct
// characters (case-folded), so four of them fit a 24-bit gram: true of the built-in rules.
import { GRAM_SCAN_WASM } from './gram-scan-bytes.ts';
import type { KeywordScan } from './prefilter.ts';

/** Memory layout of gram-scan.wat; what follows COUNT2 is placed by `wasmScanner`. */
const FOLD = 0;
const BITMAP = 1024;
const BITMAP_BYTES = 1 << 21;
/** Set bits before each 256 bits of the bitmap (a u32 each). */
const CUM = BITMAP + BITMAP_BYTES;
/** Counters (u16) of the 3-grams and the 2-grams of codes counted (`count` in gram-scan.wat). */
const COUNT3 = CUM + (1 << 18);
const COUNT2 = COUNT3 + (1 << 19);
const TABLES = COUNT2 + (1 << 13);
/** Bytes of a record (see gram-scan.wat). */
const RECORD = 48;
/** Text is copied and scanned this many characters at a time (plus lookahead and padding). */
const CHUNK = 1 << 18;
/** Characters counted before the representatives are chosen again, for good. */
const SAMPLE = 1 << 18;
/** Tries the module holds before moving the hits among them to the output. */
const TRIES_HELD = 4096;

/** The part of the WebAssembly API used here (the `ES2023` lib has no WebAssembly types). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Exports };
}
interface Exports {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  scan: (input: number, n: number, limit: number, out: number, entries: number, marks: number, tries: number, full: number) => number;
  count: (input: number, n: number, count3: number, count2: number) => void;
  build: (pairs: number, count: number, entries: number, lists: number) => void;
}

/**
 * Picks a representative for keyword `ki` at offsets of `parity`: the index of one of its `options`
 * (the default estimates each one's count from the counted grams and takes the least).
 */
export type ChooseRepresentative = (ki: number, parity: number, options: number) => number;

/** A representative that may stand for a keyword: the gram at offset j of it, fixed where [a, b). */
interface Option {
  j: number;
  a: number;
  b: number;
}

const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
/** A character that does not fit a byte (V8 answers at once for a string stored a byte per character). */
const WIDE = /[^\x00-\xff]/;
/** The module's memory is little-endian; the tables are written through a Uint32Array, in the platform's order. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
let compiled: object | undefined;

/**
 * A scanner over `all` (lowercase keywords, longest first, distinct), giving the same hits as the
 * gram scanner in prefilter.ts, or undefined when the keywords do not fit the module's tables.
 * `choose` overrides the choice of representatives (tests).
 */
export function wasmScanner(all: readonly string[], choose?: ChooseRepresentative): KeywordScan | undefined {
  if (!wasm || all.length === 0 || !LITTLE_ENDIAN) return undefined;
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
  // For each keyword and parity, the representatives with the most fixed characters (four where the
  // keyword has four at such an offset), and the grams they can mark at most.
  const byLength: (readonly [Option[], Option[]])[] = [];
  const options = codes.map((c) => (byLength[c.length] ??= [optionsOf(c.length, 0), optionsOf(c.length, 1)]));
  let maxPairs = 0;
  for (const byParity of options) for (const o of byParity) maxPairs += 64 ** (4 - ((o[0]?.b ?? 0) - (o[0]?.a ?? 0)));
  let restBytes = 0;
  for (const k of all) restBytes += 16 * Math.max(0, Math.ceil((k.length - 16) / 8));
  const ENTRIES = TABLES;
  const LISTS = ENTRIES + 4 * maxPairs;
  const PAIRS = LISTS + 8 * maxPairs;
  const RECORDS = PAIRS + 8 * maxPairs;
  const REST = RECORDS + RECORD * 2 * all.length;
  const INPUT = align(REST + restBytes);
  const OUTPUT = align(INPUT + CHUNK + 2 * longest + 32);
  const MARKS = OUTPUT + 8 * (CHUNK + 1);
  const TRIES = MARKS + 8 * ((CHUNK + longest + 8) >> 1);
  const MEMORY_BYTES = TRIES + 8 * (TRIES_HELD + 2 * all.length);
  /** `built`: undefined before the first build (the memory is still zero), false when one is due. */
  let state: { memory: Buffer; u32: Uint32Array; u16: Uint16Array; exports: Exports; out: Int32Array; counted: number; built?: boolean } | undefined;
  const init = (api: WasmApi): NonNullable<typeof state> => {
    compiled ??= new api.Module(Buffer.from(GRAM_SCAN_WASM, 'base64'));
    const { exports } = new api.Instance(compiled, {});
    const mem = exports.memory;
    mem.grow(Math.ceil((MEMORY_BYTES - mem.buffer.byteLength) / 65536));
    const memory = Buffer.from(mem.buffer);
    // Little-endian whatever the platform's order, as the module reads it (DataView: Buffer's
    // writeUInt32LE checks its arguments in JavaScript, a tenth of a staged scan's set-up here).
    const view = new DataView(mem.buffer);
    memory.set(code, FOLD);
    // Records: the keyword's characters as (pattern, mask) bytes, 8 at a time; a letter's mask
    // clears its case bit. Both parities' records share all but j (set by `build`).
    let rest = REST;
    all.forEach((k, ki) => {
      const first = RECORDS + RECORD * 2 * ki;
      for (let q = 0; q < Math.min(k.length, 16); q++) {
        const c = k.charCodeAt(q);
        for (const at of [first, first + RECORD]) {
          memory[at + q + (q & 8)] = c;
          memory[at + q + (q & 8) + 8] = c >= 97 && c <= 122 ? 0xdf : 0xff;
        }
      }
      for (const at of [first, first + RECORD]) {
        view.setUint32(at + 32, ki, true);
        view.setUint32(at + 40, rest, true);
        view.setUint32(at + 44, Math.max(0, Math.ceil((k.length - 16) / 8)), true);
      }
      for (let q = 16; q < k.length; q++) {
        const c = k.charCodeAt(q);
        const at = rest + 16 * ((q - 16) >> 3) + (q & 7);
        memory[at] = c;
        memory[at + 8] = c >= 97 && c <= 122 ? 0xdf : 0xff;
      }
      rest += 16 * Math.max(0, Math.ceil((k.length - 16) / 8));
    });
    return { memory, u32: new Uint32Array(mem.buffer), u16: new Uint16Array(mem.buffer), exports, out: new Int32Array(mem.buffer, OUTPUT, 2 * CHUNK), counted: 0 };
  };
  /** The estimated count of the grams option `o` of keyword codes `c` marks: of a 4-gram, from its two 3-grams. */
  const estimate = (u16: Uint16Array, c: readonly number[], o: Option): number => {
    const at = o.j + o.a;
    const [a = 0, b = 0, d = 0, e = 0] = [c[at], c[at + 1], c[at + 2], c[at + 3]];
    if (o.b - o.a === 2) return (u16[(COUNT2 >> 1) + ((a << 6) | b)] ?? 0) + 0.5;
    const abd = (u16[(COUNT3 >> 1) + ((a << 12) | (b << 6) | d)] ?? 0) + 0.5;
    if (o.b - o.a === 3) return abd;
    return (abd * ((u16[(COUNT3 >> 1) + ((b << 12) | (d << 6) | e)] ?? 0) + 0.5)) / ((u16[(COUNT2 >> 1) + ((b << 6) | d)] ?? 0) + 1);
  };
  /** Chooses the representatives and builds the module's bitmap and lists from them. */
  const build = (s: NonNullable<typeof state>): void => {
    const { memory, u32, u16, exports } = s;
    if (s.built !== undefined) {
      memory.fill(0, BITMAP, BITMAP + BITMAP_BYTES);
      memory.fill(0, ENTRIES, PAIRS);
    }
    let pair = PAIRS >> 2;
    codes.forEach((c, ki) => {
      for (let parity = 0; parity < 2; parity++) {
        const opts = options[ki]?.[parity] ?? [];
        let best = 0;
        if (choose) best = choose(ki, parity, opts.length);
        else {
          let least = Number.POSITIVE_INFINITY;
          for (let i = 0; i < opts.length; i++) {
            const e = estimate(u16, c, opts[i] as Option);
            if (e < least) [least, best] = [e, i];
          }
        }
        const o = opts[best] ?? opts[0];
        if (!o) continue;
        const record = RECORDS + RECORD * (2 * ki + parity);
        u32[(record + 36) >> 2] = o.j;
        // Every gram the representative matches: its fixed codes, any codes where it has none.
        let base = 0;
        const free: number[] = [];
        for (let q = 0; q < 4; q++) {
          if (q >= o.a && q < o.b) base |= (c[o.j + q] ?? 0) << (18 - 6 * q);
          else free.push(18 - 6 * q);
        }
        const [f0 = 0, f1 = 0] = free;
        for (let x = 0; x < 1 << (6 * free.length); x++) {
          u32[pair++] = base | ((x & 63) << f0) | ((x >> 6) << f1);
          u32[pair++] = record;
        }
      }
    });
    exports.build(PAIRS, (pair - (PAIRS >> 2)) >> 1, ENTRIES, LISTS);
    s.built = true;
  };
  /** Counts the chunk just copied while sampling, and builds when due. */
  const prepare = (s: NonNullable<typeof state>, n: number): void => {
    if (s.counted < SAMPLE) {
      s.exports.count(INPUT, n, COUNT3, COUNT2);
      s.counted += n;
      if (s.counted >= SAMPLE) s.built = false;
    }
    if (s.built !== true) build(s);
  };
  const scanChunk = (s: NonNullable<typeof state>, n: number, limit: number): number => {
    s.memory.fill(0, INPUT + n, INPUT + n + longest + 24);
    prepare(s, n);
    return s.exports.scan(INPUT, n, limit, OUTPUT, ENTRIES, MARKS, TRIES, TRIES + 8 * TRIES_HELD);
  };
  // Keywords by their first four codes (4+ chars), first three (3 chars) or two (2 chars), longest
  // first: for `confirm`.
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
    const { memory, out } = state;
    // Without a character above U+00FF the copy is exact, and hits need no check (from U+0080 up a
    // character is in no keyword): the module's output is the hits as they stand.
    const wide = WIDE.test(text);
    if (!wide && text.length <= CHUNK) {
      const n = memory.write(text, INPUT, 'latin1');
      return out.slice(0, 2 * scanChunk(state, n, n));
    }
    const hits: number[] = [];
    for (let s = 0; s < text.length; s += CHUNK) {
      // The copy runs past the chunk by the longest keyword, so a keyword starting in it is seen whole.
      const n = memory.write(text.slice(s, s + CHUNK + longest - 1), INPUT, 'latin1');
      const found = scanChunk(state, n, Math.min(CHUNK, n));
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

/**
 * The representatives a keyword of `length` characters may have at offsets of `parity`: offsets j
 * of that parity from -1 on (the gram at s + j, tested only from 0, must be there for s = 0 or 1)
 * where the gram holds 2+ of its characters, keeping those that hold the most (so a 4-gram inside
 * it whenever there is one).
 */
function optionsOf(length: number, parity: number): Option[] {
  const out: Option[] = [];
  for (let j = -1; j <= length - 2; j++) {
    if ((j & 1) !== parity) continue;
    const a = Math.max(0, -j);
    const b = Math.min(4, length - j);
    if (b - a >= 2) out.push({ j, a, b });
  }
  const most = Math.max(...out.map((o) => o.b - o.a));
  return out.filter((o) => o.b - o.a === most);
}

/** `n` rounded up to a multiple of 8. */
function align(n: number): number {
  return (n + 7) & ~7;
}

/** The 24-bit gram of four 6-bit codes. */
function gram(a = 0, b = 0, c = 0, d = 0): number {
  return (a << 18) | (b << 12) | (c << 6) | d;
}
