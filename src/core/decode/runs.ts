// The encoded runs of a text as the scanner finds them, before anything is decoded: flat records of
// (kind, start, end). Two scanners give the same records: the WebAssembly one (run-scan.ts), used
// wherever WebAssembly runs and the text fits its memory, and this one, the reference, over one
// combined regex that starts only at a value delimiter, `%` or `\`.
import type { KeywordHits, Prefilter } from '../prefilter.ts';
import { BASE64_LEAD, BASE64_RUN, isBase64Char } from './base64.ts';
import { hitBetween } from './hits.ts';
import { escapedLiterals, JSON_ESCAPE } from './json-escape.ts';
import { MIN_PERCENT_RUN, PERCENT_ESCAPE, percentRunAt } from './percent.ts';
import { isQuietLiteral } from './quiet.ts';
import { viewContextInLine } from './view.ts';

/** A candidate base64 run (not yet checked to decode to text), a delimiter before it. */
export const RUN_BASE64 = 1;
/** A percent-encoded run of MIN_PERCENT_RUN+ characters. */
export const RUN_PERCENT = 2;
/** An escaped literal's content (between its quotes). */
export const RUN_LITERAL = 3;

/** Records of three numbers each: kind (RUN_*), start, end (exclusive). */
export type Runs = ArrayLike<number>;

/**
 * Which escaped literals are left out: those quiet for `prefilter` (quiet.ts) with none of `hits`,
 * the text's keyword hits sorted by offset, in the text their view keeps (view.ts). Such a literal
 * yields nothing: a keyword in its view is one of these hits, its escapes being none of a
 * keyword's characters.
 */
export interface QuietSkip {
  prefilter: Prefilter;
  hits: KeywordHits;
}

/**
 * Group 1 or 2 = a base64 candidate run (after a delimiter, or after `Basic `); otherwise the match
 * starts with `%` or `\`. Each match ends where the next search starts, so a match hides the leads
 * it covers (the `"` of `\"`). Shared state: regexRuns is not reentrant (it does not recurse).
 */
const SCAN = new RegExp(`${BASE64_LEAD}(${BASE64_RUN})|${PERCENT_ESCAPE}|${JSON_ESCAPE}|[Bb]asic (${BASE64_RUN})`, 'g');

/**
 * The runs of `text`, in text order per kind: base64 candidates not followed by more base64 or `=`,
 * percent runs (one around each `%XX` that no earlier run holds), and for the first escape of each
 * line its quoted literals holding an escape (but those `quiet` leaves out).
 */
export function regexRuns(text: string, quiet?: QuietSkip): number[] {
  const out: number[] = [];
  let percentUntil = 0;
  let jsonUntil = 0;
  SCAN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SCAN.exec(text)) !== null) {
    const run = m[1] ?? m[2];
    if (run !== undefined) {
      const end = m.index + m[0].length;
      const next = text.charCodeAt(end);
      if (!isBase64Char(next) && next !== 61) out.push(RUN_BASE64, end - run.length, end);
    } else if (m[0][0] === '%') {
      if (m.index < percentUntil) continue;
      const { start, end } = percentRunAt(text, m.index, percentUntil);
      percentUntil = end;
      if (end - start >= MIN_PERCENT_RUN) out.push(RUN_PERCENT, start, end);
    } else if (m.index >= jsonUntil) {
      const lineStart = text.lastIndexOf('\n', m.index) + 1;
      jsonUntil = text.indexOf('\n', m.index);
      if (jsonUntil === -1) jsonUntil = text.length;
      for (const { start, end } of escapedLiterals(text, lineStart, jsonUntil)) {
        if (quiet) {
          const { left, right } = viewContextInLine(lineStart, jsonUntil, start, end);
          if (!hitBetween(quiet.hits, left, right) && isQuietLiteral(text.slice(start, end), quiet.prefilter)) continue;
        }
        out.push(RUN_LITERAL, start, end);
      }
    }
  }
  return out;
}
