// captureGroupCount reads groups from the source text; it must agree with the regex engine.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { builtinRuleSpecs } from '../../src/data/builtin.ts';
import { captureGroupCount } from '../../src/rules/compile.ts';

/** The engine's count: a match of the empty alternative has one slot per group. */
const engineCount = (source: string, flags = ''): number => (new RegExp(`${source}|`, flags).exec('')?.length ?? 1) - 1;

describe('captureGroupCount', () => {
  it('agrees with the engine on every built-in pattern and allowlist regex, and on tricky sources', () => {
    const sources = builtinRuleSpecs().flatMap(({ spec }) => [spec.pattern, ...(spec.allowlist?.regexes ?? []), ...(spec.allowlist?.matchRegexes ?? [])]);
    sources.push('(a)(?<n>b)(?<=c)(?<!d)(?:e)(?=f)(?!g)', '[(]\\((h)', '[\\]()](i)', '(?<x>(?<y>z))', '\\\\(j)', '[a-z\\\\](k)');
    for (const s of sources) assert.equal(captureGroupCount(s), engineCount(s), s);
  });
});
