// Bytes → text for every source that reads files or blobs: the one place that decides "binary" and
// decodes. UTF-16 with a byte-order mark (LE or BE) is decoded, not taken for binary; a UTF-8 BOM is
// dropped; invalid UTF-8 becomes U+FFFD (counted) rather than hiding the rest of the file.
import { isUtf8 } from 'node:buffer';
import type { SourceContext } from './source.ts';

/** How much of the start is inspected, as git does (8000 bytes). */
const SNIFF = 8000;

/** The UTF-16 encoding named by a byte-order mark at the start of `buf`, if any. */
export function utf16Bom(buf: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return 'utf-16le';
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return 'utf-16be';
  return undefined;
}

/**
 * True for bytes that are not text. git and grep call a file binary at the first NUL byte in its first
 * 8000 bytes; here one stray NUL (a pasted control character, a truncated write) does not hide the
 * rest: a file is binary when its first 8000 bytes hold more than one NUL and at least 5% of them are
 * NUL or other control bytes (tab, newlines, form feed and escape excepted). Images, archives,
 * executables and compressed data are far above that; text with a stray NUL is far below.
 */
export function isBinary(buf: Uint8Array): boolean {
  const head = buf.subarray(0, SNIFF);
  const firstNul = head.indexOf(0);
  if (firstNul === -1 || head.indexOf(0, firstNul + 1) === -1) return false;
  let suspicious = 0;
  for (const b of head) if (b < 0x20 ? !TEXT_CONTROLS.has(b) : b === 0x7f) suspicious++;
  return suspicious * 20 >= head.length;
}

/** Control bytes that text holds: tab, LF, VT, FF, CR, ESC. */
const TEXT_CONTROLS = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1b]);

const strictDecoder = new TextDecoder('utf-8', { fatal: true });
const lenientDecoder = new TextDecoder('utf-8');

/**
 * Bytes decoded at once, at most. Node returns a decoded text of more than 1,031,913 characters as
 * an external string: its characters in memory from malloc (two bytes each once one is beyond
 * ASCII), freed only when V8 collects the string. Those blocks of 1–32 MB left the C heap
 * fragmented: 49 MB of them at once, a 1 GB tree at two threads. Decoded a slice at a time and
 * joined, a long text is one string on V8's own heap instead.
 */
export const DECODE_SLICE_BYTES = 1_000_000;

/** UTF-8 text of `buf` (a BOM dropped); invalid sequences become U+FFFD and `onInvalid` is called once. */
export function decodeUtf8(buf: Uint8Array, onInvalid: () => void): string {
  // The native check is much faster than a fatal TextDecoder on valid input, which is nearly all of it.
  if (isUtf8(buf)) {
    const from = hasUtf8Bom(buf) ? 3 : 0;
    const bytes = Buffer.from(buf.buffer, buf.byteOffset + from, buf.length - from);
    return bytes.length <= DECODE_SLICE_BYTES ? bytes.toString('utf8') : validUtf8InSlices(bytes);
  }
  try {
    return strictDecoder.decode(buf);
  } catch {
    onInvalid();
    return buf.length <= DECODE_SLICE_BYTES ? lenientDecoder.decode(buf) : lenientInSlices(buf);
  }
}

/** Valid UTF-8 decoded DECODE_SLICE_BYTES at a time, each slice ending on a character's first byte. */
function validUtf8InSlices(bytes: Buffer): string {
  const parts: string[] = [];
  for (let at = 0; at < bytes.length; ) {
    let end = Math.min(at + DECODE_SLICE_BYTES, bytes.length);
    // Back to the start of the character the slice would cut (continuation bytes are 10xxxxxx).
    while (end < bytes.length && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
    parts.push(bytes.toString('utf8', at, end));
    at = end;
  }
  return parts.join('');
}

/** The lenient decoder's text of `buf`, streamed DECODE_SLICE_BYTES at a time (the same text as at once). */
function lenientInSlices(buf: Uint8Array): string {
  const decoder = new TextDecoder('utf-8');
  const parts: string[] = [];
  for (let at = 0; at < buf.length; at += DECODE_SLICE_BYTES) {
    const end = Math.min(at + DECODE_SLICE_BYTES, buf.length);
    parts.push(decoder.decode(buf.subarray(at, end), { stream: end < buf.length }));
  }
  return parts.join('');
}

function hasUtf8Bom(buf: Uint8Array): boolean {
  return buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
}

/**
 * The text of a file's (or blob's) bytes, or undefined when they are binary: the skip is counted as
 * `binary` (shown in the summary and the JSON stats). UTF-16 with a BOM is decoded; invalid UTF-8 is
 * counted as `invalid-utf8-decoded`.
 */
export function decodeText(buf: Uint8Array, path: string, ctx: Pick<SourceContext, 'onSkip'>): string | undefined {
  const utf16 = utf16Bom(buf);
  if (utf16) return new TextDecoder(utf16).decode(buf);
  if (isBinary(buf)) {
    ctx.onSkip('binary', path);
    return undefined;
  }
  return decodeUtf8(buf, () => ctx.onSkip('invalid-utf8-decoded', path));
}
