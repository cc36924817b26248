// A decoded view: the decoded value put back in its line, between the text that surrounds the
// encoded run, so that rules keyed on context (`password: …`, `"token": "…"`) see the key the value
// is assigned to. Matches of the view that touch the decoded value are the span's matches; the
// others lie wholly in the context and are the plain scan's business.
import { lineEndWithin, lineStartWithin, lineStarts } from '../location.ts';
import type { Match } from '../types.ts';
import type { EncodedSpan } from './span.ts';

/** Characters of the run's line kept before it (enough for a key and its assignment). */
export const CONTEXT_BEFORE = 160;
/** Characters of the run's line kept after it (closing quotes, `keywarden:allow` comments). */
export const CONTEXT_AFTER = 160;

export interface DecodedView {
  text: string;
  /** The decoded value is `text.slice(from, to)`. */
  from: number;
  to: number;
}

/**
 * `span.decoded` spliced into the run's line. A single-line value decoded from an unquoted run is
 * quoted, as the string it is: `password: cGFzc3dvcmQ…` reads `password: "…"`, which assignment
 * rules written for quoted values then match.
 */
export function spliceView(text: string, span: EncodedSpan): DecodedView {
  const { left, right } = viewContext(text, span);
  const quote = needsQuotes(text, span) ? '"' : '';
  const before = text.slice(left, span.start) + quote;
  return { text: `${before}${span.decoded}${quote}${text.slice(span.end, right)}`, from: before.length, to: before.length + span.decoded.length };
}

/** The text around the run that its view keeps: `text.slice(left, span.start)` and `text.slice(span.end, right)`. */
export function viewContext(text: string, span: Pick<EncodedSpan, 'start' | 'end'>): { left: number; right: number } {
  return {
    left: lineStartWithin(text, span.start, CONTEXT_BEFORE),
    right: lineEndWithin(text, span.end, CONTEXT_AFTER),
  };
}

/**
 * viewContext of a run lying within the line `[lineStart, lineEnd)` (no newline inside, `lineEnd` a
 * newline or the text's end), from those bounds alone.
 */
export function viewContextInLine(lineStart: number, lineEnd: number, start: number, end: number): { left: number; right: number } {
  return { left: Math.max(lineStart, start - CONTEXT_BEFORE), right: Math.min(lineEnd, end + CONTEXT_AFTER) };
}

function needsQuotes(text: string, span: EncodedSpan): boolean {
  if (span.encoding === 'json-escape' || /["'`\n]/.test(span.decoded)) return false;
  const before = text.charCodeAt(span.start - 1);
  return before !== 34 && before !== 39 && before !== 96;
}

/** The matches of a view that overlap its decoded value. */
export function matchesInValue(view: DecodedView, matches: readonly Match[]): Match[] {
  if (matches.length === 0) return [];
  const starts = lineStarts(view.text);
  return matches.filter((f) => {
    const start = (starts[f.line - 1] ?? 0) + f.column - 1;
    const end = (starts[f.endLine - 1] ?? 0) + f.endColumn - 1;
    return start < view.to && end > view.from;
  });
}
