// The HTML report as text: grouping and order, places and commits, the timeline, the playbook steps,
// escaping of repository-controlled strings, no raw secret, and a page that can load or run nothing.
// test/reporters/html-browser.test.ts opens it in Chromium.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { detectFragment } from '../../src/core/detect.ts';
import { groupMatches } from '../../src/core/group.ts';
import type { CommitInfo, Match, ScanResult } from '../../src/core/types.ts';
import { emptyStats } from '../../src/core/types.ts';
import { builtinPlaybooks } from '../../src/data/builtin.ts';
import { playbookLookup } from '../../src/playbook/lookup.ts';
import { htmlReporter } from '../../src/reporters/html.ts';
import { stepHtml, text } from '../../src/reporters/html/escape.ts';
import { STYLE } from '../../src/reporters/html/style.ts';
import { timelineBuckets } from '../../src/reporters/html/timeline.ts';
import { loadRuleSet } from '../../src/scan.ts';
import { defaultSettings } from '../../src/settings.ts';
import { testFingerprintOf } from '../helpers/report.ts';
import { awsKeyId, githubPat } from '../helpers/secrets.ts';

const ruleSet = loadRuleSet(defaultSettings('/tmp'));
const rules = new Map(ruleSet.rules.map((r) => [r.id, r]));
const EVIL_PATH = '<img src=x onerror=alert(1)>.env';
const EVIL_MESSAGE = 'add config </code><script>alert(2)</script>';

const commit = (n: number, date: string, message = `commit ${n}`): CommitInfo => ({ sha: String(n).repeat(40), date, author: `Dev <${n}>`, message });

/** Matches of `text` at `path`, attributed to `c` with the given HEAD state. */
function at(textIn: string, path: string, c?: CommitInfo, inHead?: boolean): Match[] {
  const ms = detectFragment({ text: textIn, path }, ruleSet);
  for (const m of ms) Object.assign(m, c ? { commit: c } : {}, inHead === undefined ? {} : { inHead });
  return ms;
}

async function result(matches: Match[]): Promise<ScanResult> {
  const secrets = await groupMatches(matches, rules, testFingerprintOf);
  return { secrets, stats: { ...emptyStats(), files: 3, rules: ruleSet.rules.length }, errors: [], rules: ruleSet.rules };
}

/** A history scan: a GitHub token in two commits (still in HEAD), an AWS key id removed since. */
const gh = githubPat();
const aws = awsKeyId();
const history = await result([
  ...at(`GITHUB_TOKEN=${gh}\n`, 'ci/deploy.env', commit(1, '2024-01-10T09:00:00+01:00'), true),
  ...at(`\n\ntoken: ${gh}\n`, EVIL_PATH, commit(2, '2024-04-02T10:30:00Z', EVIL_MESSAGE), true),
  ...at(`aws_access_key_id = ${aws}\n`, 'old/aws.ini', commit(3, '2024-03-15T12:00:00Z'), false),
]);
const page = htmlReporter(history, { playbooks: playbookLookup(builtinPlaybooks()) });

describe('HTML report', () => {
  it('holds redacted values and never a raw secret', () => {
    for (const raw of [gh, aws]) assert.ok(!page.includes(raw), 'raw secret in the page');
    for (const s of history.secrets) assert.ok(page.includes(text(s.redacted)), `redacted ${s.ruleId} shown`);
  });

  it('escapes paths and commit messages (attacker-controlled)', () => {
    assert.ok(!page.includes('<img'), 'a path became an element');
    assert.ok(!/<script/i.test(page), 'a commit message became a script');
    assert.ok(page.includes('&lt;img src=x onerror=alert(1)&gt;.env:3'), 'the path is shown escaped, with its line');
    assert.ok(page.includes('&lt;/code&gt;&lt;script&gt;alert(2)&lt;/script&gt;'), 'the message is shown escaped');
  });

  it('can load and run nothing: a strict CSP naming only its own stylesheet, no script, no external URL', () => {
    const hash = createHash('sha256').update(STYLE).digest('base64');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)?.[1] ?? '';
    assert.match(meta, /default-src 'none'/);
    assert.ok(meta.includes(`style-src 'sha256-${hash}'`), meta);
    assert.ok(page.indexOf('Content-Security-Policy') < page.indexOf('<style>'), 'the policy comes before the stylesheet');
    assert.equal((page.match(/<style>/g) ?? []).length, 1);
    assert.ok(!/\sstyle=/i.test(page), 'no style attribute (the policy would block it)');
    assert.ok(!/\s(src|href)="(?!#)/i.test(page), 'only in-page links');
  });

  it('groups by type, worst severity first, with counts', () => {
    const [first, second] = [...page.matchAll(/<section class="type" id="([^"]+)">/g)].map((m) => m[1]);
    assert.match(first ?? '', /^type-1-(aws|github)$/);
    assert.ok(second);
    const ghSecret = history.secrets.find((s) => s.ruleId.startsWith('github'));
    assert.equal(ghSecret?.occurrences.length, 2);
    assert.match(page, /GitHub[^<]*<\/h3><span class="sev sev-(critical|high)">/);
    assert.ok(page.includes('2 occurrences'));
    // Types sorted by their worst severity.
    const ranks = [...page.matchAll(/<\/h3><span class="sev sev-(\w+)">/g)].map((m) => ['critical', 'high', 'medium', 'low'].indexOf(m[1] ?? ''));
    assert.deepEqual(ranks, [...ranks].sort((a, b) => a - b));
  });

  it('shows each place with its commit and date, the first commit, and HEAD state', () => {
    assert.ok(page.includes('<code>ci/deploy.env:1</code>'));
    assert.ok(page.includes('2024-01-10 09:00'), 'author date');
    assert.match(page, /First commit<\/dt><dd><code>111111111111<\/code> 2024-01-10 09:00 by Dev &lt;1&gt;/);
    assert.ok(page.includes('still in HEAD'));
    assert.ok(page.includes('history only (not in HEAD)'));
  });

  it('draws a timeline of first introductions per month, gaps included', () => {
    assert.ok(page.includes('When secrets entered the history'));
    assert.match(page, /<svg [^>]*role="img"/);
    for (const month of ['2024-01', '2024-02', '2024-03']) assert.ok(page.includes(`>${month}</text>`), month);
    // The GitHub token counts once, in January (its first commit), not again in April.
    assert.ok(!page.includes('>2024-04<'));
    assert.match(page, /<tr><td>2024-01<\/td><td class="num">1<\/td>/);
  });

  it('includes the playbook steps per type in <details> blocks, code spans kept', () => {
    const aws = builtinPlaybooks().playbooks.find((p) => p.id === 'aws');
    const step = aws?.revoke[0];
    assert.ok(step);
    assert.ok(page.includes(stepHtml(step)));
    assert.ok(page.includes('<code>aws iam update-access-key'), 'commands in code spans');
    assert.equal((page.match(/<details class="playbook"/g) ?? []).length, 2);
    assert.equal((page.match(/<details class="playbook" open>/g) ?? []).length, 1, 'the worst type open, others folded');
    assert.ok(page.includes('npx keywarden playbook github'));
  });
});

describe('HTML report without history', () => {
  it('says the places have no commit and there is no timeline', async () => {
    const dir = await result(at(`GITHUB_TOKEN=${githubPat()}\n`, 'app.env'));
    const html = htmlReporter(dir, {});
    assert.ok(html.includes('<span class="muted">no commit</span>'));
    assert.ok(html.includes('no commit information (not a history or diff scan)'));
    assert.ok(html.includes('HEAD not checked'));
    assert.ok(html.includes('No commit dates: this scan did not read git history'));
    assert.ok(!html.includes('<svg'));
    assert.ok(html.includes('No playbook steps are known for this type'), 'no lookup given');
  });

  it('lists the secrets allowed inline for review, escaped and redacted', async () => {
    const raw = githubPat();
    const allowed = await result(at(`T=${raw}\n`, '<b>x</b>.env'));
    const html = htmlReporter({ ...allowed, secrets: [], allowedInline: allowed.secrets }, {});
    assert.ok(html.includes('keywarden: no secrets found'));
    assert.ok(html.includes('1 finding allowed inline by <code>keywarden:allow</code> in this scan — review it'));
    assert.ok(html.includes('<code>&lt;b&gt;x&lt;/b&gt;.env:1</code>'));
    assert.ok(html.includes(text(allowed.secrets[0]?.redacted ?? '?')));
    assert.ok(!html.includes(raw));
  });

  it('renders an empty result', () => {
    const html = htmlReporter({ secrets: [], stats: emptyStats(), errors: [{ path: 'a<b>.txt', message: 'unreadable' }], rules: [] }, {});
    assert.ok(html.includes('keywarden: no secrets found'));
    assert.ok(html.includes('a&lt;b&gt;.txt: unreadable'));
  });
});

describe('HTML building blocks', () => {
  it('stepHtml escapes everything but code spans', () => {
    assert.equal(stepHtml('Run `rm <X> && y` then <b>stop</b>'), 'Run <code>rm &lt;X&gt; &amp;&amp; y</code> then &lt;b&gt;stop&lt;/b&gt;');
  });

  it('text shows control characters and bidi overrides as escapes', () => {
    assert.equal(text('a\u202eb"\'\n'), 'a\\u202eb&quot;&#39;\\n');
  });

  it('timeline: one bar per year over long spans', async () => {
    const long = await result([...at(`T=${githubPat()}\n`, 'a', commit(4, '2019-05-01T00:00:00Z')), ...at(`T=${githubPat()}\n`, 'b', commit(5, '2024-02-01T00:00:00Z'))]);
    assert.deepEqual(timelineBuckets(long.secrets).map((b) => [b.label, b.total]), [['2019', 1], ['2020', 0], ['2021', 0], ['2022', 0], ['2023', 0], ['2024', 1]]);
  });
});
