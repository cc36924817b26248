// Anchored rules (src/core/anchor.ts): a rule is tried only at its keyword hits when every match of
// its regex provably begins with one of its keywords, and that must give exactly the matches of a
// global scan.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { anchoredRegex, leadingLiteral } from '../../src/core/anchor.ts';
import { Prefilter } from '../../src/core/prefilter.ts';
import { builtinRuleSpecs } from '../../src/data/builtin.ts';
import { compileRule } from '../../src/rules/compile.ts';
import { expandExample, exampleText, rng } from '../../src/rules/examples.ts';

describe('leadingLiteral', () => {
  it('reads the literal after lookbehinds and group openings', () => {
    assert.equal(leadingLiteral('(?<![A-Za-z0-9_])(pat[A-Za-z0-9]{14}\\.[a-f0-9]{64})(?![A-Za-z0-9_])'), 'pat');
    assert.equal(leadingLiteral('(?<=(?<![\\w.-])[\\w.-]{0,40})(?:client-id)x'), 'client-id');
    assert.equal(leadingLiteral('x\\.y\\-z\\d'), 'x.y-z');
    assert.equal(leadingLiteral('(?:a(b|c))'), 'a');
  });

  it('passes over a word boundary, alone or inside the opening groups', () => {
    assert.equal(leadingLiteral('\\b(SK[0-9a-f]{32})\\b'), 'SK');
    assert.equal(leadingLiteral('(?:\\bghp_)x'), 'ghp_');
    assert.equal(leadingLiteral('\\Bab'), '');
  });

  it('leaves out a last character a quantifier may drop, keeps one `+` repeats', () => {
    assert.equal(leadingLiteral('abc?d'), 'ab');
    assert.equal(leadingLiteral('abc*'), 'ab');
    assert.equal(leadingLiteral('abc{0,2}'), 'ab');
    assert.equal(leadingLiteral('abc+'), 'abc');
  });

  it('proves nothing across an alternative, an optional group or a class', () => {
    assert.equal(leadingLiteral('foo|bar'), '');
    assert.equal(leadingLiteral('(?:foo|bar)x'), '');
    assert.equal(leadingLiteral('(foo)?x'), '');
    assert.equal(leadingLiteral('(?:foo)*x'), '');
    assert.equal(leadingLiteral('[ab]c'), '');
    assert.equal(leadingLiteral('\\d+'), '');
    assert.equal(leadingLiteral('(?=x)abc'), '');
  });
});

describe('anchoredRegex', () => {
  const rule = (pattern: string, keywords: string[], flags?: string) =>
    compileRule({ id: 't', name: 't', pattern, keywords, severity: 'high', playbook: 'generic', examples: [], negativeExamples: [], ...(flags ? { flags } : {}) });

  it('anchors a rule whose literal begins with one of its keywords, in either case', () => {
    assert.ok(anchoredRegex(rule('(?<![a-z])(abc_[a-z]{4})', ['abc'])));
    assert.ok(anchoredRegex(rule('ABC_([a-z]{4})', ['abc_'])));
    assert.ok(anchoredRegex(rule('\\b(AB[0-9a-f]{4})\\b', ['ab'])));
    assert.equal(anchoredRegex(rule('(?<![a-z])x(abc_[a-z]{4})', ['abc'])), null);
    assert.equal(anchoredRegex(rule('ab(c_[a-z]{4})', ['abc'])), null);
  });

  it('gives a global scan\'s matches at the hits of every anchored built-in rule, over all rules\' examples', () => {
    const rules = builtinRuleSpecs().map(({ spec }) => compileRule(spec, undefined, { lazy: true }));
    const rand = rng('anchor-examples');
    // Each example twice, glued to the next and to itself, so that matches touch and overlap.
    const parts = rules.flatMap((r) => r.spec.examples.map((e, i) => expandExample(exampleText(e), `${r.id}:${i}`)));
    const glue = ['', ' ', '\n', 'x', '"'];
    const text = parts.map((p) => `${p}${glue[Math.floor(rand() * glue.length)]}${p}`).join(glue[Math.floor(rand() * glue.length)]);
    const prefilter = new Prefilter(rules.map((r) => r.keywords));
    const byRule = prefilter.hitsByRule(prefilter.scan(text));
    let anchored = 0;
    for (const [i, r] of rules.entries()) {
      const sticky = anchoredRegex(r);
      if (!sticky) continue;
      anchored++;
      const offsets = byRule.get(i) ?? [];
      const global: string[] = [];
      r.regex.lastIndex = 0;
      for (let m = r.regex.exec(text); m; m = r.regex.exec(text)) {
        global.push(`${m.index}:${m[0]}`);
        if (m[0].length === 0) r.regex.lastIndex++;
      }
      const atHits: string[] = [];
      let floor = 0;
      for (const p of offsets) {
        if (p < floor) continue;
        sticky.lastIndex = p;
        const m = sticky.exec(text);
        if (m) {
          atHits.push(`${m.index}:${m[0]}`);
          floor = p + Math.max(1, m[0].length);
        }
      }
      assert.deepEqual(atHits, global, r.id);
    }
    assert.ok(anchored > 390, `${anchored} anchored rules`);
  });
});
