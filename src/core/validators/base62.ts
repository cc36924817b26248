// Base62 as used by GitHub's and npm's token checksums: alphabet 0-9A-Za-z, most significant first.
export const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `n` (an unsigned 32-bit integer) in base62, left-padded with `0` to `width` chars. */
export function base62(n: number, width: number): string {
  let out = '';
  let v = n >>> 0;
  while (v > 0) {
    out = BASE62[v % 62] + out;
    v = Math.floor(v / 62);
  }
  return out.padStart(width, '0');
}
