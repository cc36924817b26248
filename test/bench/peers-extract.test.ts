// eval:peers extractors: the Go subset evaluator, the regex materialiser, Nosey Parker's YAML and
// the doubtful-label judgement. Fixtures are tiny synthetic checkouts built in a temp dir.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Case } from '../../bench/peers/case.ts';
import { doubtfulNegative, doubtfulPositive } from '../../bench/peers/doubt.ts';
import { extractGoRules } from '../../bench/peers/go-extract.ts';
import { tokenize } from '../../bench/peers/go-tokens.ts';
import { extractNoseyParker, jsRegex } from '../../bench/peers/np-extract.ts';
import { generateFromRegex, rng } from '../../bench/peers/regex-gen.ts';
import { shape } from '../../bench/peers/report.ts';

const root = mkdtempSync(join(tmpdir(), 'kw-peers-test-'));
after(() => rmSync(root, { recursive: true, force: true }));

const GENERATE_GO = `package utils
func GenerateSampleSecret(identifier string, secret string) string {
	return fmt.Sprintf("%s_api_token = \\"%s\\"", identifier, secret)
}
func GenerateSampleSecrets(identifier string, secret string) []string {
	samples := map[string]string{
		"ini": "{i}Token={s}",
		// a comment
		"json": "{\\n    \\"{i}_token\\": \\"{s}\\"\\n}",
		"env": \`{I}_TOKEN={s}\`,
	}
	return nil
}
`;

const RULES_GO = `package rules
var shared = "zz" + "top"
func Widget() *config.Rule {
	r := config.Rule{
		RuleID: "widget-token",
		Regex:  utils.GenerateUniqueTokenRegex(\`wdg_[a-z0-9]{8}\`, false),
	}
	tps := utils.GenerateSampleSecrets("widget", "wdg_"+secrets.NewSecret(utils.AlphaNumeric("8")))
	tps = append(tps, \`plain = "wdg_\` + shared + \`"\`, fmt.Sprintf("k=%s", "v"))
	tps = append(tps, unknownHelper())
	fps := []string{
		"wdg_short",
		notDefined,
	}
	return utils.Validate(r, tps, fps)
}
func WidgetPaths() *config.Rule {
	r := config.Rule{RuleID: "widget-file"}
	tps := map[string]string{".widgetrc": "token=abc"}
	return utils.ValidateWithPaths(r, tps, nil)
}
`;

function goCheckout(): string {
  const dir = join(root, 'go');
  mkdirSync(join(dir, 'cmd/generate/config/utils'), { recursive: true });
  mkdirSync(join(dir, 'cmd/generate/config/rules'), { recursive: true });
  writeFileSync(join(dir, 'cmd/generate/config/utils/generate.go'), GENERATE_GO);
  writeFileSync(join(dir, 'cmd/generate/config/rules/widget.go'), RULES_GO);
  return dir;
}

describe('tokenize', () => {
  it('decodes interpreted and raw strings and inserts semicolons at line ends', () => {
    const toks = tokenize('x := "a\\tb\\x41"\ny := `r\\n`\n');
    assert.deepEqual(toks.map((t) => t.value), ['x', ':=', 'a\tbA', ';', 'y', ':=', 'r\\n', ';']);
  });
});

describe('generateFromRegex', () => {
  it('honours classes, counts, alternation and escapes', () => {
    const rand = rng(7);
    for (let k = 0; k < 50; k++) {
      const s = generateFromRegex('\\b(?:ab|cd)_[A-F0-9]{6}\\.[\\w-]{2,4}x?', rand);
      assert.match(s, /^(?:ab|cd)_[A-F0-9]{6}\.[\w-]{2,4}x?$/);
    }
  });
  it('throws on syntax it does not support', () => {
    assert.throws(() => generateFromRegex('a\\pL', rng(1)));
  });
});

describe('extractGoRules', () => {
  it('expands sample templates, concatenations, appends and path maps, and counts what it cannot evaluate', () => {
    const e = extractGoRules(goCheckout(), 'gl');
    const tps = e.cases.filter((c) => c.rule === 'widget-token' && c.label === 'positive');
    assert.equal(tps.length, 5);
    assert.ok(tps.some((c) => /^widgetToken=wdg_[a-z0-9]{8}$/.test(c.text)));
    assert.ok(tps.some((c) => /^WIDGET_TOKEN=wdg_/.test(c.text)));
    assert.ok(tps.some((c) => c.text === 'plain = "wdg_zztop"'));
    assert.ok(tps.some((c) => c.text === 'k=v'));
    assert.deepEqual(e.cases.filter((c) => c.label === 'negative').map((c) => c.text), ['wdg_short']);
    const file = e.cases.find((c) => c.rule === 'widget-file');
    assert.equal(file?.path, '.widgetrc');
    assert.equal(file?.provider, 'widget');
    assert.equal([...e.skipped.values()].reduce((a, b) => a + b, 0), 2);
  });
});

const ALLOWLIST_GO = `package rules
func Gadget() *config.Rule {
	r := config.Rule{
		RuleID: "gadget-key",
		Allowlists: []*config.Allowlist{
			{Regexes: []*regexp.Regexp{regexp.MustCompile(\`GDG1publishedSampleKey0\`), regexp.MustCompile(\`gdg_[a-z]+\`)}},
		},
	}
	fps := []string{"GDG1publishedSampleKey0", "GDG1otherValueNotListed", "GDG2filteredSampleKey00"}
	return utils.Validate(r, nil, fps)
}
func Gizmo() *config.Rule {
	r := config.Rule{
		RuleID: "gizmo-key",
		Filter: "matchesAny(finding[\\"secret\\"], [\\n  \`GDG2filteredSampleKey00\`\\n])",
	}
	fps := []string{"key = GDG2filteredSampleKey00", "GDG1publishedSampleKey0"}
	return utils.Validate(r, nil, fps)
}
`;

describe('extractGoRules: values the peer rejects one by one', () => {
  it('marks negatives holding a literal of the rule\'s own Allowlists or Filter, and only those', () => {
    const dir = join(root, 'go-allow');
    mkdirSync(join(dir, 'cmd/generate/config/utils'), { recursive: true });
    mkdirSync(join(dir, 'cmd/generate/config/rules'), { recursive: true });
    writeFileSync(join(dir, 'cmd/generate/config/utils/generate.go'), GENERATE_GO);
    writeFileSync(join(dir, 'cmd/generate/config/rules/gadget.go'), ALLOWLIST_GO);
    const listed = extractGoRules(dir, 'gl').cases.map((c) => `${c.rule}:${c.text}:${c.valueAllowlisted === true}`);
    assert.deepEqual(listed, [
      'gadget-key:GDG1publishedSampleKey0:true',
      'gadget-key:GDG1otherValueNotListed:false',
      'gadget-key:GDG2filteredSampleKey00:false',
      'gizmo-key:key = GDG2filteredSampleKey00:true',
      'gizmo-key:GDG1publishedSampleKey0:false',
    ]);
  });
});

const STOPWORDS_GO = `package rules
var DefaultStopWords = []string{"about", "abcdefghijklmnopqrstuvwxyz", "0f9e8d7c6b5a43210f9e8d7c6b5a4321"}
func Generic() *config.Rule {
	r := config.Rule{RuleID: "generic-api-key"}
	allowList := &config.Allowlist{StopWords: DefaultStopWords}
	fps := []string{\`apiKey:"0f9e8d7c6b5a43210f9e8d7c6b5a4321"\`, \`apiKey:"abcdefghijklmnopqrstuvwxyz"\`} // keywarden:allow (a peer negative in Go source)
	return utils.Validate(r, nil, fps)
}
`;

describe('extractGoRules: a value among the stop words', () => {
  it('marks a negative holding a long token of DefaultStopWords, for a rule that uses the list; words are not values', () => {
    const dir = join(root, 'go-stop');
    mkdirSync(join(dir, 'cmd/generate/config/utils'), { recursive: true });
    mkdirSync(join(dir, 'cmd/generate/config/rules'), { recursive: true });
    writeFileSync(join(dir, 'cmd/generate/config/utils/generate.go'), GENERATE_GO);
    writeFileSync(join(dir, 'cmd/generate/config/rules/generic.go'), STOPWORDS_GO);
    const cases = extractGoRules(dir, 'gl').cases;
    assert.deepEqual(cases.map((c) => c.valueAllowlisted === true), [true, false]);
  });
});

const MISSED_GO = `package rules
func Gauge() *config.Rule {
	r := config.Rule{RuleID: "gauge-key"}
	fps := []string{
		// False Negative
		\`init(token: GAU0missedByTheRule)\`,
		"GAU0plainNegative",
	}
	return utils.Validate(r, nil, fps)
}
`;

describe('extractGoRules: negatives the peer calls false negatives', () => {
  it('marks the literal right after a `// False Negative` comment, and only it', () => {
    const dir = join(root, 'go-missed');
    mkdirSync(join(dir, 'cmd/generate/config/utils'), { recursive: true });
    mkdirSync(join(dir, 'cmd/generate/config/rules'), { recursive: true });
    writeFileSync(join(dir, 'cmd/generate/config/utils/generate.go'), GENERATE_GO);
    writeFileSync(join(dir, 'cmd/generate/config/rules/gauge.go'), MISSED_GO);
    const cases = extractGoRules(dir, 'gl').cases;
    assert.deepEqual(cases.map((c) => `${c.text}:${c.peerMisses === true}`), ['init(token: GAU0missedByTheRule):true', 'GAU0plainNegative:false']);
    assert.match(doubtfulNegative(cases[0]!, []) ?? '', /false negative/);
    assert.equal(doubtfulNegative(cases[1]!, [{ ruleId: 'generic-token', generic: true }]), undefined);
  });
});

describe('extractNoseyParker', () => {
  it('reads examples and negative_examples of every rule', () => {
    const dir = join(root, 'np');
    const rules = join(dir, 'crates/noseyparker/data/default/builtin/rules');
    mkdirSync(rules, { recursive: true });
    writeFileSync(join(rules, 'widget.yml'), 'rules:\n- name: Widget\n  id: np.widget.1\n  examples:\n  - "a"\n  - |\n    b\n  negative_examples:\n  - "c"\n');
    const e = extractNoseyParker(dir);
    assert.deepEqual(e.cases.map((c) => [c.label, c.text, c.provider]), [['positive', 'a', 'widget'], ['positive', 'b\n', 'widget'], ['negative', 'c', 'widget']]);
  });
  it('marks a negative that another rule for the same credential type matches (the peer reports it)', () => {
    const dir = join(root, 'np-siblings');
    const rules = join(dir, 'crates/noseyparker/data/default/builtin/rules');
    mkdirSync(rules, { recursive: true });
    const yml = [
      'rules:',
      '- name: Widget Key',
      '  id: np.widget.1',
      '  pattern: |',
      '    (?x)(?i)',
      '    \\b ([a-f0-9]{8} wdg)  # the suffixed format',
      '    \\b',
      '  negative_examples: ["key: 0123abcd"]',
      '- name: Widget Key',
      '  id: np.widget.2',
      '  pattern: \'key:\\s*([a-f0-9]{8})\\b\'',
      '  negative_examples: ["key: 0123ABCDWDG", "key: zz"]',
      '- name: Gadget Key',
      '  id: np.gadget.1',
      '  pattern: \'([a-f0-9]{8}WDG)\'',
      '  negative_examples: ["0123abcdwdg"]',
    ].join('\n');
    writeFileSync(join(rules, 'widget.yml'), `${yml}\n`);
    const e = extractNoseyParker(dir);
    assert.deepEqual(e.cases.map((c) => [c.id, c.peerSibling]), [
      ['noseyparker/widget/np.widget.1/fp0', 'np.widget.2'],
      ['noseyparker/widget/np.widget.2/fp0', 'np.widget.1'],
      ['noseyparker/widget/np.widget.2/fp1', undefined],
      ['noseyparker/widget/np.gadget.1/fp0', undefined],
    ]);
    assert.match(doubtfulNegative(e.cases[1]!, [{ ruleId: 'widget-key', generic: false }]) ?? '', /same credential type \(np\.widget\.1\)/);
  });
});

describe('jsRegex', () => {
  it('translates extended mode and leading flags; leaves out what it cannot translate', () => {
    assert.equal(jsRegex('(?x)(?i) a \\  b [ #]  # comment\n c')?.source, 'a b[ #]c');
    assert.equal(jsRegex('(?i)abc')?.flags, 'i');
    assert.equal(jsRegex('[[:alnum:]]{8}'), undefined);
    assert.equal(jsRegex('(?P<x>a)'), undefined);
    assert.equal(jsRegex(undefined), undefined);
  });
});

describe('doubtfulPositive', () => {
  const c = (rule: string, text: string): Case => ({ source: 's', provider: 'p', rule, label: 'positive', text, id: 'x' });
  it('marks placeholders and identifier-only rules, not credentials', () => {
    assert.match(doubtfulPositive(c('x-token', 'TOKEN=EXAMPLEKEY')) ?? '', /placeholder/);
    assert.match(doubtfulPositive(c('acme-client-id', 'id=q8f7a6')) ?? '', /identifier/);
    assert.equal(doubtfulPositive(c('np.generic.3 Generic Username and Password', 'u:p')), undefined);
    assert.equal(doubtfulPositive(c('slack-webhook-url', 'x')), undefined);
    assert.equal(doubtfulPositive(c('x-token', '<widgetToken>\n q8f7a6\n</widgetToken>')), undefined);
  });
});

describe('shape', () => {
  it('keeps the format and cuts long values', () => {
    assert.equal(shape('key: "abcdefghijklmnopq"\nnext'), 'key: "abcd…(17)"⏎next');
  });
});

describe('doubtfulNegative', () => {
  const c = (provider: string, rule: string): Case => ({ source: 's', provider, rule, label: 'negative', text: 'x', id: 'x' });
  it('doubts a negative flagged only as another credential type of the same provider', () => {
    assert.match(doubtfulNegative(c('slack', 'np.slack.2 Slack Bot Token'), [{ ruleId: 'slack-user-token', generic: false }]) ?? '', /same provider/);
    assert.equal(doubtfulNegative(c('gcp', 'gcp-api-key'), [{ ruleId: 'gcp-api-key', generic: false }]), undefined);
    assert.equal(doubtfulNegative(c('slack', 'slack-bot-token'), [{ ruleId: 'generic-token', generic: true }]), undefined);
    assert.equal(doubtfulNegative(c('stripe', 'stripe-access-token'), []), undefined);
  });
  it("doubts a negative flagged only by the rule of another provider that the text names", () => {
    const named = { ...c('stripe', 'stripe-access-token'), text: 'HIGHNOTE_API_KEY="sk_live_…"' };
    assert.match(doubtfulNegative(named, [{ ruleId: 'highnote-secret-key', generic: false }]) ?? '', /another provider/);
    assert.equal(doubtfulNegative({ ...named, text: 'STRIPE_KEY="sk_live_…"' }, [{ ruleId: 'highnote-secret-key', generic: false }]), undefined);
    assert.equal(doubtfulNegative(named, [{ ruleId: 'highnote-secret-key', generic: false }, { ruleId: 'generic-token', generic: true }]), undefined);
  });
  it("doubts a provider format among a generic rule's negatives, not a generic finding there", () => {
    assert.match(doubtfulNegative(c('generic', 'np.generic.1 Generic Secret'), [{ ruleId: 'azure-entra-client-secret', generic: false }]) ?? '', /generic rule's negatives/);
    assert.equal(doubtfulNegative(c('generic', 'np.generic.1 Generic Secret'), [{ ruleId: 'generic-secret', generic: true }]), undefined);
  });
  it('doubts a negative the peer allowlists by value, flagged or not', () => {
    const listed = { ...c('gcp', 'gcp-api-key'), valueAllowlisted: true };
    assert.match(doubtfulNegative(listed, [{ ruleId: 'gcp-api-key', generic: false }]) ?? '', /allowlists this exact value/);
    assert.match(doubtfulNegative(listed, []) ?? '', /allowlists this exact value/);
  });
});
