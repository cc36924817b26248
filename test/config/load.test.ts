// .keywarden.yml loading: schema errors name key and line, rule problems name the rule, unsafe
// regexes are rejected with a message that says what to change.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import AjvModule from 'ajv';
import configSchema from '../../schema/config.schema.json' with { type: 'json' };
import rulesSchema from '../../schema/rules.schema.json' with { type: 'json' };
import { ConfigError } from '../../src/config/errors.ts';
import { findConfigFile, loadConfigFile, parseConfig } from '../../src/config/load.ts';
import { checkUserRegexes } from '../../src/rules/safety/user-regexes.ts';

const Ajv = AjvModule.default;

/** A valid custom rule as YAML lines (indented for a `rules:` list), with one field replaced. */
function ruleYaml(overrides: Record<string, string> = {}): string {
  const fields: Record<string, string> = {
    id: 'acme-token',
    name: 'ACME token',
    pattern: String.raw`'\b(acme_[a-z0-9]{24})\b'`,
    keywords: '[acme_]',
    severity: 'high',
    playbook: 'generic-api-token',
    examples: "['k = acme_{{gen:lowernum:24}}']",
    negativeExamples: "['k = acme_short']",
    ...overrides,
  };
  return Object.entries(fields)
    .map(([k, v], i) => `${i === 0 ? '  - ' : '    '}${k}: ${v}`)
    .join('\n');
}

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof ConfigError, `expected a ConfigError, got ${(e as Error).name}: ${(e as Error).message}`);
    return e;
  }
  assert.fail('expected an error');
}

async function asyncErrorOf(p: Promise<unknown>): Promise<ConfigError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof ConfigError, `expected a ConfigError, got ${(e as Error).message}`);
    return e;
  }
  assert.fail('expected an error');
}

describe('configuration schema', () => {
  it('the shipped schemas are valid draft-07 schemas (the loader skips that check at run time)', () => {
    const ajv = new Ajv({ strict: false });
    assert.ok(ajv.validateSchema(rulesSchema), ajv.errorsText());
    assert.ok(ajv.validateSchema(configSchema), ajv.errorsText());
    ajv.addSchema(rulesSchema);
    assert.equal(typeof ajv.compile(configSchema), 'function');
  });

  it('accepts a full configuration', () => {
    const text = ['extends: default', 'disable: [generic-password]', 'enable: []', 'allowlist:', '  paths: ["test/**"]', '  stopwords: [dummy]', 'ruleAllowlists:', '  github-pat:', '    regexes: ["^ghp_0+"]', 'minSeverity: medium', 'minConfidence: low', 'maxFileSize: 2MB', 'rules:', ruleYaml()].join('\n');
    const loaded = parseConfig(text, '.keywarden.yml');
    assert.equal(loaded.config.rules?.[0]?.id, 'acme-token');
    assert.equal(loaded.lineOf('/rules/0/pattern'), 16);
  });

  it('accepts an empty file', () => {
    assert.deepEqual(parseConfig('', '.keywarden.yml').config, {});
  });

  const cases: { name: string; text: string; message: RegExp }[] = [
    { name: 'a wrong enum value names the key, the line and the allowed values', text: 'extends: default\nminSeverity: urgent\n', message: /^\.keywarden\.yml:2: minSeverity must be equal to one of the allowed values \(critical, high, medium, low\)/ },
    { name: 'an unknown top-level key is named, on its own line', text: 'extends: default\n\ndisabled: [x]\n', message: /^\.keywarden\.yml:3: \(root\) must NOT have additional properties "disabled"/ },
    { name: 'a bad field inside a custom rule is located by rule index and line', text: `rules:\n${ruleYaml({ severity: 'severe' })}\n`, message: /^\.keywarden\.yml:6: rules\[0\]\.severity must be equal to one of the allowed values/ },
    { name: 'a missing required rule field is named', text: 'rules:\n  - id: x\n    name: X\n', message: /^\.keywarden\.yml:2: rules\[0\] must have required property 'pattern'/ },
    { name: 'a badly formed size is named', text: 'maxFileSize: lots\n', message: /^\.keywarden\.yml:1: maxFileSize must match pattern/ },
    { name: 'a per-rule allowlist with an unknown key is named', text: 'ruleAllowlists:\n  github-pat:\n    path: [x]\n', message: /^\.keywarden\.yml:3: ruleAllowlists\.github-pat must NOT have additional properties "path"/ },
    { name: 'a misspelt key is named with the nearest known one', text: 'allowlist:\n  pathz: [x]\n', message: /^\.keywarden\.yml:2: allowlist must NOT have additional properties "pathz" \(did you mean paths\?\)/ },
    { name: 'a misspelt rule field is named with the nearest known one', text: `rules:\n${ruleYaml({}).replace('pattern:', 'patern:')}\n`, message: /rules\[0\] must NOT have additional properties "patern" \(did you mean pattern\?\)/ },
    { name: 'a YAML syntax error has a line', text: 'disable: [a\nenable: b\n', message: /^\.keywarden\.yml:2: YAML syntax error/ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.match(errorOf(() => parseConfig(c.text, '.keywarden.yml')).message, c.message);
    });
  }
});

describe('custom rules and user regexes', () => {
  const check = (text: string): Promise<void> => checkUserRegexes(parseConfig(text, '.keywarden.yml'), { probe: false });

  it('a pattern with two capture groups names the rule and its line', async () => {
    const e = await asyncErrorOf(check(`extends: none\nrules:\n${ruleYaml({ pattern: "'(acme)_([a-z0-9]{24})'" })}\n`));
    assert.match(e.message, /rule acme-token \(\.keywarden\.yml:3\): pattern must have exactly one capture group \(the secret\), found 2/);
  });

  it('an invalid allowlist regex names the key and line', async () => {
    const e = await asyncErrorOf(check('allowlist:\n  regexes:\n    - "ok"\n    - "(unclosed"\n'));
    assert.match(e.message, /^\.keywarden\.yml:4: allowlist\.regexes\[1\] is not a valid regex/);
  });

  it('a catastrophic custom pattern is rejected, naming the rule, the line and the construct', async () => {
    const e = await asyncErrorOf(check(`rules:\n${ruleYaml({ pattern: String.raw`'acme_((?:\w+\s?)+)!'` })}\n`));
    assert.match(e.message, /^\.keywarden\.yml:4: rule acme-token: pattern is unsafe: nested quantifier: \\w\+ inside the repeated \(\?:\\w\+\\s\?\)\+/);
    assert.match(e.message, /exponentially many ways/);
  });

  it('a catastrophic per-rule allowlist regex is rejected too', async () => {
    const e = await asyncErrorOf(check('ruleAllowlists:\n  github-pat:\n    matchRegexes: ["(x|x)*y"]\n'));
    assert.match(e.message, /^\.keywarden\.yml:3: ruleAllowlists\.github-pat\.matchRegexes\[0\] is unsafe: overlapping alternation/);
  });

  it('the runtime probe rejects what the static check lets through, with the rule and line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kw-cfg-'));
    writeFileSync(join(dir, '.keywarden.yml'), `rules:\n${ruleYaml({ pattern: String.raw`'acme_(\w*\w*\w*\w*\w*)!'` })}\n`);
    const e = await asyncErrorOf(loadConfigFile(join(dir, '.keywarden.yml'), dir));
    assert.match(e.message, /^\.keywarden\.yml:4: rule acme-token: pattern did not finish within \d+ ms on .* repeated to 1024 characters/);
  });

  it('finds .keywarden.yml, then .keywarden.yaml, at the root', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kw-cfg-'));
    assert.equal(findConfigFile(dir), undefined);
    writeFileSync(join(dir, '.keywarden.yaml'), '{}\n');
    assert.equal(findConfigFile(dir), join(dir, '.keywarden.yaml'));
    writeFileSync(join(dir, '.keywarden.yml'), '{}\n');
    assert.equal(findConfigFile(dir), join(dir, '.keywarden.yml'));
  });
});
