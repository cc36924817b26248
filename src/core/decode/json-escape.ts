// JSON and JS string literals holding escapes: `"-----BEGIN RSA PRIVATE KEY-----\nMIIE…"`,
// `"https:\/\/…"`, `"\u0067hp_…"`, JSON inside JSON (`"{\"password\":\"…\"}"`). An escape marks its
// line; the scanner tokenises a marked line once, left to right, into '…' and "…" literals, and each
// literal holding an escape becomes one span: its content, between the quotes.

/** The one-letter escapes of JSON_ESCAPE, and a hex digit (run-scan.ts builds its byte classes from them). */
export const ESCAPE_LETTER = `[nrt"'/]`;
export const HEX_DIGIT = '[0-9A-Fa-f]';
/** Regex source of an escape that can hide a secret's text. A lone `\\` does not count (paths, regexes). */
export const JSON_ESCAPE = `\\\\(?:${ESCAPE_LETTER}|u${HEX_DIGIT}{4})`;
const HAS_ESCAPE = new RegExp(JSON_ESCAPE);
/** Shortest literal content considered. */
export const MIN_LITERAL = 8;

/** A literal's content bounds, `[start, end)`, between its quotes. */
export interface LiteralBounds {
  start: number;
  end: number;
}

/** The quoted literals of `text[from, to)` (one line) whose content holds an escape. */
export function escapedLiterals(text: string, from: number, to: number): LiteralBounds[] {
  const out: LiteralBounds[] = [];
  let i = from;
  while (i < to) {
    const q = text.charCodeAt(i);
    const close = q === 34 || q === 39 ? closingQuote(text, i + 1, to, q) : -1;
    if (close === -1) {
      i++;
      continue;
    }
    if (close - i - 1 >= MIN_LITERAL && HAS_ESCAPE.test(text.slice(i + 1, close))) out.push({ start: i + 1, end: close });
    i = close + 1;
  }
  return out;
}

/** Index of the unescaped quote `q` closing a literal whose content starts at `from`, or -1 before `to`. */
function closingQuote(text: string, from: number, to: number, q: number): number {
  for (let j = from; j < to; j++) {
    const c = text.charCodeAt(j);
    if (c === 92) j++;
    else if (c === q) return j;
  }
  return -1;
}

const SIMPLE: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', v: '\v', 0: '\0' };

/** The value of a JSON/JS string literal's content (`\n`, `\uXXXX`, `\u{…}`, `\xXX`, `\/`…). */
export function unescapeLiteral(raw: string): string {
  return raw.replace(/\\(u\{[0-9A-Fa-f]{1,6}\}|u[0-9A-Fa-f]{4}|x[0-9A-Fa-f]{2}|[\s\S])/g, (_, e: string) => {
    if (e.length === 1) return SIMPLE[e] ?? e;
    if (e[1] === '{') return String.fromCodePoint(Math.min(parseInt(e.slice(2, -1), 16), 0x10ffff));
    return String.fromCharCode(parseInt(e.slice(1), 16));
  });
}
