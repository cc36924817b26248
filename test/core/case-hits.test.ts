// Keyword hits in a case the rule's regex cannot match (src/core/case-hits.ts): the case forms a
// rule's every match holds, proved from its pattern (and checked against V8 on texts it matches), and
// the detector's findings with and without the check on generated texts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { caseCheck, ruleCaseCheck } from '../../src/core/case-hits.ts';
import { caseForms } from '../../src/rules/case-forms.ts';
import { detectFragment, type RuleRun, type RuleSet } from '../../src/core/detect.ts';
import { builtinRuleSpecs } from '../../src/data/builtin.ts';
import { compileRuleSet } from '../../src/rules/ruleset.ts';
import { exampleText, expandExample, rng } from '../../src/rules/examples.ts';

interface Case {
  name: string;
  pattern: string;
  flags?: string;
  keywords: string[];
  forms: string[] | undefined;
  /** Texts the pattern matches: each holds one of `forms` when proved. */
  matches: string[];
}

const CASES: Case[] = [
  { name: 'upper-case names', pattern: '[A-Z_]{0,20}(?:_KEY|TOKEN)=(\\w+)', keywords: ['key', 'token'], forms: ['KEY', 'TOKEN'], matches: ['API_KEY=x', 'TOKEN=y'] },
  { name: 'lower-case names', pattern: '(?:api_key|token)\\s*=\\s*(\\w+)', keywords: ['api_key', 'token'], forms: ['api_key', 'token'], matches: ['api_key = x'] },
  { name: 'a name in either case', pattern: '(?:KEY|key)=(\\w+)', keywords: ['key'], forms: ['KEY', 'key'], matches: ['KEY=x', 'key=x'] },
  { name: 'a class of both cases for the first letter', pattern: '[Kk]ey=(\\w+)', keywords: ['key'], forms: ['KEY', 'key', 'Key'], matches: ['Key=x', 'key=x'] },
  { name: 'one letter of either case inside the keyword', pattern: 'k[Ee]y=(\\w+)', keywords: ['key'], forms: undefined, matches: ['kEy=x'] },
  { name: 'the i flag folds every letter', pattern: 'KEY=(\\w+)', flags: 'i', keywords: ['key'], forms: undefined, matches: ['key=x'] },
  { name: 'a modifier group folds its letters', pattern: '(?i:KEY)=(\\w+)', keywords: ['key'], forms: undefined, matches: ['key=x'] },
  { name: 'a keyword the match need not hold', pattern: '(?:KEY)?=(\\w+)', keywords: ['key'], forms: undefined, matches: ['=x'] },
];

const holdsForm = (forms: readonly string[], text: string): boolean => forms.some((f) => text.includes(f));

describe('caseForms', () => {
  for (const c of CASES) {
    it(c.name, () => {
      assert.deepEqual(caseForms(c.pattern, c.flags ?? '', c.keywords), c.forms);
      const re = new RegExp(c.pattern, c.flags ?? '');
      for (const m of c.matches) {
        assert.ok(re.test(m), `the pattern matches ${m}`);
        if (c.forms) assert.ok(holdsForm(c.forms, m), `${m} holds one of ${c.forms.join(',')}`);
      }
      // Not proved: some listed match holds no upper-case form (what a proof of upper case would claim).
      if (!c.forms) assert.ok(c.matches.some((m) => !holdsForm(c.keywords.map((k) => k.toUpperCase()), m)));
    });
  }

  it('holds on every example match of the built-in rules it proves', () => {
    const ruleSet = compileRuleSet(builtinRuleSpecs());
    let checked = 0;
    for (const rule of ruleSet.rules) {
      const forms = caseForms(rule.regex.source, rule.regex.flags, rule.keywords);
      if (!forms) continue;
      const re = new RegExp(rule.regex.source, rule.regex.flags.replace('y', ''));
      for (const [i, e] of rule.spec.examples.entries()) {
        const text = expandExample(exampleText(e), `${rule.id}:${i}`);
        for (const m of text.matchAll(new RegExp(re.source, `${re.flags.replace('g', '')}g`))) {
          checked++;
          // A keyword read in a lookaround (blynk's `(?=…blynk\.cloud/api/)`) lies outside m[0].
          assert.ok(holdsForm(forms, m[0]) || (/\(\?<?=/.test(rule.regex.source) && holdsForm(forms, text)), `${rule.id}: a match holds one of ${forms.slice(0, 5).join(',')}`);
        }
      }
    }
    assert.ok(checked > 100, `${checked} example matches checked`);
  });
});

describe('caseCheck', () => {
  it('is true exactly where a form starts', () => {
    const check = caseCheck(['KEY', 'TOKEN', 'KEYS']);
    const text = 'key KEY Key TOKEN token KEYS';
    const at = [...text].map((_, i) => i).filter((i) => check(text, i));
    assert.deepEqual(at, [4, 12, 24]);
    assert.equal(check(text, text.length), false);
  });
});

describe('the detector with the case check', () => {
  const base = compileRuleSet(builtinRuleSpecs());
  const ids = ['env-secret-assignment', 'env-name-value-secret', 'password-env-prefix'];
  for (const id of ids) assert.ok(base.rules.some((r) => r.id === id), id);

  it('proves the env rules upper case', () => {
    for (const id of ids) assert.ok(ruleCaseCheck(base.rules.find((r) => r.id === id)!), id);
  });

  it('finds the same as without it on generated texts, running fewer regions', () => {
    const rand = rng('case-hits');
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
    const alnum = (n: number): string => Array.from({ length: n }, () => pick([...'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ0123456789'])).join('');
    const name = (): string => pick(['', 'PAYMENTS_', 'DB_', 'x_', 'My', 'app.']) + pick(['KEY', 'key', 'Key', 'API_KEY', 'api_key', 'TOKEN', 'token', 'SECRET', 'Secret', 'PASSWORD', 'passwd', 'PGPASSWORD', 'ACCESS_KEY']) + pick(['', '_ID', '_V2', 's']);
    const line = (): string =>
      pick([
        () => `${pick(['', 'export ', 'ENV ', '  - '])}${name()}${pick(['=', ' = ', ': '])}${pick(['', '"', "'"])}${alnum(8 + Math.floor(rand() * 30))}${pick(['', '"'])}${pick(['', ' # note'])}`,
        () => `  if (key && !strcmp(key, "${name()}")) return token;`,
        () => `x${' key'.repeat(Math.floor(rand() * 3000))} ${name()}=${alnum(20)}`,
        () => `${'y'.repeat(Math.floor(rand() * 6000))}\n${name()}=${alnum(24)}`,
        () => '',
      ])();
    const runs = { with: 0, without: 0 };
    const clocked = (counter: 'with' | 'without'): RuleSet['clock'] => ({ ran: (r: RuleRun) => void (runs[counter] += r.regions.length) });
    const withCheck: RuleSet = { ...base, clock: clocked('with') };
    const without: RuleSet = { ...base, noCaseCheck: true, clock: clocked('without') };
    let found = 0;
    for (let round = 0; round < 100; round++) {
      const text = Array.from({ length: 1 + Math.floor(rand() * 25) }, line).join(pick(['\n', '\r\n']));
      const path = pick(['.env', 'src/config.c', 'Dockerfile']);
      const skipsA = {};
      const skipsB = {};
      const a = detectFragment({ text, path }, withCheck, skipsA);
      const b = detectFragment({ text, path }, without, skipsB);
      assert.deepEqual(a, b, `round ${round}`);
      assert.deepEqual(skipsA, skipsB, `round ${round}: skip counts`);
      found += a.filter((m) => ids.includes(m.ruleId)).length;
    }
    assert.ok(found > 20, `${found} findings of the env rules`);
    assert.ok(runs.with < runs.without, `regions run: ${runs.with} with the check, ${runs.without} without`);
  });
});
