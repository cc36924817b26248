// Percent-encoded runs (`postgres%3A%2F%2Fuser%3Apass%40host`, query-string values): the run of URL
// characters around a `%XX`, up to the `=`, `&`, `?` or `#` that delimit a value, so that
// `DATABASE_URL=…` and `?next=…&key=…` report the value itself. `+` is kept as is: it means a space
// only in form bodies, and a literal `+` is more common in the values we look for.

/** Regex source of a percent escape (for the scanner's combined regex). */
export const PERCENT_ESCAPE = '%[0-9A-Fa-f]{2}';
/** Shortest run considered. */
export const MIN_PERCENT_RUN = 8;

/** Characters a percent-encoded run may hold: RFC 3986 unreserved and reserved, minus brackets and value delimiters. */
const URL_CHAR = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~%!$*+,;:@/') URL_CHAR[c.charCodeAt(0)] = 1;

/** True when the char code `c` may be part of a percent-encoded run. */
export function isUrlCode(c: number): boolean {
  return c < 128 && URL_CHAR[c] === 1;
}

function isUrlChar(text: string, i: number): boolean {
  return isUrlCode(text.charCodeAt(i));
}

/** Bounds of the run of URL characters around the escape at `index`, not reaching left of `floor`. */
export function percentRunAt(text: string, index: number, floor: number): { start: number; end: number } {
  let start = index;
  while (start > floor && isUrlChar(text, start - 1)) start--;
  let end = index + 3;
  while (end < text.length && isUrlChar(text, end)) end++;
  return { start, end };
}

/** A URL whose `scheme://` is written out, up to the end of its authority (user-info and host). */
const LITERAL_AUTHORITY = /^[A-Za-z][A-Za-z0-9+.-]{0,20}:\/\/[^/]*/;

/**
 * Decodes a run as percentDecode does, except the authority of a URL whose `scheme://` is written
 * out: there the escapes belong to the URL's own syntax (`p%40ss` is a password holding `@`, `%2Ftmp`
 * a socket path), and decoding them would break it (`user:p@ss@host`). Such a URL's plain text is
 * what the rules read; only its path and query are decoded (an escaped token after `%3D`).
 */
export function percentDecodeRun(s: string): string {
  const authority = LITERAL_AUTHORITY.exec(s)?.[0] ?? '';
  return authority + percentDecode(s.slice(authority.length));
}

/** Decodes every `%XX` (as UTF-8 bytes); a `%` not followed by two hex digits stays as is. */
export function percentDecode(s: string): string {
  return s.replace(/(?:%[0-9A-Fa-f]{2})+/g, (seq) => {
    const bytes = new Uint8Array(seq.length / 3);
    for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(seq.slice(i * 3 + 1, i * 3 + 3), 16);
    return Buffer.from(bytes).toString('utf8');
  });
}
