// Turns every rule's examples into tests: each positive example must be reported by that rule,
// each negative example must not be. Adding a rule adds its tests with no code change.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectFragment } from '../../src/core/detect.ts';
import { builtinRuleSpecs } from '../../src/data/builtin.ts';
import { compileRuleSet } from '../../src/rules/ruleset.ts';
import { examplePath, exampleText, expandExample } from '../../src/rules/examples.ts';

const specs = builtinRuleSpecs();
// Every rule, including those off by default, so that their examples are exercised too.
const ruleSet = compileRuleSet(specs, { enable: specs.map((s) => s.spec.id) });

for (const { spec, source } of specs) {
  describe(`${spec.id} (${source})`, () => {
    spec.examples.forEach((ex, i) => {
      it(`example #${i + 1} is reported`, () => {
        const text = expandExample(exampleText(ex), `${spec.id}#${i}`);
        const findings = detectFragment({ text, path: examplePath(ex) }, ruleSet);
        const ids = findings.map((f) => f.ruleId);
        assert.ok(ids.includes(spec.id), `expected ${spec.id} in [${ids.join(', ')}] for example #${i + 1}`);
      });
    });
    spec.negativeExamples.forEach((ex, i) => {
      it(`negative example #${i + 1} is not reported`, () => {
        const text = expandExample(exampleText(ex), `${spec.id}#neg${i}`);
        const findings = detectFragment({ text, path: examplePath(ex) }, ruleSet);
        const hit = findings.filter((f) => f.ruleId === spec.id);
        assert.equal(hit.length, 0, `${spec.id} reported negative example #${i + 1}: at ${hit.map((f) => `${f.line}:${f.column}`).join(', ')}`);
      });
    });
  });
}
