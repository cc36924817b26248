// The decoded views of a text share their keyword scans (src/core/decode/rescan.ts scanViews): one
// scan of many views joined by a separator finds in each view the hits a scan of it alone finds, so
// the findings and skip counts are those of the per-view path (a rule set with an observer enters
// and scans each view on its own), with far fewer scans.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectWithDecoding } from '../../src/core/decode/rescan.ts';
import type { RuleSet, SkipCounter } from '../../src/core/detect.ts';
import type { DetectObserver } from '../../src/core/observer.ts';
import type { Prefilter } from '../../src/core/prefilter.ts';
import { builtinRuleSpecs } from '../../src/data/builtin.ts';
import { rng } from '../../src/rules/examples.ts';
import { compileRuleSet } from '../../src/rules/ruleset.ts';
import { awsSecret, githubPat } from '../helpers/secrets.ts';

const base = compileRuleSet(builtinRuleSpecs());
const silent: DetectObserver = { scanning() {}, pathSkipped() {}, candidate() {}, enterDecoded() {}, leaveDecoded() {}, matchDropped() {} };

/** `base` with its prefilter's scans counted. */
function counted(): { ruleSet: RuleSet; scans: () => number } {
  let n = 0;
  const prefilter = Object.create(base.prefilter) as Prefilter;
  prefilter.scan = (text: string) => {
    n++;
    return base.prefilter.scan(text);
  };
  return { ruleSet: { ...base, prefilter }, scans: () => n };
}

/** Lines of code whose literals hold escapes, keywords near them, base64 and percent runs, and secrets. */
function corpus(seed: string, lines: number): string {
  const rand = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const b64 = (s: string): string => Buffer.from(s).toString('base64');
  const pieces = ['usage: %s', 'token', 'key', 'secret: ', '\\n', '\\t', '\\"', '\\u0041', 'pass%3Dword', 'x'.repeat(120), b64(`password = ${awsSecret(`a${seed}`)}`), `\\"token\\": \\"${githubPat(`b${seed}`)}\\"`, b64('nothing to see here, friend')];
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    const lit = Array.from({ length: 1 + Math.floor(rand() * 5) }, () => pick(pieces)).join('');
    out.push(`${pick(['\t', '\tkey = ', '\tdie(_(', '\tset_token(', '\tauth(pass, '])}"${lit}"${pick([');', ' /* secret */', ''])}`);
  }
  return `${out.join('\n')}\n`;
}

describe('shared keyword scans of decoded views', () => {
  it('find what per-view scans find, in a few scans, across several batches', () => {
    let findings = 0;
    for (let f = 0; f < 6; f++) {
      const text = corpus(`shared-${f}`, 1500);
      assert.ok(text.length > 1 << 17, 'several batches of views');
      const fragment = { text, path: `src/file${f}.c` };
      const shared = counted();
      const skipsShared: SkipCounter = {};
      const got = detectWithDecoding(fragment, shared.ruleSet, skipsShared);
      const perView = counted();
      const skipsPerView: SkipCounter = {};
      const want = detectWithDecoding(fragment, { ...perView.ruleSet, observer: silent }, skipsPerView);
      assert.deepEqual(got, want, `file ${f}`);
      assert.deepEqual(skipsShared, skipsPerView, `file ${f}: skip counts`);
      findings += got.filter((m) => m.decodedFrom !== undefined).length;
      assert.ok(perView.scans() > 1000, `${perView.scans()} scans one view at a time`);
      assert.ok(shared.scans() * 2 < perView.scans(), `${shared.scans()} scans shared, ${perView.scans()} one view at a time`);
    }
    assert.ok(findings > 20, `${findings} decoded findings`);
  });
});
