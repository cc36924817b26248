// Confinement never changes findings: every rule run within its reach of its own keyword hits, and
// decoded views scanned only where a keyword can be, find exactly what whole-text rules and
// every-view decoding find, on a generated corpus (every rule's plants, decoys, decoy files) and on
// every rule example.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { buildCorpus } from '../../bench/eval/corpus.ts';
import { detectWithDecoding } from '../../src/core/decode/rescan.ts';
import { secretOf } from '../../src/core/match.ts';
import type { Match, RuleSpec } from '../../src/core/types.ts';
import { builtinRuleSpecs } from '../../src/data/builtin.ts';
import { examplePath, exampleText, expandExample } from '../../src/rules/examples.ts';
import type { SourcedRuleSpec } from '../../src/rules/load.ts';
import { compileRuleSet } from '../../src/rules/ruleset.ts';

const specs = builtinRuleSpecs();
const enable = specs.map((s) => s.spec.id);
const confined = compileRuleSet(specs, { enable });
// The unconfined path: every rule over the whole text, and a keyword-less rule that applies to every
// path, which makes the decoder scan every view (as it did before views were filtered by keywords).
const everywhere: SourcedRuleSpec = {
  source: 'test',
  spec: { id: 'every-view', name: 'Every view', pattern: '(?!)()', keywords: [], paths: ['**'], severity: 'low', playbook: 'generic-api-token', examples: [], negativeExamples: [] } satisfies RuleSpec,
};
const unconfined = compileRuleSet([...specs.map((s) => ({ ...s, spec: { ...s.spec, reach: 'file' as const } })), everywhere], { enable });

const key = (f: Match): string => `${f.ruleId} ${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${createHash('sha256').update(secretOf(f) ?? '').digest('hex').slice(0, 12)} ${f.decodedFrom ?? ''}`;

function compare(texts: Iterable<[string, string]>): number {
  let n = 0;
  for (const [path, text] of texts) {
    const a = detectWithDecoding({ text, path }, confined).map(key);
    const b = detectWithDecoding({ text, path }, unconfined).map(key);
    assert.deepEqual(a, b, `${path}: a rule whose match can lie beyond the keyword's line and the next needs a 'reach' (schema/rules.schema.json)`);
    n += a.length;
  }
  return n;
}

describe('windows and keyword-filtered decoding', () => {
  it('find the same as whole-text rules and every-view decoding on a generated corpus', () => {
    const corpus = buildCorpus(specs, { seed: 'windows-test', perRule: 2, decoys: 150, decoyFiles: 30, fillerFiles: 10 });
    const found = compare(corpus.files);
    assert.ok(found >= corpus.answers.secrets.length * 0.8, `only ${found} findings`);
  });

  it('find the same on every rule example', () => {
    const texts: [string, string][] = specs.flatMap(({ spec }) =>
      [...spec.examples, ...spec.negativeExamples].map((ex, i): [string, string] => [examplePath(ex), expandExample(exampleText(ex), `${spec.id}#${i}`)]),
    );
    assert.ok(compare(texts) > specs.length);
  });

  it('find the same when the keyword is only in the decoded value', () => {
    const b64 = (s: string): string => Buffer.from(s).toString('base64');
    const texts: [string, string][] = specs.flatMap(({ spec }) =>
      spec.examples.flatMap((ex, i): [string, string][] => {
        const text = expandExample(exampleText(ex), `${spec.id}#enc${i}`);
        return [
          [examplePath(ex), `blob: ${b64(text)}\n`],
          [examplePath(ex), `s = "${JSON.stringify(text).slice(1, -1)}";\n`],
          [examplePath(ex), `u=${encodeURIComponent(text)}\n`],
        ];
      }),
    );
    assert.ok(compare(texts) > specs.length);
  });
});
