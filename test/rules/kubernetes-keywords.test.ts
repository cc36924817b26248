// The Kubernetes Secret `data:` rules run only in texts that say `kind: Secret` (their keywords are
// that phrase in each spacing and quoting the patterns accept), not in every text that says
// "secret" (each ran over the whole of such a text): every match of theirs holds one of those
// keywords, so the keywords decide where they run without losing one. (The `stringData:` rules keep
// their own keyword: generic rules, which of them wins a tie with another generic rule depends on
// the order of their first hits.)
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { builtinRuleSpecs } from '../../src/data/builtin.ts';
import { compileRule } from '../../src/rules/compile.ts';
import { exampleText, expandExample } from '../../src/rules/examples.ts';

const IDS = ['kubernetes-secret-data', 'kubernetes-secret-data-entry'];
const SPELLINGS = ['kind: Secret', 'kind:Secret', 'kind:  Secret', 'kind:   Secret', "kind: 'Secret'", 'kind:"Secret"', 'kind:\tSecret', 'kind: \tSecret', 'kind:  \tSecret', 'KIND: SECRET'];

describe('Kubernetes Secret rules', () => {
  for (const id of IDS) {
    it(`${id}: matches only where one of its keywords is, in every spelling of kind: Secret`, () => {
      const spec = builtinRuleSpecs().find((s) => s.spec.id === id)?.spec;
      assert.ok(spec, id);
      assert.ok(!spec.keywords.includes('secret'), 'keyed on the whole phrase, not the word');
      const rule = compileRule(spec);
      let matched = 0;
      for (const [i, example] of spec.examples.entries()) {
        const text = expandExample(exampleText(example), `${id}#${i}`);
        assert.match(text, /kind: Secret/);
        for (const spelling of SPELLINGS) {
          const variant = text.replaceAll('kind: Secret', spelling);
          rule.regex.lastIndex = 0;
          const matches = rule.regex.test(variant);
          rule.regex.lastIndex = 0;
          const keyword = spec.keywords.some((k) => variant.toLowerCase().includes(k));
          if (matches) matched++;
          assert.ok(!matches || keyword, `${id} example ${i} with ${JSON.stringify(spelling)}: a match without a keyword`);
        }
      }
      assert.ok(matched >= spec.examples.length * 5, `${matched} matches`);
    });
  }
});
