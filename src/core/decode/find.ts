// The scanner: every encoded run of a text worth decoding, found in one regex pass. The combined
// regex starts only at a value delimiter, `%` or `\`, so ordinary code is crossed at regex speed and
// text without candidates costs no decoding at all.
import { BASE64_LEAD, BASE64_RUN, decodeBase64, isBase64Char, isBase64Text } from './base64.ts';
import { escapedLiterals, JSON_ESCAPE, unescapeLiteral } from './json-escape.ts';
import { PERCENT_ESCAPE, MIN_PERCENT_RUN, percentDecodeRun, percentRunAt } from './percent.ts';
import type { EncodedSpan, Encoding } from './span.ts';

/**
 * Group 1 or 2 = a base64 candidate run (after a delimiter, or after `Basic `); otherwise the match
 * starts with `%` or `\`. Shared state: findEncodedSpans is not reentrant (it does not recurse).
 */
const SCAN = new RegExp(`${BASE64_LEAD}(${BASE64_RUN})|${PERCENT_ESCAPE}|${JSON_ESCAPE}|[Bb]asic (${BASE64_RUN})`, 'g');
/** A run at the very start of the text (a decoded value that is itself base64), which has no lead. */
const HEAD = new RegExp(`^${BASE64_RUN}`);

/**
 * Base64 runs that decode to text, percent-encoded runs and string literals with escapes, decoded,
 * sorted by start. Spans of different encodings may overlap (a base64 run inside an escaped
 * literal); spans of one encoding do not. A run `skip` answers true for is left out undecoded
 * (quiet literals, src/core/decode/quiet.ts).
 */
export function findEncodedSpans(text: string, skip?: (encoding: Encoding, start: number, end: number) => boolean): EncodedSpan[] {
  const spans: EncodedSpan[] = [];
  const add = (encoding: Encoding, start: number, end: number, decode: (raw: string) => string): void => {
    if (skip?.(encoding, start, end)) return;
    spans.push({ encoding, start, end, decoded: decode(text.slice(start, end)) });
  };
  const addBase64 = (run: string, end: number): void => {
    const next = text.charCodeAt(end);
    if (!isBase64Char(next) && next !== 61 && isBase64Text(run)) add('base64', end - run.length, end, decodeBase64);
  };
  const head = HEAD.exec(text);
  if (head) addBase64(head[0], head[0].length);
  let percentUntil = 0;
  let jsonUntil = 0;
  SCAN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SCAN.exec(text)) !== null) {
    const run = m[1] ?? m[2];
    if (run !== undefined) addBase64(run, m.index + m[0].length);
    else if (m[0][0] === '%') {
      if (m.index < percentUntil) continue;
      const { start, end } = percentRunAt(text, m.index, percentUntil);
      percentUntil = end;
      if (end - start >= MIN_PERCENT_RUN) {
        const raw = text.slice(start, end);
        const decoded = percentDecodeRun(raw);
        if (decoded !== raw) spans.push({ encoding: 'percent', start, end, decoded });
      }
    } else if (m.index >= jsonUntil) {
      const lineStart = text.lastIndexOf('\n', m.index) + 1;
      jsonUntil = text.indexOf('\n', m.index);
      if (jsonUntil === -1) jsonUntil = text.length;
      for (const lit of escapedLiterals(text, lineStart, jsonUntil)) add('json-escape', lit.start, lit.end, unescapeLiteral);
    }
  }
  return spans.sort((a, b) => a.start - b.start || b.end - a.end);
}
