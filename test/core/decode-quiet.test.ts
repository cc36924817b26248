// Escaped literals skipped undecoded (src/core/decode/quiet.ts) yield nothing: on a generated corpus
// of string literals mixing keywords, every kind of escape, base64, percent escapes and real
// secrets, the scan gives what it gives when every view is entered (a rule set with an observer,
// the `scan --explain` path), and each skipped literal's view holds no keyword and no encoded run.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectWithDecoding } from '../../src/core/decode/rescan.ts';
import { findEncodedSpans } from '../../src/core/decode/find.ts';
import { holdsRun, isQuietLiteral } from '../../src/core/decode/quiet.ts';
import { spliceView, viewContext } from '../../src/core/decode/view.ts';
import type { RuleSet } from '../../src/core/detect.ts';
import type { DetectObserver } from '../../src/core/observer.ts';
import { builtinRuleSpecs } from '../../src/data/builtin.ts';
import { rng } from '../../src/rules/examples.ts';
import { compileRuleSet } from '../../src/rules/ruleset.ts';
import { awsSecret, githubPat } from '../helpers/secrets.ts';

const ruleSet = compileRuleSet(builtinRuleSpecs());
const silent: DetectObserver = { scanning() {}, pathSkipped() {}, candidate() {}, enterDecoded() {}, leaveDecoded() {}, matchDropped() {} };
const everyView: RuleSet = { ...ruleSet, observer: silent };

/** A file of C-like lines whose string literals are drawn from `pieces`. */
function corpus(seed: string, lines: number): string {
  const rand = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const pieces = ['usage: %s', 'hello', 'world', 'commit %d', 'branch', ' done', 'error: ', '\\n', '\\n', '\\t', 'path', 'token', 'pass', 'word', ' ', '-u', '\\n', '\\t', '\\r', '\\0', '\\"', "\\'", '\\/', '\\\\', '\\u0067', '\\x41', '\\p', '%2F', '%s', 'refs/heads/master', 'cGFzc3dvcmQ9aHVudGVyMg==', 'ghp_', `password = ${awsSecret(`q${seed}`)}`, `\\"token\\": \\"${githubPat(`q${seed}`)}\\"`, githubPat(`r${seed}`)];
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    const lit = Array.from({ length: 1 + Math.floor(rand() * 6) }, () => pick(pieces)).join('');
    out.push(`${pick(['\t', '\tx = ', '\tdie(_(', '\tprintf(', '\tauth(path, '])}"${lit}"${pick([');', ', n);', ', path);', ' /* key */', ''])}`);
  }
  return `${out.join('\n')}\n`;
}

describe('quiet escaped literals', () => {
  it('skipping them changes no finding (against every view entered)', () => {
    for (let f = 0; f < 40; f++) {
      const text = corpus(`quiet-${f}`, 200);
      const fragment = { text, path: `src/file${f}.c` };
      assert.deepEqual(detectWithDecoding(fragment, ruleSet, {}), detectWithDecoding(fragment, everyView, {}), `file ${f}`);
    }
  });

  it('skips only literals whose view holds no keyword and whose value holds no encoded run', () => {
    let skipped = 0;
    for (let f = 0; f < 20; f++) {
      const text = corpus(`quiet-view-${f}`, 200);
      const hits = ruleSet.prefilter.hits(text);
      for (const span of findEncodedSpans(text)) {
        if (span.encoding !== 'json-escape') continue;
        const { left, right } = viewContext(text, span);
        if (hits.some((h) => h.offset >= left && h.offset < right) || !isQuietLiteral(text.slice(span.start, span.end), ruleSet.prefilter)) continue;
        skipped++;
        assert.deepEqual(ruleSet.prefilter.hits(spliceView(text, span).text), [], JSON.stringify(text.slice(left, right)));
        assert.deepEqual(findEncodedSpans(span.decoded), [], JSON.stringify(span.decoded));
      }
    }
    assert.ok(skipped > 50, `only ${skipped} literals were quiet`);
  });

  it('treats an escape of a keyword character as loud', () => {
    assert.equal(isQuietLiteral('line one\\nline two\\t', ruleSet.prefilter), true);
    assert.equal(isQuietLiteral('curl -u\\"x', ruleSet.prefilter), false);
    assert.equal(isQuietLiteral('\\u0067hp_', ruleSet.prefilter), false);
    assert.equal(isQuietLiteral('a %2F b\\n', ruleSet.prefilter), false);
    assert.equal(isQuietLiteral('cGFzc3dvcmQ9aHVudGVy\\n', ruleSet.prefilter), false);
  });

  it('a value without a backslash that holds no run gives the encoded-run search nothing (decoded values are searched again only otherwise)', () => {
    const rand = rng('no-inner-runs');
    const pieces = ['Basic ', 'dXNlcjpwYXNz', 'cGFzc3dvcmQ9', 'aHVudGVyMg==', '%2F', '%41%42', 'abc', '"', "'", ':', '=', ' ', '\n', ',', '>', '-_', '+/', 'QUJD'];
    let runs = 0;
    for (let round = 0; round < 3000; round++) {
      const value = Array.from({ length: 1 + Math.floor(rand() * 8) }, () => pieces[Math.floor(rand() * pieces.length)]).join('');
      if (holdsRun(value)) {
        runs++;
        continue;
      }
      assert.deepEqual(findEncodedSpans(value), [], JSON.stringify(value));
    }
    assert.ok(runs > 100 && runs < 2900, `${runs} values held a run`);
  });

  it('finds a percent escape or a 16-character base64 run exactly where the regex it replaced does', () => {
    const rand = rng('quiet-runs');
    const alphabet = 'aZ09+/_-%fG .\u00e9';
    const re = /%[0-9A-Fa-f]{2}|[A-Za-z0-9+/_-]{16}/;
    for (let round = 0; round < 2000; round++) {
      const n = Math.floor(rand() * 40);
      const raw = Array.from({ length: n }, () => (rand() < 0.8 ? 'aZ09+/_-'[Math.floor(rand() * 8)] : alphabet[Math.floor(rand() * alphabet.length)])).join('');
      assert.equal(holdsRun(raw), re.test(raw), JSON.stringify(raw));
    }
    assert.equal(holdsRun('%2'), false);
    assert.equal(holdsRun('ab%2fcd'), true);
    assert.equal(holdsRun('x'.repeat(15)), false);
    assert.equal(holdsRun(`.${'x'.repeat(16)}`), true);
  });
});
