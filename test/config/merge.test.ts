// Resolving a configuration against built-in rules and command-line settings.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RuleSpec } from '../../src/core/types.ts';
import { parseConfig } from '../../src/config/load.ts';
import { resolveConfig, toBytes } from '../../src/config/merge.ts';
import { ConfigError } from '../../src/config/errors.ts';
import type { SourcedRuleSpec } from '../../src/rules/load.ts';
import { defaultSettings, DEFAULT_MAX_FILE_SIZE, type ScanSettings } from '../../src/settings.ts';

const spec = (id: string, extra: Partial<RuleSpec> = {}): RuleSpec => ({
  id,
  name: id,
  pattern: `${id}_([a-z]{8})`,
  keywords: [id],
  severity: 'high',
  playbook: 'generic-api-token',
  examples: ['x'],
  negativeExamples: ['y'],
  ...extra,
});
const builtins = (): SourcedRuleSpec[] => [
  { spec: spec('alpha', { allowlist: { stopwords: ['own'] } }), source: 'rules/a.yaml' },
  { spec: spec('beta', { enabled: false }), source: 'rules/b.yaml' },
];
const settings = (extra: Partial<ScanSettings> = {}): ScanSettings => ({ ...defaultSettings('/repo'), ...extra });
const load = (text: string) => parseConfig(text, '.keywarden.yml');
const ruleYaml = "rules:\n  - {id: gamma, name: G, pattern: 'g_([a-z]{8})', keywords: [g_], severity: low, playbook: generic-api-token, examples: [g_abcdefgh], negativeExamples: [g_]}\n";

describe('resolveConfig', () => {
  it('without a configuration: the built-in rules and the command-line lists', () => {
    const r = resolveConfig(undefined, settings({ enableRules: ['beta'] }), builtins);
    assert.deepEqual(r.specs.map((s) => s.spec.id), ['alpha', 'beta']);
    assert.deepEqual(r.enable, ['beta']);
    assert.equal(r.maxFileSize, DEFAULT_MAX_FILE_SIZE);
  });

  it('extends: default adds custom rules after the built-ins; extends: none keeps only them', () => {
    assert.deepEqual(resolveConfig(load(ruleYaml), settings(), builtins).specs.map((s) => s.spec.id), ['alpha', 'beta', 'gamma']);
    assert.deepEqual(resolveConfig(load(`extends: none\n${ruleYaml}`), settings(), builtins).specs.map((s) => s.spec.id), ['gamma']);
  });

  it('a custom rule is sourced with the file and line', () => {
    const r = resolveConfig(load(`# comment\n${ruleYaml}`), settings(), builtins);
    assert.equal(r.specs[2]?.source, '.keywarden.yml:3');
  });

  it('disable and enable lists merge with the command line, which wins', () => {
    const r = resolveConfig(load('disable: [alpha]\nenable: [beta]\n'), settings({ enableRules: ['alpha'], disableRules: ['beta'] }), builtins);
    assert.deepEqual(r.disable, ['beta']);
    assert.deepEqual(r.enable, ['alpha']);
  });

  it('an unknown rule id is an error naming the key and line', () => {
    assert.throws(() => resolveConfig(load('disable:\n  - alpha\n  - alhpa\n'), settings(), builtins), (e: Error) => e instanceof ConfigError && /^\.keywarden\.yml:3: disable\[1\]: unknown rule id "alhpa"/.test(e.message));
    assert.throws(() => resolveConfig(load('ruleAllowlists:\n  nope: {stopwords: [x]}\n'), settings(), builtins), /\.keywarden\.yml:2: ruleAllowlists\.nope: unknown rule id "nope"/);
  });

  it('per-rule allowlists are appended to the rule\'s own; the global allowlist goes into every rule', () => {
    const r = resolveConfig(load('ruleAllowlists:\n  alpha: {stopwords: [extra], regexes: ["^x"]}\nallowlist: {paths: ["vendor/**"], stopwords: [dummy]}\n'), settings(), builtins);
    assert.deepEqual(r.specs[0]?.spec.allowlist, { regexes: ['^x'], stopwords: ['own', 'extra', 'dummy'] });
    assert.deepEqual(r.specs[1]?.spec.allowlist, { stopwords: ['dummy'] });
    assert.deepEqual(r.excludePaths, ['vendor/**']);
    assert.deepEqual(builtins()[0]?.spec.allowlist, { stopwords: ['own'] }, 'built-in specs are not mutated');
  });

  it('thresholds and the size limit come from the file unless given on the command line', () => {
    const cfg = load('minSeverity: high\nminConfidence: medium\nmaxFileSize: 1MB\n');
    const fromFile = resolveConfig(cfg, settings(), builtins);
    assert.equal(fromFile.minSeverity, 'high');
    assert.equal(fromFile.minConfidence, 'medium');
    assert.equal(fromFile.maxFileSize, 1024 * 1024);
    const fromCli = resolveConfig(cfg, settings({ minSeverity: 'low', maxFileSize: 2048 }), builtins);
    assert.equal(fromCli.minSeverity, 'low');
    assert.equal(fromCli.maxFileSize, 2048);
  });

  it('sizes: bytes, KB, MB, GB, decimals', () => {
    assert.deepEqual([toBytes(512), toBytes('512KB'), toBytes('2MB'), toBytes('1.5g'), toBytes('100 kib')], [512, 512 * 1024, 2 * 1024 ** 2, 1.5 * 1024 ** 3, 100 * 1024]);
  });
});
