// Base64 runs that decode to text. Source code is full of identifiers, paths and hashes drawn from
// the base64 alphabet, so candidates are narrowed in three cheap steps before anything is decoded:
//   1. the scanner's regex (src/core/decode/find.ts) takes only runs that follow a value delimiter
//      (`: = " ' , >` or a line start, then at most one space; or `Basic `) and whose first two
//      4-character groups look like encoded text (see QUAD);
//   2. a streaming decode that stops at the first byte that cannot be UTF-8 text (an identifier
//      fails within a few characters);
//   3. shape: one alphabet (standard `+/` or URL-safe `-_`, never both), valid padding, not hex.

/**
 * One group of 4 base64 characters encoding 3 bytes of text (printable ASCII, tab, newline): the
 * first character holds the top 6 bits of a byte 0x09–0x7E, the second the low 2 bits of that byte
 * and the top 4 of the next (0–7). An identifier meets this twice in a row about once in a hundred.
 */
export const QUAD_FIRST = '[C-DI-Za-f]';
export const QUAD_SECOND = '[A-HQ-Xg-nw-z0-3]';
const QUAD = `${QUAD_FIRST}${QUAD_SECOND}[A-Za-z0-9+/_-]{2}`;
/** Regex source of a base64 candidate run: two text-like groups then 8+ more, so 16+ chars (12+ bytes). */
export const BASE64_RUN = `${QUAD}${QUAD}[A-Za-z0-9+/_-]{8,}={0,2}`;
/**
 * Regex source of what may precede a run: a value delimiter and at most one space. Allowing any
 * whitespace would cost 2–3× the scan time on code (measured), and values rarely sit after more.
 */
export const LEAD_CLASS = `[:="'\`\\n>,]`;
export const BASE64_LEAD = `${LEAD_CLASS} ?`;

/** 6-bit value of each base64 character (both alphabets), -1 elsewhere. */
const VALUE = new Int8Array(128).fill(-1);
'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.split('').forEach((c, i) => {
  VALUE[c.charCodeAt(0)] = i;
});
VALUE['-'.charCodeAt(0)] = 62;
VALUE['_'.charCodeAt(0)] = 63;

/** True when `c` (a char code) is in either base64 alphabet. */
export function isBase64Char(c: number): boolean {
  return c < 128 && VALUE[c]! >= 0;
}

/** True when `run` is base64 of (mostly ASCII) UTF-8 text. Allocates nothing. */
export function isBase64Text(run: string): boolean {
  return decodesToText(run) && plausibleRun(run);
}

/** The text a base64 run decodes to (either alphabet). */
export function decodeBase64(run: string): string {
  return Buffer.from(run, 'base64').toString('utf8');
}

/** Cheap shape checks: valid length and padding, one alphabet, not a hex string. */
function plausibleRun(run: string): boolean {
  let n = run.length;
  while (run.charCodeAt(n - 1) === 61 /* = */) n--;
  if (n % 4 === 1 || (n < run.length && run.length % 4 !== 0)) return false;
  let std = false;
  let url = false;
  let hex = true;
  for (let i = 0; i < n; i++) {
    const c = run.charCodeAt(i);
    if (c === 43 || c === 47) std = true;
    else if (c === 45 || c === 95) url = true;
    else if (hex && !((c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70))) hex = false;
  }
  return !(std && url) && !hex;
}

/**
 * Streams the decoded bytes of `run` and checks that they are UTF-8 text: valid multi-byte
 * sequences, at most 1 control byte in 20, and at least 9 bytes in 10 printable ASCII, tab or
 * newline (secrets are ASCII; a little non-ASCII text around them is fine).
 */
export function decodesToText(run: string): boolean {
  let n = run.length;
  while (run.charCodeAt(n - 1) === 61) n--;
  const total = Math.floor((n * 3) / 4);
  const maxControl = Math.floor(total / 20);
  const maxOther = total - Math.ceil((total * 9) / 10);
  let control = 0;
  let other = 0;
  let pending = 0; // UTF-8 continuation bytes still expected
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < n; i++) {
    acc = ((acc << 6) | (VALUE[run.charCodeAt(i)] ?? 0)) & 0xffffff;
    bits += 6;
    if (bits < 8) continue;
    bits -= 8;
    const b = (acc >> bits) & 0xff;
    if (pending > 0) {
      if ((b & 0xc0) !== 0x80) return false;
      pending--;
    } else if ((b >= 0x20 && b < 0x7f) || b === 9 || b === 10 || b === 13) continue;
    else if (b < 0x80 && ++control > maxControl) return false;
    else if (b >= 0x80) pending = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (pending < 0 || ++other > maxOther) return false;
  }
  return pending === 0;
}
