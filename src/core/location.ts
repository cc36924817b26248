// Offset → line/column. Lines and columns are 1-based (SARIF's default); columns count UTF-16 units.

/** Offsets at which each line of `text` starts (index 0 = line 1). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  let i = text.indexOf('\n');
  while (i !== -1) {
    starts.push(i + 1);
    i = text.indexOf('\n', i + 1);
  }
  return starts;
}

/**
 * Start of the line holding `pos`, looking back at most `reach` characters (bounded work on huge
 * lines): just after the last newline before `pos` in that reach, or `pos - reach`. The first
 * characters are read one by one (most lines are short: a slice and its lastIndexOf cost a rule's
 * windows a third of their time), the rest by a native search.
 */
export function lineStartWithin(text: string, pos: number, reach: number): number {
  const from = Math.max(0, pos - reach);
  const near = Math.max(from, pos - 64);
  for (let i = pos - 1; i >= near; i--) if (text.charCodeAt(i) === 10) return i + 1;
  return near === from ? from : from + text.slice(from, near).lastIndexOf('\n') + 1;
}

/** The first newline at or after `pos` within `reach` characters, or `pos + reach` (at most the text's length); read as lineStartWithin reads. */
export function lineEndWithin(text: string, pos: number, reach: number): number {
  const to = Math.min(text.length, pos + reach);
  const near = Math.min(to, pos + 64);
  for (let i = pos; i < near; i++) if (text.charCodeAt(i) === 10) return i;
  if (near === to) return to;
  const nl = text.slice(near, to).indexOf('\n');
  return nl === -1 ? to : near + nl;
}

/** 0-based index of the line holding `offset`, by binary search over `starts`. */
export function lineIndexAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export interface Position {
  /** 0-based line index within the fragment text. */
  lineIndex: number;
  /** 1-based column. */
  column: number;
}

export function positionAt(starts: readonly number[], offset: number): Position {
  const lineIndex = lineIndexAt(starts, offset);
  return { lineIndex, column: offset - (starts[lineIndex] ?? 0) + 1 };
}

/** The full text of the 0-based line `lineIndex` (without its newline). */
export function lineText(text: string, starts: readonly number[], lineIndex: number): string {
  const start = starts[lineIndex] ?? text.length;
  const end = lineIndex + 1 < starts.length ? starts[lineIndex + 1]! - 1 : text.length;
  return text.slice(start, end);
}
