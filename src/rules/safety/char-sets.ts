// Character sets over a sample alphabet (ASCII plus a few non-ASCII characters), as bigint bit masks.
// Exact enough to tell whether two regex character matchers can accept the same character, which is
// all the backtracking analysis needs, and cheap: each matcher is tested once per sample character.

/** The characters every set is sampled over: U+0000–U+007F, then a few non-ASCII representatives. */
export const SAMPLE_ALPHABET: readonly string[] = [
  ...Array.from({ length: 128 }, (_, i) => String.fromCharCode(i)),
  '\u00a0',
  '\u00e9',
  '\u20ac',
  '\u2028',
  '\u4e2d',
  '\ufeff',
];

/** A set of sample-alphabet characters: bit i = SAMPLE_ALPHABET[i]. */
export type CharSet = bigint;

export const EMPTY: CharSet = 0n;
export const ANY: CharSet = (1n << BigInt(SAMPLE_ALPHABET.length)) - 1n;

const cache = new Map<string, CharSet>();

/** The sample characters that the single-character matcher `src` (`a`, `\d`, `[^"]`, `.`) accepts. */
export function charSetOf(src: string, flags: string): CharSet {
  const key = `${flags}\0${src}`;
  let set = cache.get(key);
  if (set !== undefined) return set;
  set = EMPTY;
  let re: RegExp;
  try {
    re = new RegExp(`^(?:${src})$`, flags);
  } catch {
    return ANY;
  }
  SAMPLE_ALPHABET.forEach((c, i) => {
    if (re.test(c)) set! |= 1n << BigInt(i);
  });
  cache.set(key, set);
  return set;
}

/** Up to `n` members of a set, printable ones first (used to build adversarial probe strings). */
export function sampleMembers(set: CharSet, n: number): string[] {
  const out: string[] = [];
  const order = [...SAMPLE_ALPHABET.keys()].sort((a, b) => printableRank(a) - printableRank(b) || a - b);
  for (const i of order) {
    if (out.length >= n) break;
    const ch = SAMPLE_ALPHABET[i];
    if (ch !== undefined && set & (1n << BigInt(i))) out.push(ch);
  }
  return out;
}

function printableRank(i: number): number {
  if (i >= 0x61 && i <= 0x7a) return 0;
  if ((i >= 0x30 && i <= 0x39) || (i >= 0x41 && i <= 0x5a)) return 1;
  if (i >= 0x20 && i < 0x7f) return 2;
  return 3;
}
