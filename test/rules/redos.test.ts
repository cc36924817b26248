// Rule lint, performance half: no built-in pattern may backtrack catastrophically. Each pattern runs
// over 1 MB single-line inputs built to provoke it (its keywords repeated, its keyword plus assignment
// operators repeated, its own example repeated without newlines). The budget is deliberately loose
// (catastrophic patterns take minutes, healthy ones milliseconds), so machine load cannot flake it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { builtinRuleSpecs } from '../../src/data/builtin.ts';
import { compileRule } from '../../src/rules/compile.ts';
import { exampleText, expandExample } from '../../src/rules/examples.ts';

const SIZE = 1 << 20;
const BUDGET_MS = 3000;

function fill(unit: string): string {
  return unit.length === 0 ? '' : unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);
}

describe('no rule pattern backtracks catastrophically on a 1 MB adversarial line', () => {
  for (const { spec, source } of builtinRuleSpecs()) {
    it(spec.id, () => {
      const rule = compileRule(spec, source);
      const kw = spec.keywords[0] ?? 'a';
      const example = expandExample(exampleText(spec.examples[0] ?? ''), `${spec.id}#redos`).replace(/\r?\n/g, ' ');
      const inputs = [fill(kw), fill(`${kw}=`), fill(`${kw}: "`), fill(`${example} `)];
      for (const input of inputs) {
        const re = new RegExp(rule.regex.source, rule.regex.flags);
        const started = performance.now();
        let n = 0;
        while (re.exec(input) !== null && n++ < 100_000) if (re.lastIndex === 0) break;
        const ms = performance.now() - started;
        assert.ok(ms < BUDGET_MS, `${spec.id}: ${ms.toFixed(0)} ms on "${input.slice(0, 24)}…" (budget ${BUDGET_MS} ms)`);
      }
    });
  }
});
