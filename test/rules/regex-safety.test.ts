// Catastrophic-backtracking checks for user regexes: the static analysis (named cases, both ways),
// the built-in rules passing it, and the runtime probe killing a regex the analysis cannot judge.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { builtinRuleSpecs } from '../../src/data/builtin.ts';
import { probeInputs } from '../../src/rules/safety/probe-inputs.ts';
import { describeProbeFailure, probeRegexes } from '../../src/rules/safety/regex-probe.ts';
import { findRegexHazard } from '../../src/rules/safety/regex-safety.ts';

const unsafe: { name: string; pattern: string; flags?: string; kind: string }[] = [
  { name: 'quantified group of a quantifier', pattern: '(a+)+$', kind: 'nested-quantifier' },
  { name: 'words with optional separators', pattern: '(\\w+\\s?)+$', kind: 'nested-quantifier' },
  { name: 'two adjacent stars in a star', pattern: '(a*b*)*$', kind: 'nested-quantifier' },
  { name: 'bounded inner count in an unbounded repeat', pattern: '(?:\\w{1,20})+!', kind: 'nested-quantifier' },
  { name: 'nested repeat after a literal prefix', pattern: 'key=((?:a+)+)$', kind: 'nested-quantifier' },
  { name: 'nested repeat inside a lookahead', pattern: '(?=(a+)+$)x', kind: 'nested-quantifier' },
  { name: 'alternatives a and aa', pattern: '(a|aa)+$', kind: 'overlapping-alternation' },
  { name: 'class alternatives that intersect', pattern: '(\\w|\\d)+$', kind: 'overlapping-alternation' },
  { name: 'escaped-char alternation that also accepts backslash', pattern: '"((?:\\\\.|[^"])*)"', kind: 'overlapping-alternation' },
  { name: 'case-insensitive duplicate alternatives', pattern: '((?:A|a)+)!', flags: 'i', kind: 'overlapping-alternation' },
];

const safe: { name: string; pattern: string; flags?: string }[] = [
  { name: 'dotted names: the separator cannot be part of a label', pattern: '((?:[a-z0-9-]+\\.)+[a-z]{2,})' },
  { name: 'escaped-char alternation done right', pattern: '"((?:\\\\.|[^"\\\\])*)"' },
  { name: 'alternatives that share only a first character', pattern: '((?:ab|ac)+)' },
  { name: 'a prefix alternative that cannot continue the loop', pattern: '((?:a|ab)+)' },
  { name: 'fixed-width repeated group', pattern: '((?:[A-Za-z0-9+/]{4})*)' },
  { name: 'dash-separated words', pattern: '((?:[A-Za-z0-9]+-)*[A-Za-z0-9]+)' },
  { name: 'optional sign before a letter', pattern: '((?:-?[a-z])+)' },
  { name: 'adjacent quantifiers outside any repetition (polynomial, left to the probe)', pattern: '([a-z]+[a-z0-9]*)' },
];

describe('static regex safety check', () => {
  for (const c of unsafe) {
    it(`rejects: ${c.name} (${c.pattern})`, () => {
      assert.equal(findRegexHazard(c.pattern, c.flags)?.kind, c.kind);
    });
  }
  for (const c of safe) {
    it(`accepts: ${c.name} (${c.pattern})`, () => {
      assert.equal(findRegexHazard(c.pattern, c.flags), undefined);
    });
  }
  it('accepts every built-in rule pattern and allowlist regex', () => {
    for (const { spec } of builtinRuleSpecs()) {
      for (const p of [spec.pattern, ...(spec.allowlist?.regexes ?? []), ...(spec.allowlist?.matchRegexes ?? [])]) {
        const h = findRegexHazard(p, p === spec.pattern ? spec.flags : '');
        assert.equal(h, undefined, `${spec.id}: ${p} flagged as ${h?.kind} (${h?.part})`);
      }
    }
  });
});

describe('runtime regex probe', () => {
  it('kills a regex that backtracks polynomially without a nested quantifier and names the input', async () => {
    const source = 'token=(\\w*\\w*\\w*\\w*\\w*)!';
    assert.equal(findRegexHazard(source), undefined, 'the static check cannot see this one');
    const failure = await probeRegexes([{ label: 'rule slow', source, flags: '', ...probeInputs(source, '', { keywords: ['token='] }) }]);
    assert.ok(failure, 'the probe must catch it');
    assert.equal(failure.label, 'rule slow');
    assert.match(describeProbeFailure(failure), /did not finish within \d+ ms on "token=" then "\w" repeated to 1024 characters/);
  });

  it('lets safe regexes through, running each one on its own examples too', async () => {
    const targets = ['\\b(ghp_[A-Za-z0-9]{36})\\b', '(?:password|pwd)\\s*[:=]\\s*["\']([^\\s"\']{8,64})["\']'].map((source, i) => ({
      label: `rule ${i}`,
      source,
      flags: 'i',
      ...probeInputs(source, 'i', { examples: ['pwd = "abcdefgh1234"'] }),
    }));
    assert.equal(await probeRegexes(targets), undefined);
  });

  it('builds prefixes from the literal start and keywords, and pumps from the pattern\'s characters', () => {
    const inputs = probeInputs('acme_key=([0-9a-f]{32})', '', { keywords: ['acme_key'] });
    assert.ok(inputs.prefixes.includes('acme_key='), inputs.prefixes.join('|'));
    assert.ok(inputs.prefixes.includes(''));
    assert.ok(inputs.pumps.includes('a') && inputs.pumps.includes('0'), inputs.pumps.join('|'));
  });
});
