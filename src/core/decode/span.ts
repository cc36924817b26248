// The vocabulary of decoding: an encoded run of a text and what it decodes to, and the budget that
// bounds how much decoding one fragment may cost.

/** How a run of text was encoded; the value of `Finding.decodedFrom`. */
export type Encoding = 'base64' | 'percent' | 'json-escape';

/** A run of encoded text: `text.slice(start, end)` decodes to `decoded`. Offsets are UTF-16 indices. */
export interface EncodedSpan {
  encoding: Encoding;
  start: number;
  /** Exclusive. */
  end: number;
  decoded: string;
}

/** At most this many spans are decoded per fragment (nested spans included); the rest are cut. */
export const MAX_SPANS = 256;
/** At most this many decoded characters per fragment (nested spans included). */
export const MAX_DECODED_CHARS = 1 << 20;

/** What decoding one fragment may still spend, and how many spans it had to leave out. */
export interface DecodeBudget {
  spans: number;
  chars: number;
  /** Spans left out because the budget ran out (counted as `decode-cut`). */
  cut: number;
}

export function newBudget(spans = MAX_SPANS, chars = MAX_DECODED_CHARS): DecodeBudget {
  return { spans, chars, cut: 0 };
}

/** Takes one span's worth from the budget; false (and counted as cut) when it is spent. */
export function spend(budget: DecodeBudget, decodedLength: number): boolean {
  if (budget.spans <= 0 || budget.chars < decodedLength) {
    budget.cut++;
    return false;
  }
  budget.spans--;
  budget.chars -= decodedLength;
  return true;
}
