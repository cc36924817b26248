// The vocabulary of decoding: an encoded run of a text and what it decodes to. No budget: runs of
// one encoding do not overlap and decode to at most their own length, so decoding a text (two
// levels deep) costs a small multiple of its length, and every run is decoded.

/** How a run of text was encoded; the value of `Match.decodedFrom`. */
export type Encoding = 'base64' | 'percent' | 'json-escape';

/** A run of encoded text: `text.slice(start, end)` decodes to `decoded`. Offsets are UTF-16 indices. */
export interface EncodedSpan {
  encoding: Encoding;
  start: number;
  /** Exclusive. */
  end: number;
  decoded: string;
}
