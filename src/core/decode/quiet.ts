// Escaped literals that cannot change what the rules see. Most encoded runs of a source tree are
// string literals such as "usage: %s\n" (git/git's history: 1.6 M of them); decoding each, splicing
// its view and looking for keywords in it cost as much as the plain scan. A literal whose escapes all
// stand for a control character that no keyword holds (`\n`, `\t`…) decodes to its own characters
// with only those in between, so:
//   - a keyword in its decoded value (or across its edges) is a keyword of the raw text there, which
//     the plain scan's hits already show;
//   - the decoded value holds a run worth decoding (a `%XX`, a `\` escape, 16 base64 characters)
//     only if the raw literal does.
// Such a literal with no keyword hit near it yields nothing at any depth, and is skipped undecoded.
import type { Prefilter } from '../prefilter.ts';
import { isBase64Char } from './base64.ts';

/** The escape letters whose character (newline, tab…) is in none of the prefilter's keywords. */
const CONTROL: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', v: '\v', 0: '\0' };

/**
 * True when `raw` holds a percent escape (`%` and two hex digits) or a run of 16 base64 characters:
 * what the scanner could find in the value. One pass (the regex `%[0-9A-Fa-f]{2}|[A-Za-z0-9+/_-]{16}`
 * read each run again from every one of its characters: 2.5x the time on git/git's literals).
 */
export function holdsRun(raw: string): boolean {
  let run = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (isBase64Char(c)) {
      if (++run >= 16) return true;
    } else {
      run = 0;
      if (c === 37 && isHex(raw.charCodeAt(i + 1)) && isHex(raw.charCodeAt(i + 2))) return true;
    }
  }
  return false;
}

/** True for the char code of 0-9, A-F or a-f (false for NaN, past the end). */
function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 102);
}

const quietByPrefilter = new WeakMap<Prefilter, { letters: string; loud: RegExp }>();

/** The escape letters (of `n r t b f v 0`) whose control character none of `prefilter`'s keywords holds. */
export function quietEscapes(prefilter: Prefilter): string {
  return quietOf(prefilter).letters;
}

function quietOf(prefilter: Prefilter): { letters: string; loud: RegExp } {
  let quiet = quietByPrefilter.get(prefilter);
  if (!quiet) {
    const letters = Object.keys(CONTROL)
      .filter((e) => !prefilter.hasKeywordChar(CONTROL[e] ?? ''))
      .join('');
    // Any other escape (`\\`, `\"`, `\u0067`…), or a backslash that ends the content.
    quiet = { letters, loud: new RegExp(letters ? `\\\\(?:[^${letters}]|$)` : '\\\\') };
    quietByPrefilter.set(prefilter, quiet);
  }
  return quiet;
}

/**
 * True when the literal content `raw` (between its quotes) has only control-character escapes that
 * no keyword of `prefilter` holds, and nothing the encoded-run scanner could find once decoded.
 */
export function isQuietLiteral(raw: string, prefilter: Prefilter): boolean {
  return !quietOf(prefilter).loud.test(raw) && !holdsRun(raw);
}
