// Keyword prefilter: every offset where a rule keyword starts (case-insensitively), longest keyword
// per offset, in one pass over the text. `implied` adds keywords that are substrings of the one found
// (`secret` inside `client_secret`).
// Three scanners give the same hits; the first that fits the keywords is used, except that a
// Prefilter scans its first megabyte with the JavaScript gram scanner (WASM_AFTER_CHARS: a staged
// scan never pays for building the WebAssembly one). First the WebAssembly one (gram-scan.ts: a gram
// of four characters at every even offset, each keyword found by a rare representative gram), for
// ASCII keywords of 2+ characters from at most 63 distinct ones (every built-in one). Then a gram
// scanner in JavaScript: a rolling window of the last three case-folded
// characters is tested against bitmaps of the keywords' first three characters (and of the
// two-character keywords), and only those offsets are compared with the keywords; 2.2× the
// throughput of the regex on a 106 MB source tree (bench/dir-bench.mjs). Otherwise one
// case-insensitive alternation of every keyword (V8's irregexp beat an Aho-Corasick package 5.8×
// when measured), stepping one character after each hit so that overlapping keywords that start
// later are found.

import { wasmScanner } from './gram-scan.ts';

export interface KeywordHit {
  keyword: string;
  offset: number;
}

/**
 * The keyword hits of a text as one flat array of pairs, in offset order: hit j starts at offset
 * `hits[2j]` and is the keyword of index `hits[2j + 1]` (Prefilter.keywordOf). Not an object per
 * hit: git/git's history holds one every ~260 bytes (21 M), and the WebAssembly scanner's output
 * is this array as it stands.
 */
export type KeywordHits = Int32Array;

/** The hits of `text` over the sorted keywords `all` (KeywordHits: offset and index in `all`). */
export type KeywordScan = (text: string) => KeywordHits;

/** The number of hits in `hits`. */
export function hitCount(hits: KeywordHits): number {
  return hits.length >> 1;
}

/** No hit. */
const NO_HITS: KeywordHits = new Int32Array(0);

export class Prefilter {
  private readonly scanText: KeywordScan;
  /** Keywords inside each keyword, computed on first need (O(keywords²) would cost start-up). */
  private readonly implied = new Map<string, readonly string[]>();
  private readonly all: readonly string[];
  private readonly rulesByKeyword: Map<string, number[]>;
  /** Memo of `rulesOf`. */
  private readonly rulesByHit = new Map<string, readonly number[]>();
  /** `rulesOf` by keyword index in `all`, filled on first need. */
  private readonly rulesByIndex: (readonly number[] | undefined)[] = [];
  /** hitsByRule's lists by rule index while it runs; all unset between calls. */
  private readonly byRule: (number[] | undefined)[] = [];
  /** Length of the longest keyword (0 when there is none). */
  readonly longestKeyword: number;

  /** `keywordsByRule[i]` are the lowercase keywords of rule i. */
  constructor(keywordsByRule: readonly (readonly string[])[]) {
    this.rulesByKeyword = new Map();
    keywordsByRule.forEach((kws, i) => {
      for (const kw of kws) {
        const k = kw.toLowerCase();
        const list = this.rulesByKeyword.get(k);
        if (list) list.push(i);
        else this.rulesByKeyword.set(k, [i]);
      }
    });
    const all = longestFirst([...this.rulesByKeyword.keys()]);
    this.longestKeyword = all[0]?.length ?? 0;
    this.all = all;
    this.scanText = all.length === 0 ? () => NO_HITS : chooseScanner(all);
  }

  /** Every keyword occurrence in `text` (one per start offset, the longest; nested ones via `implied`), as KeywordHits. */
  scan(text: string): KeywordHits {
    return this.scanText(text);
  }

  /** The hits of `scan` as objects (tests, tools; the detector reads the flat pairs). */
  hits(text: string): KeywordHit[] {
    const hits = this.scan(text);
    const out: KeywordHit[] = [];
    for (let j = 0; j < hits.length; j += 2) out.push({ keyword: this.keywordOf(hits[j + 1] ?? 0), offset: hits[j] ?? 0 });
    return out;
  }

  /** The keyword of index `index` in KeywordHits. */
  keywordOf(index: number): string {
    return this.all[index] ?? '';
  }

  /**
   * For each rule whose keywords were hit, the offsets of those hits (ascending); rules in the order
   * of their first hit. The lists are gathered by rule index in `byRule` (not a Map lookup per hit
   * and rule: git/git's history has about 5 M pairs per GB), then handed over and the slots cleared.
   */
  hitsByRule(hits: KeywordHits): Map<number, number[]> {
    const byRule = this.byRule;
    const order: number[] = [];
    for (let j = 0; j < hits.length; j += 2) {
      const offset = hits[j] ?? 0;
      const ki = hits[j + 1] ?? 0;
      const rules = (this.rulesByIndex[ki] ??= this.rulesOf(this.keywordOf(ki)));
      for (let k = 0; k < rules.length; k++) {
        const r = rules[k] ?? 0;
        const list = byRule[r];
        if (list === undefined) {
          byRule[r] = [offset];
          order.push(r);
        } else if (list[list.length - 1] !== offset) list.push(offset);
      }
    }
    const out = new Map<number, number[]>();
    for (const r of order) {
      out.set(r, byRule[r] ?? []);
      byRule[r] = undefined;
    }
    return out;
  }

  /**
   * The rules a hit of `keyword` selects: its own, then those of the keywords inside it, each once,
   * in that order (computed once per keyword: a history scan meets a million hits per 300 MB).
   */
  private rulesOf(keyword: string): readonly number[] {
    let list = this.rulesByHit.get(keyword);
    if (!list) {
      list = [...new Set([keyword, ...this.inside(keyword)].flatMap((k) => this.rulesByKeyword.get(k) ?? []))];
      this.rulesByHit.set(keyword, list);
    }
    return list;
  }

  /** The other keywords that `keyword` contains (`secret` inside `client_secret`). */
  private inside(keyword: string): readonly string[] {
    let list = this.implied.get(keyword);
    if (!list) {
      list = this.all.filter((o) => o !== keyword && keyword.includes(o));
      this.implied.set(keyword, list);
    }
    return list;
  }

  /** True when `ch` (one character, any case) occurs in a keyword. */
  hasKeywordChar(ch: string): boolean {
    const lower = ch.toLowerCase();
    return this.all.some((k) => k.includes(lower));
  }

  /** Indices of the rules whose keywords were hit. */
  candidateRules(hits: readonly KeywordHit[]): Set<number> {
    const seen = new Set<string>();
    const rules = new Set<number>();
    for (const h of hits) {
      if (seen.has(h.keyword)) continue;
      seen.add(h.keyword);
      for (const k of [h.keyword, ...this.inside(h.keyword)]) {
        for (const r of this.rulesByKeyword.get(k) ?? []) rules.add(r);
      }
    }
    return rules;
  }
}

/**
 * `keys` longest first, then in code-unit order: by length, then the native sort (a comparator
 * function called ~10,000 times for the built-in keywords cost a staged scan half a millisecond).
 */
function longestFirst(keys: readonly string[]): string[] {
  const byLength: string[][] = [];
  for (const k of keys) (byLength[k.length] ??= []).push(k);
  const out: string[] = [];
  for (let n = byLength.length - 1; n >= 0; n--) for (const k of byLength[n]?.sort() ?? []) out.push(k);
  return out;
}

/**
 * Characters a Prefilter scans with the JavaScript gram scanner before it builds the WebAssembly one.
 * That build chooses and lays out the keywords' representative grams: about 10 ms for the built-in
 * keywords, most of a 10-file staged scan's prefilter time (2.62x `node -e 0` before the scanner
 * chose representatives, 2.93x after). The gram scanner builds in about a millisecond and scans a
 * megabyte in about 7 ms; both give the same hits.
 */
export const WASM_AFTER_CHARS = 1 << 20;

/** The scanners chooseScanner builds from (tests pass their own to see when each is built). */
export interface ScannerBuilders {
  gram: (all: readonly string[]) => KeywordScan | undefined;
  wasm: (all: readonly string[]) => KeywordScan | undefined;
  regex: (all: readonly string[]) => KeywordScan;
}

/** The scanner over `all`: the gram scanner for the first WASM_AFTER_CHARS, then the WebAssembly one (see the file comment). */
export function chooseScanner(all: readonly string[], build: ScannerBuilders = { gram: gramScanner, wasm: wasmScanner, regex: regexScanner }): KeywordScan {
  const gram = build.gram(all);
  if (!gram) return build.wasm(all) ?? build.regex(all);
  let scanned = 0;
  let wasm: KeywordScan | undefined;
  return (text) => {
    if (wasm) return wasm(text);
    if (scanned + text.length <= WASM_AFTER_CHARS) {
      scanned += text.length;
      return gram(text);
    }
    wasm = build.wasm(all) ?? gram;
    return wasm(text);
  };
}

/** Each scanner this module can build over `all` (sorted longest first), by name: for bench/prefilter-bench.ts. */
export function keywordScanners(all: readonly string[]): Record<'wasm' | 'gram' | 'regex', KeywordScan | undefined> {
  return { wasm: wasmScanner(all), gram: gramScanner(all), regex: regexScanner(all) };
}

export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** The alternation scanner; `all` is sorted longest first, so the longest keyword at an offset wins. */
function regexScanner(all: readonly string[]): KeywordScan {
  const re = new RegExp(all.map(escapeRegex).join('|'), 'gi');
  const indexOf = new Map(all.map((k, i) => [k, i]));
  // A match whose lower case is no keyword (a case fold without the `u` flag that toLowerCase does
  // not undo) is the first keyword, longest first as in the alternation, that it matches.
  const indexAt = (m: string): number => indexOf.get(m.toLowerCase()) ?? all.findIndex((k) => k.length === m.length && new RegExp(`^${escapeRegex(k)}$`, 'i').test(m));
  return (text) => {
    const out: number[] = [];
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      out.push(m.index, indexAt(m[0]));
      re.lastIndex = m.index + 1;
    }
    return Int32Array.from(out);
  };
}

const bit = (map: Uint32Array, k: number): number => (map[k >>> 5]! >>> (k & 31)) & 1;

/** Keyword chars (7-bit) of keyword `k`, and the key of its gram list: first three chars, or `1<<21 | first two`. */
function gramKey(codes: readonly number[]): number {
  return codes.length >= 3 ? (codes[0]! << 14) | (codes[1]! << 7) | codes[2]! : (1 << 21) | (codes[0]! << 7) | codes[1]!;
}

/**
 * The gram scanner, or undefined when a keyword is shorter than 2 characters or not 7-bit ASCII.
 * Folding only A–Z matches the regex `i` flag exactly: without the `u` flag no non-ASCII character
 * folds to an ASCII one.
 */
function gramScanner(all: readonly string[]): KeywordScan | undefined {
  if (all.some((k) => k.length < 2 || /[^\x01-\x7f]/.test(k))) return undefined;
  const fold = new Uint8Array(128); // char code → keyword char it matches, 0 for none
  const codes = all.map((k) => Array.from(k, (ch) => ch.charCodeAt(0)));
  for (const c of codes.flat()) fold[c] = fold[c >= 97 && c <= 122 ? c - 32 : c] = c;
  const two = new Uint32Array(1 << 9);
  const three = new Uint32Array(1 << 16);
  const lists = new Map<number, number[]>(); // gram key → keyword indices, longest first (as `all`)
  codes.forEach((c, i) => {
    const key = gramKey(c);
    const map = c.length >= 3 ? three : two;
    const k = key & 0x1fffff;
    map[k >>> 5]! |= 1 << (k & 31);
    lists.set(key, [...(lists.get(key) ?? []), i]);
  });
  /** The first keyword of `list` that matches `text` at `s` (its first `from` chars are known to match). */
  const match = (text: string, s: number, list: readonly number[] | undefined, from: number): number => {
    for (const ki of list ?? []) {
      const kc = codes[ki]!;
      if (s + kc.length > text.length) continue;
      let j = from;
      for (; j < kc.length; j++) {
        const c = text.charCodeAt(s + j);
        if ((c < 128 ? fold[c] : 0) !== kc[j]) break;
      }
      if (j === kc.length) return ki;
    }
    return -1;
  };
  return (text) => {
    const out: number[] = [];
    const n = text.length;
    let w = 0; // the last three folded chars, 7 bits each; a keyword may start at i - 2
    for (let i = 0; i < n + 2; i++) {
      const c = i < n ? text.charCodeAt(i) : 0;
      w = ((w << 7) | (c < 128 ? fold[c]! : 0)) & 0x1fffff;
      const in3 = bit(three, w);
      const in2 = bit(two, w >>> 7);
      if ((in3 | in2) === 0 || i < 2) continue;
      let ki = in3 ? match(text, i - 2, lists.get(w), 3) : -1;
      if (ki < 0 && in2) ki = match(text, i - 2, lists.get((1 << 21) | (w >>> 7)), 2);
      if (ki >= 0) out.push(i - 2, ki);
    }
    return Int32Array.from(out);
  };
}
