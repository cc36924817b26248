// Anchored rules tried only at hits where their regex without assertions matches (src/core/anchor.ts
// relaxedRegex), in the regions keptWindows builds around those hits alone (src/core/detect.ts):
// the same regions and matches as every hit's windows give.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { anchoredRegex, readsFar, relaxedRegex, withoutAssertions } from '../../src/core/anchor.ts';
import { detectFragment, keptWindows, type RuleRun, windows } from '../../src/core/detect.ts';
import { Prefilter } from '../../src/core/prefilter.ts';
import { builtinRuleSpecs } from '../../src/data/builtin.ts';
import { compileRule } from '../../src/rules/compile.ts';
import { compileRuleSet } from '../../src/rules/ruleset.ts';
import { lineEndWithin, lineStartWithin } from '../../src/core/location.ts';
import { expandExample, exampleText, rng } from '../../src/rules/examples.ts';

describe('withoutAssertions', () => {
  it('leaves out lookarounds, anchors and word boundaries, outside classes only', () => {
    assert.equal(withoutAssertions('x(?<![A-Za-z0-9_])(pat[A-Za-z0-9]{14}\\.[a-f0-9]{64})(?![A-Za-z0-9_])'), 'x(pat[A-Za-z0-9]{14}\\.[a-f0-9]{64})');
    assert.equal(withoutAssertions('x\\b(SK[0-9a-f]{32})\\b'), 'x(SK[0-9a-f]{32})');
    assert.equal(withoutAssertions('(?:^|\\n)x(?=\\r?\\n|$)'), '(?:|\\n)x');
    assert.equal(withoutAssertions('a[\\b^$(?=)]b(?<=(?:c))d'), 'a[\\b^$(?=)]bd');
    assert.equal(withoutAssertions('(?<name>a)(?<!b\\))c'), '(?<name>a)c');
  });

  it('keeps the one-character checks at the start that a newline before a hit passes as no character does', () => {
    assert.equal(withoutAssertions('(?<![A-Za-z0-9_])(pat[a-z]{4})(?![a-z])'), '(?<![A-Za-z0-9_])(pat[a-z]{4})');
    assert.equal(withoutAssertions('\\b(SK[0-9a-f]{32})\\b'), '\\b(SK[0-9a-f]{32})');
    assert.equal(withoutAssertions('(?<![^\\n])(?<=[a-z])x(?<!y)'), '(?<![^\\n])(?<=[a-z])x');
    // A newline fails these: at a window's start (a line's) they pass, in the text they would not.
    assert.equal(withoutAssertions('(?<![\\s])x'), 'x');
    assert.equal(withoutAssertions('(?<!\\n)x'), 'x');
    assert.equal(withoutAssertions('(?<![\\w.-]{2})x'), 'x');
    assert.equal(withoutAssertions('^x'), 'x');
  });

  it('refuses a backreference, a quantified assertion, an unclosed lookaround', () => {
    assert.equal(withoutAssertions('(a)\\1'), undefined);
    assert.equal(withoutAssertions('(?<q>a)\\k<q>'), undefined);
    assert.equal(withoutAssertions('a\\b?c'), undefined);
    assert.equal(withoutAssertions('a(?=b)*c'), undefined);
    assert.equal(withoutAssertions('a(?=b'), undefined);
  });
});

describe('lineStartWithin and lineEndWithin', () => {
  it('find the line bounds within their reach, as a slice and its search would', () => {
    const rand = rng('line-bounds');
    for (let round = 0; round < 3000; round++) {
      const text = Array.from({ length: Math.floor(rand() * 400) }, () => (rand() < 0.02 ? '\n' : 'x')).join('');
      const pos = Math.floor(rand() * (text.length + 1));
      const reach = Math.floor(rand() * 300);
      const from = Math.max(0, pos - reach);
      assert.equal(lineStartWithin(text, pos, reach), from + text.slice(from, pos).lastIndexOf('\n') + 1);
      const to = Math.min(text.length, pos + reach);
      const nl = text.slice(pos, to).indexOf('\n');
      assert.equal(lineEndWithin(text, pos, reach), nl === -1 ? to : pos + nl);
    }
  });
});

describe('readsFar', () => {
  it('tells a pattern that can read on past its line for long from one that cannot', () => {
    assert.equal(readsFar('pat[A-Za-z0-9]+\\.[^\\s"]{4}', ''), false);
    assert.equal(readsFar('a\\s{0,5}=\\s{0,5}b{8,64}', ''), false);
    assert.equal(readsFar('a[^"]+', ''), true);
    assert.equal(readsFar('a\\s{0,300}b', ''), true);
    assert.equal(readsFar('a\\s{0,3}b{2,}', ''), true);
    assert.equal(readsFar('a.+b', ''), false);
    assert.equal(readsFar('a.+b', 's'), true);
    assert.equal(readsFar('a(?:|\\n)b*', ''), true);
  });
});

describe('keptWindows', () => {
  it('gives the regions of windows() that hold a kept hit, on random texts, hits and reaches', () => {
    const rand = rng('kept-windows');
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
    for (let round = 0; round < 400; round++) {
      // Lines of every length, some longer than a window's long-line limits.
      const lines = Array.from({ length: 1 + Math.floor(rand() * 30) }, () => 'x'.repeat(pick([0, 1, 5, 40, 300, 700, 5000])));
      const text = lines.join('\n');
      const offsets = [...new Set(Array.from({ length: Math.floor(rand() * 40) }, () => Math.floor(rand() * text.length)))].sort((a, b) => a - b);
      const reach = pick([{ before: 0, after: 0 }, { before: 300, after: 300 }, { before: 0, after: 4096 }, { before: 0, after: 20000 }]);
      const keepRate = pick([0, 0.05, 0.3, 1]);
      const keep = new Set(offsets.filter(() => rand() < keepRate));
      const got = keptWindows(text, offsets, reach, (o) => keep.has(o));
      const want = windows(text, offsets, reach).filter((r) => offsets.some((o) => keep.has(o) && o >= r.start && o < r.end));
      assert.deepEqual(got.regions, want, `round ${round}`);
      assert.deepEqual(got.kept, offsets.filter((o) => keep.has(o)));
    }
  });

  it('joins windows that touch on a long line, walking back from a kept hit', () => {
    const text = 'x'.repeat(20000);
    const line = { before: 0, after: 0 };
    // The first window ends 4096 after its hit; the second starts 512 before its own.
    assert.deepEqual(keptWindows(text, [0, 4608], line, (o) => o === 4608).regions, [{ start: 0, end: 8704 }]);
    assert.deepEqual(keptWindows(text, [0, 4609], line, (o) => o === 4609).regions, [{ start: 4097, end: 8705 }]);
    assert.deepEqual(keptWindows(text, [0, 4608, 9216], line, (o) => o === 0).regions, [{ start: 0, end: 13312 }]);
  });
});

describe('relaxedRegex', () => {
  it('matches at every hit where an anchored built-in rule matches, in the text and in any window of it', () => {
    const rules = builtinRuleSpecs().map(({ spec }) => compileRule(spec, undefined, { lazy: true }));
    const rand = rng('relaxed-examples');
    const parts = rules.flatMap((r) => r.spec.examples.map((e, i) => expandExample(exampleText(e), `${r.id}:${i}`)));
    const glue = ['', ' ', '\n', 'x', '"'];
    const text = parts.map((p) => `${p}${glue[Math.floor(rand() * glue.length)]}${p}`).join(glue[Math.floor(rand() * glue.length)]);
    const prefilter = new Prefilter(rules.map((r) => r.keywords));
    const byRule = prefilter.hitsByRule(prefilter.scan(text));
    let relaxed = 0;
    let matched = 0;
    for (const [i, r] of rules.entries()) {
      const sticky = anchoredRegex(r);
      const pre = relaxedRegex(r);
      if (!sticky || !pre) continue;
      relaxed++;
      for (const p of byRule.get(i) ?? []) {
        // The hit's line alone, and the text from that line on: windows start at a line's start.
        const lineStart = text.lastIndexOf('\n', p - 1) + 1;
        const lineEnd = text.indexOf('\n', p) === -1 ? text.length : text.indexOf('\n', p);
        for (const [from, to] of [[lineStart, lineEnd], [lineStart, text.length]] as const) {
          sticky.lastIndex = p - from;
          if (!sticky.exec(text.slice(from, to))) continue;
          matched++;
          pre.lastIndex = p;
          assert.ok(pre.test(text), `${r.id} at ${p}`);
        }
      }
    }
    assert.ok(relaxed > 300, `${relaxed} rules with a relaxed regex`);
    assert.ok(matched > 300, `${matched} matches checked`);
  });
});

describe('an anchored rule in the detector', () => {
  it('builds no window for hits where it cannot match, and finds the one where it does', () => {
    const rule = compileRule({ id: 't-token', name: 't', pattern: '(?<![a-z])(tok_[a-f0-9]{8})(?![a-z0-9])', keywords: ['tok_'], severity: 'high', playbook: 'generic', examples: [], negativeExamples: [] });
    const runs: RuleRun[] = [];
    const ruleSet = { ...compileRuleSet([]), rules: [rule], prefilter: new Prefilter([rule.keywords]), clock: { ran: (r: RuleRun) => void runs.push(r) } };
    // A window is a hit's line and the next: these lines' windows never join.
    const text = `${'a tok_ that is no token\n\n\n'.repeat(500)}key = tok_0123abcd\n${'\n\ntok_xyz\n'.repeat(100)}`;
    const found = detectFragment({ text, path: 'x.txt' }, ruleSet);
    assert.deepEqual(found.map((m) => m.line), [1501]);
    assert.equal(runs.length, 1);
    assert.equal(runs[0]?.hits, 601);
    assert.deepEqual(runs[0]?.regions.map((r) => text.slice(r.start, r.end)), ['key = tok_0123abcd\n']);
  });
});
