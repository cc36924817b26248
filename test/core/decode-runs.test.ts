// The native encoded-run scanner (src/core/decode/run-scan.ts) gives the records of the reference
// regex scanner (src/core/decode/runs.ts) on generated texts built to meet every rule of the regex's
// matching: leads hidden by an earlier match (`\"`, a run's `=`, `%aBasic `), runs across the
// scanner's 64-character words, percent runs, quoted literals (unclosed, escaped quotes, quiet or
// not), and characters above U+00FF whose low byte is a character the scanner looks for.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isBase64Char } from '../../src/core/decode/base64.ts';
import { findEncodedSpans } from '../../src/core/decode/find.ts';
import { NATIVE_MAX_CHARS, nativeRuns, nibbleTables } from '../../src/core/decode/run-scan.ts';
import { type QuietSkip, regexRuns, RUN_PERCENT } from '../../src/core/decode/runs.ts';
import { Prefilter } from '../../src/core/prefilter.ts';
import { builtinRuleSpecs } from '../../src/data/builtin.ts';
import { rng } from '../../src/rules/examples.ts';
import { compileRuleSet } from '../../src/rules/ruleset.ts';
import { viewContext, viewContextInLine } from '../../src/core/decode/view.ts';

const builtin = compileRuleSet(builtinRuleSpecs()).prefilter;
/** A keyword holding a tab: `\t` is then not a quiet escape. */
const tabbed = new Prefilter([['pass\tword'], ['token']]);

/** Base64 of `bytes` random printable characters (text-like, as the scanner wants). */
function base64Of(rand: () => number, bytes: number, urlSafe: boolean): string {
  const text = Array.from({ length: bytes }, () => String.fromCharCode(32 + Math.floor(rand() * 95))).join('');
  const b64 = Buffer.from(text).toString('base64');
  return urlSafe ? b64.replace(/\+/g, '-').replace(/\//g, '_') : b64;
}

function corpus(seed: string, pieces: number): string {
  const rand = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const fixed = [
    ...[':', '=', '"', "'", '`', '\n', '>', ',', ' ', ': ', '= ', '=\n', '  ', 'Basic ', 'basic ', 'BASIC ', 'Basic  '],
    ...['git_config_get_string_multi', 'refs/heads/master', 'abcdefghijklmnopqrstuvwxyz0123', 'x', 'xy', '0123456789abcdef0123456789abcdef', '==', '=', '==='],
    ...['%2F', '%41%42%43', '%zz', '%', '%aBasic ', 'user:pass@host/path?x=1&y=2', '~!$*+,;:@/', '100%'],
    ...['\\n', '\\t', '\\r', '\\"', "\\'", '\\/', '\\\\', '\\u0067', '\\u00aBasic ', '\\u12', '\\x41', '\\0', '\\b', '\\', '\\p', '\\u{41}'],
    ...['"', "'", '"usage: %s\\n"', "'it\\'s'", '"{\\"password\\":\\"hunter22\\"}"', 'printf("%02x\\n", c);'],
    // Quiet or not by one character: a base64 run of 16 or 15, `%XX` or `%X` at the end, `\u` cut short.
    ...['"0123456789abcdef\\n"', '"0123456789abcde\\n"', '"ab cd %4F"', '"ab cd %4\\n"', '"ab cd\\u004"', '"\\nab cd\\u0041"', "'ab\\tcd ef\\\\'"],
    ...['token', ' secret ', 'api_key', 'Password', 'x'.repeat(150)],
    ...['é', 'ÿ', '\u0100', '\u010a', '\u0122', '\u0127', '\u015c', '\u0125', '\u0141', '\u3d3d', '\uff0c', '\ud83d\ude00', '\u0a0a', '\u2028'],
  ];
  const out: string[] = [];
  for (let i = 0; i < pieces; i++) {
    const r = rand();
    if (r < 0.15) out.push(base64Of(rand, 9 + Math.floor(rand() * 60), rand() < 0.3));
    else if (r < 0.2) out.push('a'.repeat(Math.floor(rand() * 70)));
    else out.push(pick(fixed));
  }
  return out.join('');
}

/** The ways a scan may leave quiet literals out: for each prefilter with the text's hits, or none. */
function skips(text: string): (QuietSkip | undefined)[] {
  return [{ prefilter: builtin, hits: builtin.scan(text) }, { prefilter: tabbed, hits: tabbed.scan(text) }, { prefilter: builtin, hits: new Int32Array(0) }, undefined];
}

function records(text: string, quiet?: QuietSkip): number[] {
  const native = nativeRuns(text, quiet);
  assert.ok(native, `the native scanner took a text of ${text.length} characters`);
  return [...native];
}

describe('native encoded-run scanner', () => {
  it('gives the reference scanner’s records on generated texts', () => {
    for (let f = 0; f < 400; f++) {
      // Each text as generated (most hold a character above U+00FF: copied as UTF-16) and within Latin-1 (copied a byte each).
      const wide = corpus(`runs-${f}`, 1 + (f % 97) * 4);
      for (const text of [wide, wide.replace(/[^\x00-\xff]/g, '\xe9')]) {
        for (const quiet of skips(text)) assert.deepEqual(records(text, quiet), regexRuns(text, quiet), `text ${f}: ${JSON.stringify(text)}`);
      }
    }
  });

  it('gives them for a run ending at every offset near the scanner’s 64-character words', () => {
    const run = base64Of(rng('edge'), 30, false);
    for (let end = run.length + 2; end < 200; end++) {
      const text = `${'x'.repeat(end - run.length - 2)}="${run}`;
      for (const tail of ['', '"', '=', '==x', '\\"', '\u0122']) assert.deepEqual(records(text + tail), regexRuns(text + tail), `end ${end} tail ${JSON.stringify(tail)}`);
    }
  });

  it('finds a text’s matches wholly within its own characters (a character above U+00FF is none)', () => {
    // U+0122, U+010A, U+015C, U+0125 have the low bytes of `"`, newline, `\` and `%`.
    const run = base64Of(rng('wide'), 24, false);
    for (const wide of ['\u0122', '\u010a', '\u015c', '\u0125', '\u3d3d']) {
      const text = `a${wide}${run} x${wide}n${wide}41${wide}42 "p\\n${wide}" %41%42%43 key=${run}`;
      for (const quiet of skips(text)) assert.deepEqual(records(text, quiet), regexRuns(text, quiet), JSON.stringify(wide));
    }
  });

  it('leaves a text too long or with too many runs to the reference scanner, with the same spans', () => {
    const run = base64Of(rng('long'), 24, false);
    const long = `${'x'.repeat(NATIVE_MAX_CHARS)} k="${run}"`;
    assert.equal(nativeRuns(long), undefined);
    assert.deepEqual(
      findEncodedSpans(long).map((s) => [s.encoding, s.start, s.end]),
      [['base64', NATIVE_MAX_CHARS + 4, NATIVE_MAX_CHARS + 4 + run.length]],
    );
    const dense = '%41%42%43%44 '.repeat(20000);
    assert.equal(nativeRuns(dense), undefined);
    assert.equal(findEncodedSpans(dense).length, regexRuns(dense).filter((_, i) => i % 3 === 0).filter((k) => k === RUN_PERCENT).length);
    assert.equal(findEncodedSpans(dense).length, 20000);
  });

  it('classifies bytes in its SIMD pass as the regex does', () => {
    const t = nibbleTables();
    for (let c = 0; c < 256; c++) {
      const x = (t[c >> 4] ?? 0) & (t[16 + (c & 15)] ?? 0);
      assert.equal((x & 31) !== 0, isBase64Char(c), `base64 ${c}`);
      assert.equal((x & 64) !== 0, c === 37, `% ${c}`);
      assert.equal((x & 128) !== 0, c === 92, `\\ ${c}`);
    }
  });

  it('keeps the view context viewContext gives, from the line bounds alone', () => {
    const rand = rng('view-line');
    for (let k = 0; k < 2000; k++) {
      const text = Array.from({ length: 1 + Math.floor(rand() * 8) }, () => 'x'.repeat(Math.floor(rand() * 400))).join('\n');
      const start = Math.floor(rand() * text.length);
      const lineStart = text.lastIndexOf('\n', start - 1) + 1;
      const next = text.indexOf('\n', start);
      const lineEnd = next === -1 ? text.length : next;
      const end = start + Math.floor(rand() * (lineEnd - start + 1));
      assert.deepEqual(viewContextInLine(lineStart, lineEnd, start, end), viewContext(text, { start, end }), `${start}-${end} in ${lineStart}-${lineEnd}`);
    }
  });
});
