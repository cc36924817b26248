// Renderers: terminal text for one playbook and the incident Markdown for a set of findings, checked
// against golden files (UPDATE_GOLDEN=1 rewrites them), and never showing a raw secret.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { builtinPlaybooks } from '../../src/data/builtin.ts';
import { incidentMarker, incidentTitle, parseIncidentMarker, renderIncidentMarkdown } from '../../src/playbook/incident.ts';
import { codeSpan, escapeText, linkList } from '../../src/playbook/markdown.ts';
import { renderPlaybookList, renderPlaybookText } from '../../src/playbook/render.ts';
import { gen } from '../helpers/secrets.ts';
import { at, sampleSecrets, secret, SECRETS } from './fixtures.ts';

const set = builtinPlaybooks();
const aws = set.playbooks.find((p) => p.id === 'aws');
assert.ok(aws);

/** Compares `actual` with `test/golden/<name>`; UPDATE_GOLDEN=1 writes the file instead. */
function assertGolden(name: string, actual: string): void {
  const file = new URL(`../golden/${name}`, import.meta.url);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, actual);
  assert.ok(existsSync(file), `missing golden file test/golden/${name}: run with UPDATE_GOLDEN=1`);
  assert.equal(actual, readFileSync(file, 'utf8'), `output differs from test/golden/${name} (UPDATE_GOLDEN=1 rewrites it)`);
}

function assertNoSecrets(text: string): void {
  for (const [name, secret] of Object.entries(SECRETS)) assert.ok(!text.includes(secret), `raw ${name} secret in output`);
}

describe('renderPlaybookText', () => {
  it('orders a playbook along the timeline and matches the golden file', () => {
    const text = renderPlaybookText(aws, set.common);
    assertGolden('playbook-aws.txt', text);
    const order = ['WITHIN MINUTES', '  Revoke', '  Rotate (two-keys)', '  Verify', 'WITHIN THE HOUR', '  Audit', '  Assess and tell', 'WITHIN THE DAY', '  Measure the exposure', '  Clean the history', '  Record and notify', 'REFERENCES'];
    const at = order.map((h) => text.indexOf(`\n${h}`));
    assert.ok(at.every((i) => i > 0), `missing heading in ${JSON.stringify(at)}`);
    assert.deepEqual([...at].sort((a, b) => a - b), at);
  });

  it('puts provider history notes before the common history steps', () => {
    const github = set.playbooks.find((p) => p.id === 'github');
    assert.ok(github?.history);
    const text = renderPlaybookText(github, set.common);
    assert.ok(text.indexOf(github.history[0] ?? '-') < text.indexOf(set.common.history[0] ?? '-'));
  });

  it('colours headings and code spans only when asked', () => {
    assert.doesNotMatch(renderPlaybookText(aws, set.common), /\x1b\[/);
    const coloured = renderPlaybookText(aws, set.common, { color: true });
    assert.match(coloured, /\x1b\[1mWITHIN MINUTES\x1b\[22m/);
    assert.match(coloured, /\x1b\[36maws iam update-access-key/);
  });

  it('lists one aligned line per playbook', () => {
    const lines = renderPlaybookList(set.playbooks).trimEnd().split('\n');
    assert.equal(lines.length, set.playbooks.length);
    assert.match(lines.find((l) => l.startsWith('aws ')) ?? '', /^aws +AWS access key \(Amazon Web Services\)$/);
    const column = Math.max(...set.playbooks.map((p) => p.id.length)) + 2;
    assert.ok(lines.every((l) => l[column - 1] === ' ' && l[column] !== ' '), 'titles start in one column');
  });
});

describe('renderIncidentMarkdown', () => {
  const findings = sampleSecrets();

  it('matches the golden file and never contains a raw secret', () => {
    const body = renderIncidentMarkdown(findings, set);
    assertGolden('incident.md', body);
    assertNoSecrets(body);
    assertNoSecrets(incidentTitle(findings, set));
  });

  it('lists each secret once, with its occurrences, HEAD status and first commit', () => {
    const body = renderIncidentMarkdown(findings, set);
    assert.equal(body.match(/^- \[ \] /gm)?.length, 4);
    const awsItem = body.slice(body.indexOf('- [ ] **AWS access key**'), body.indexOf('- [ ] **GitHub token**'));
    assert.match(awsItem, /4 occurrences · \*\*still in HEAD\*\* · first commit 9a8b7c6d5e4f \(2023-11-20\)/);
    assert.match(awsItem, /`config\/prod\.env:4` in 9a8b7c6d5e4f/);
    assert.match(awsItem, /``docs\/we`ird <name>\.md:7``/);
    assert.match(body, /history only/);
    assert.match(body, /No playbook exists for `acme`: these steps are the generic fallback\./);
  });

  it('carries a marker with every fingerprint, sorted, that parses back', () => {
    const body = renderIncidentMarkdown(findings, set);
    const fps = [...new Set(findings.map((f) => f.fingerprint))].sort();
    assert.ok(body.startsWith(`${incidentMarker(fps)}\n`));
    assert.deepEqual(parseIncidentMarker(body), fps);
    assert.deepEqual(parseIncidentMarker('no marker here'), []);
  });

  it('titles one secret by its type and many by count and types', () => {
    assert.equal(incidentTitle(findings.slice(0, 1), set), 'Leaked secret: AWS access key');
    assert.equal(incidentTitle(findings, set), 'Leaked secrets: 4 (AWS access key, GitHub token and 2 more types)');
    assert.equal(incidentTitle(findings.slice(0, 2), set), 'Leaked secrets: 2 (AWS access key, GitHub token)');
  });

  it('leaves the heading out when the title goes elsewhere', () => {
    assert.doesNotMatch(renderIncidentMarkdown(findings, set, { heading: false }), /^# /m);
  });

  it('stays under maxLength with hundreds of secrets, keeping every fingerprint in the marker', () => {
    const many = Array.from({ length: 400 }, (_, i) =>
      secret({ ruleId: 'aws-secret-access-key', ruleName: 'AWS secret access key', severity: 'critical', playbook: i % 2 ? 'aws' : 'github', secret: gen('{{gen:alnum:40}}', `many-${i}`), occurrences: [at(`src/file-${i}.ts`, i + 1)] }),
    );
    const body = renderIncidentMarkdown(many, set, { maxLength: 30_000 });
    assert.ok(body.length <= 30_000, `length ${body.length}`);
    assert.match(body, /…and \d+ more secrets not listed here/);
    assert.equal(parseIncidentMarker(body).length, 400);
    const tight = renderIncidentMarkdown(many, set, { maxLength: 26_000 });
    assert.ok(tight.length <= 26_000, `length ${tight.length}`);
    assert.match(tight, /Steps left out to fit the size limit: run `keywarden playbook (aws|github)`/);
  });
});

describe('markdown helpers', () => {
  it('shows any text literally in a code span', () => {
    assert.equal(codeSpan('a`b'), '``a`b``');
    assert.equal(codeSpan('`x`'), '`` `x` ``');
    assert.equal(codeSpan('a\nb'), '`a b`');
  });

  it('links references with parentheses percent-encoded', () => {
    assert.equal(linkList(['https://a.example/x_(y)/']), '[a.example/x\\_\\(y\\)](https://a.example/x_%28y%29/)');
  });

  it('escapes Markdown and HTML in plain text', () => {
    assert.equal(escapeText('<img src=x> [a](b) *c*'), '\\<img src=x\\> \\[a\\]\\(b\\) \\*c\\*');
  });
});
