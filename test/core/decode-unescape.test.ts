// unescapeLiteral (src/core/decode/json-escape.ts) against the one-regex definition it replaced, on
// generated contents mixing every escape form, their cut-short and overlong variants and surrogates.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { unescapeLiteral } from '../../src/core/decode/json-escape.ts';
import { rng } from '../../src/rules/examples.ts';

const SIMPLE: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', v: '\v', 0: '\0' };

/** The definition: each backslash escape, read left to right, replaced by its value. */
function byRegex(raw: string): string {
  return raw.replace(/\\(u\{[0-9A-Fa-f]{1,6}\}|u[0-9A-Fa-f]{4}|x[0-9A-Fa-f]{2}|[\s\S])/g, (_, e: string) => {
    if (e.length === 1) return SIMPLE[e] ?? e;
    if (e[1] === '{') return String.fromCodePoint(Math.min(parseInt(e.slice(2, -1), 16), 0x10ffff));
    return String.fromCharCode(parseInt(e.slice(1), 16));
  });
}

describe('unescapeLiteral', () => {
  it('gives what the regex definition gives', () => {
    const pieces = ['\\', '\\\\', 'u', '{', '}', 'x', '0', '1', 'f', 'F', 'g', '10FFFF', '110000', '1234567', 'n', 't', 'v', '"', "'", 'abc', '\ud83d', '\ude00', 'é', '\\u{', '\\x', '\\u'];
    const rand = rng('unescape');
    for (let k = 0; k < 20000; k++) {
      const raw = Array.from({ length: 1 + Math.floor(rand() * 12) }, () => pieces[Math.floor(rand() * pieces.length)]).join('');
      assert.equal(unescapeLiteral(raw), byRegex(raw), JSON.stringify(raw));
    }
  });

  it('decodes each escape form', () => {
    assert.equal(unescapeLiteral('a\\nb\\tc\\"d\\/e\\u0067\\x41\\u{1F600}\\q\\'), 'a\nb\tc"d/egA\u{1F600}q\\');
  });
});
