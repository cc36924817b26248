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

/**
 * The value of a JSON/JS string literal's content (`\n`, `\uXXXX`, `\u{…}`, `\xXX`, `\/`…): a
 * backslash and the character after it become that character (or what SIMPLE maps it to); a
 * trailing backslash stays. One pass from backslash to backslash (a regex replace with a callback
 * cost 4x as much on git/git's literals).
 */
export function unescapeLiteral(raw: string): string {
  let i = raw.indexOf('\\');
  if (i === -1) return raw;
  let out = '';
  let from = 0;
  while (i !== -1 && i + 1 < raw.length) {
    out += raw.slice(from, i);
    const e = raw.charCodeAt(i + 1);
    let end = i + 2;
    let value: string | undefined;
    if (e === 117 /* u */) {
      if (raw.charCodeAt(i + 2) === 123 /* { */) {
        let j = i + 3;
        while (j < i + 9 && isHex(raw.charCodeAt(j))) j++;
        if (j > i + 3 && raw.charCodeAt(j) === 125 /* } */) {
          value = String.fromCodePoint(Math.min(parseInt(raw.slice(i + 3, j), 16), 0x10ffff));
          end = j + 1;
        }
      }
      if (value === undefined && hexRun(raw, i + 2, 4)) {
        value = String.fromCharCode(parseInt(raw.slice(i + 2, i + 6), 16));
        end = i + 6;
      }
    } else if (e === 120 /* x */ && hexRun(raw, i + 2, 2)) {
      value = String.fromCharCode(parseInt(raw.slice(i + 2, i + 4), 16));
      end = i + 4;
    }
    if (value === undefined) {
      const c = raw[i + 1] ?? '';
      value = SIMPLE[c] ?? c;
    }
    out += value;
    from = end;
    i = raw.indexOf('\\', end);
  }
  return out + raw.slice(from);
}

/** True when `raw` holds `n` hex digits from `at`. */
function hexRun(raw: string, at: number, n: number): boolean {
  for (let j = at; j < at + n; j++) if (!isHex(raw.charCodeAt(j))) return false;
  return true;
}

/** True for the char code of 0-9, A-F or a-f (false for NaN, past the end). */
function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 102);
}
