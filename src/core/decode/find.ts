// The scanner: every encoded run of a text worth decoding, decoded. The runs are found in one pass
// (runs.ts: the native scanner of run-scan.ts, or the reference regex) that starts only at a value
// delimiter, `%` or `\`, so ordinary code costs no decoding at all.
import { BASE64_RUN, decodeBase64, isBase64Char, isBase64Text } from './base64.ts';
import { unescapeLiteral } from './json-escape.ts';
import { percentDecodeRun } from './percent.ts';
import { nativeRuns } from './run-scan.ts';
import { type QuietSkip, regexRuns, RUN_BASE64, RUN_PERCENT } from './runs.ts';
import type { EncodedSpan } from './span.ts';

/**
 * Shortest text given to the native scanner: on a short one (most decoded values) the regex's call
 * costs less than the copy into WebAssembly memory (20-35 against 120-140 ns a call, measured on
 * 30-40 character values).
 */
const NATIVE_MIN_CHARS = 128;
/** A run at the very start of the text (a decoded value that is itself base64), which has no lead. */
const HEAD = new RegExp(`^${BASE64_RUN}`);

/**
 * Base64 runs that decode to text, percent-encoded runs and string literals with escapes, decoded,
 * sorted by start. Spans of different encodings may overlap (a base64 run inside an escaped
 * literal); spans of one encoding do not. The literals `quiet` leaves out (runs.ts) are not decoded.
 */
export function findEncodedSpans(text: string, quiet?: QuietSkip): EncodedSpan[] {
  const spans: EncodedSpan[] = [];
  const head = HEAD.exec(text);
  if (head) {
    const end = head[0].length;
    const next = text.charCodeAt(end);
    if (!isBase64Char(next) && next !== 61 && isBase64Text(head[0])) spans.push({ encoding: 'base64', start: 0, end, decoded: decodeBase64(head[0]) });
  }
  const runs = (text.length >= NATIVE_MIN_CHARS ? nativeRuns(text, quiet) : undefined) ?? regexRuns(text, quiet);
  for (let i = 0; i + 2 < runs.length; i += 3) {
    const kind = runs[i];
    const start = runs[i + 1] ?? 0;
    const end = runs[i + 2] ?? 0;
    if (kind === RUN_BASE64) {
      const raw = text.slice(start, end);
      if (isBase64Text(raw)) spans.push({ encoding: 'base64', start, end, decoded: decodeBase64(raw) });
    } else if (kind === RUN_PERCENT) {
      const raw = text.slice(start, end);
      const decoded = percentDecodeRun(raw);
      if (decoded !== raw) spans.push({ encoding: 'percent', start, end, decoded });
    } else {
      spans.push({ encoding: 'json-escape', start, end, decoded: unescapeLiteral(text.slice(start, end)) });
    }
  }
  return spans.sort((a, b) => a.start - b.start || b.end - a.end);
}
