// Rule patterns as written → regex source: `(?x)` extended patterns over several commented lines, and
// `{{frag:NAME}}` fragments shared between rules (rules/_fragments.yaml). Plain patterns are unchanged.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConfig } from '../../src/config/load.ts';
import { builtinFragments, builtinRuleSpecs } from '../../src/data/builtin.ts';
import { parseRuleFile } from '../../src/rules/load.ts';
import { expandPattern, stripExtended } from '../../src/rules/pattern.ts';

const ruleFile = (pattern: string): string =>
  `rules:\n  - id: acme-key\n    name: Acme key\n    pattern: ${pattern}\n    keywords: [acme]\n    severity: high\n    playbook: generic-api-token\n    examples: ['x']\n    negativeExamples: ['y']\n`;

describe('extended patterns', () => {
  it('drop whitespace and # comments outside classes, keep escapes and class members', () => {
    assert.equal(stripExtended(' acme _ key  # the name\n = ( \\w+ ) # value\n'), 'acme_key=(\\w+)');
    assert.equal(stripExtended('a\\ b \\# c'), 'a\\ b\\#c');
    assert.equal(stripExtended('[ #] x'), '[ #]x');
  });

  it('apply only with a leading (?x): a plain pattern keeps its spaces and #', () => {
    assert.equal(expandPattern('key = (#\\d+)', {}), 'key = (#\\d+)');
    assert.equal(expandPattern('(?x) key \\  = (\\d+)  # digits', {}), 'key\\ =(\\d+)');
  });

  it('can be written as a YAML block in a rule file', () => {
    const [r] = parseRuleFile(ruleFile('|\n      (?x)\n      acme_key   # the name\n      {{frag:assign}}\n      ([a-z0-9]{32})   # the key\n'), 'acme.yaml', builtinFragments());
    assert.equal(r?.spec.pattern, `acme_key${builtinFragments().assign}([a-z0-9]{32})`);
    assert.match(`acme_key = "${'a1'.repeat(16)}"`, new RegExp(r?.spec.pattern ?? '$^'));
  });
});

describe('fragments', () => {
  it('are replaced by their regex; an unknown one is an error naming the file, line and the known names', () => {
    assert.equal(expandPattern('k{{frag:op}}(v)', { op: '\\s*=\\s*' }), 'k\\s*=\\s*(v)');
    assert.throws(() => parseRuleFile(ruleFile("'acme{{frag:nope}}(x)'"), 'acme.yaml', { op: '=' }), /^RuleFileError: acme\.yaml:4: rules\[0\]\.pattern: unknown fragment \{\{frag:nope\}\} \(known: op\)$/);
  });

  it('are available to custom rules in .keywarden.yml', () => {
    const cfg = parseConfig(`rules:\n${ruleFile("'acme[_-]?key{{frag:assign}}([a-z0-9]{32})'").replace(/^rules:\n/, '')}`, '.keywarden.yml');
    assert.equal(cfg.config.rules?.[0]?.pattern, `acme[_-]?key${builtinFragments().assign}([a-z0-9]{32})`);
  });

  it('leave no reference or (?x) in the built-in rules once loaded, and share the assignment operator', () => {
    const specs = builtinRuleSpecs();
    assert.deepEqual(specs.filter((s) => s.spec.pattern.includes('{{frag:') || s.spec.pattern.startsWith('(?x)')).map((s) => s.spec.id), []);
    const assign = builtinFragments().assign ?? '-';
    assert.ok(specs.filter((s) => s.spec.pattern.includes(assign)).length >= 18);
  });
});
