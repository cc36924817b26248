// The HTML report in a real browser: headless Chromium (Debian's `chromium`, driven by playwright-core)
// opens the page written by `scan --history --format html` for a repository with planted synthetic
// secrets, with every request but the page itself refused and recorded. Checks what a person sees (types,
// counts, first commits, HEAD state, timeline, playbook steps), that no raw secret is in the DOM or the
// source, that a path and a commit message carrying markup did not run, and that the stylesheet applied
// under the page's CSP. Screenshot: build/test-artifacts/html-report.png (CI keeps it; git ignores it).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { builtinPlaybooks } from '../../src/data/builtin.ts';
import { runCli } from '../helpers/cli.ts';
import { awsKeyId, gen, githubPat } from '../helpers/secrets.ts';
import { TestRepo } from '../sources/git-repo.ts';

const CHROMIUM = process.env.KEYWARDEN_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SCREENSHOT = join(import.meta.dirname, '../../build/test-artifacts/html-report.png');
const EVIL_PATH = '<img src=x onerror=alert(1)>.env';
const EVIL_MESSAGE = 'tidy </title><script>window.kwPwned = 1; alert(2)</script>';

// Without a browser the test cannot say anything: in CI that is a failure, elsewhere a visible skip.
const missing = existsSync(CHROMIUM) ? undefined : `no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set KEYWARDEN_CHROMIUM)`;
if (missing && process.env.CI) throw new Error(`HTML report browser test: ${missing}; CI must install it (.ci/run does)`);

/** The text a person sees in `locator` (rendered text: folded or hidden parts left out). */
async function seen(locator: Locator): Promise<string> {
  return (await locator.allInnerTexts()).join('\n');
}

/** Writes the files and commits them with the given author date. */
function commitAt(repo: TestRepo, date: string, message: string, files: Record<string, string>): string {
  repo.write(files);
  repo.git('add', '-A');
  repo.nextTick();
  repo.git('commit', '-q', '-m', message, '--date', date);
  return repo.head();
}

describe('HTML report in headless Chromium', { skip: missing, timeout: 180_000 }, () => {
  const stripe = gen('sk_live_{{gen:alnum:24}}');
  const slack = gen('xoxb-{{gen:set:123456789:1}}{{gen:digits:11}}-{{gen:set:123456789:1}}{{gen:digits:12}}-{{gen:alnum:24}}');
  const gh = githubPat();
  const aws = awsKeyId();
  const planted = [stripe, slack, gh, aws];
  const shas: Record<string, string> = {};
  let repo: TestRepo;
  let profile: string;
  let context: BrowserContext;
  let page: Page;
  let fileUrl: string;
  const requests: string[] = [];
  const dialogs: string[] = [];
  const consoleErrors: string[] = [];

  before(async () => {
    repo = TestRepo.init('kw-html-browser-');
    shas.gh = commitAt(repo, '2024-01-15T10:00:00Z', 'add deploy token', { 'deploy/ci.env': `GITHUB_TOKEN=${gh}\n` });
    shas.aws = commitAt(repo, '2024-03-02T09:30:00Z', 'add aws config', { 'config/aws.ini': `[default]\naws_access_key_id = ${aws}\n` });
    shas.evil = commitAt(repo, '2024-03-20T16:45:00Z', EVIL_MESSAGE, { [EVIL_PATH]: `TOKEN=${gh}\n` });
    shas.stripe = commitAt(repo, '2024-06-05T08:00:00Z', 'payments', { 'services/pay.env': `STRIPE_SECRET_KEY=${stripe}\n`, 'config/aws.ini': '[default]\n' });
    shas.slack = commitAt(repo, '2024-06-28T12:00:00Z', 'chat bot', { 'bot/slack.env': `SLACK_BOT_TOKEN=${slack}\n` });
    const r = await runCli(['scan', '--history', '--format', 'html', '--output', 'report.html', '--threads', '1'], repo.dir);
    assert.equal(r.code, 1, r.stderr);
    const file = join(repo.dir, 'report.html');
    fileUrl = pathToFileURL(file).href;

    profile = mkdtempSync(join(tmpdir(), 'kw-chromium-profile-'));
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1200, height: 900 }, offline: true });
    // Every request is recorded; only the report itself may load.
    await context.route('**/*', (route) => (route.request().url() === fileUrl ? route.continue() : route.abort('blockedbyclient')));
    context.on('request', (req) => void requests.push(req.url()));
    page = context.pages()[0] ?? (await context.newPage());
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('console', (m) => void (m.type() === 'error' && consoleErrors.push(m.text())));
    await page.goto(fileUrl, { waitUntil: 'load' });
  });

  after(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    repo?.remove();
  });

  it('loads nothing but the file, runs nothing from the data, and applies its stylesheet under the CSP', async () => {
    assert.deepEqual(requests, [fileUrl], 'requests other than the report');
    assert.deepEqual(dialogs, [], 'an alert ran');
    assert.equal(await page.evaluate(() => (globalThis as { kwPwned?: number }).kwPwned), undefined);
    assert.equal(await page.locator('img, script, iframe, object, embed').count(), 0);
    assert.deepEqual(consoleErrors, [], 'no CSP violation (e.g. the stylesheet refused)');
    const badge = await page.locator('.sev-critical').first().evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(el).backgroundColor);
    assert.equal(badge, 'rgb(139, 0, 0)', 'the inline stylesheet applied');
  });

  it('shows the injected path and commit message as text', async () => {
    const text = await seen(page.locator('body'));
    assert.ok(text.includes(`${EVIL_PATH}:1`), 'the path, literally');
    assert.ok(text.includes('tidy </title><script>window.kwPwned = 1; alert(2)</script>'), 'the commit message, literally');
  });

  it('holds no raw planted secret in the DOM text or the HTML source', async () => {
    const text = await seen(page.locator('body'));
    const dom = await page.content();
    const source = readFileSync(new URL(fileUrl), 'utf8');
    for (const raw of planted) {
      for (const [where, s] of [['text', text], ['DOM', dom], ['source', source]] as const) assert.ok(!s.includes(raw), `raw secret in the ${where}`);
    }
  });

  it('groups the secrets by type, worst first, with counts, first commits and HEAD state', async () => {
    const types = await page.locator('section.type h3').allInnerTexts();
    assert.equal(types.length, 4, types.join(', '));
    const worst = await page.locator('section.type > header > .sev').allInnerTexts();
    const rank = (s: string): number => ['critical', 'high', 'medium', 'low'].indexOf(s);
    assert.deepEqual(worst, [...worst].sort((a, b) => rank(a) - rank(b)), 'worst type first');
    assert.ok(types.some((t) => /GitHub/i.test(t)) && types.some((t) => /AWS/i.test(t)) && types.some((t) => /Stripe/i.test(t)) && types.some((t) => /Slack/i.test(t)), types.join(', '));

    const ghText = await seen(page.locator('section.type[id$="-github"]'));
    assert.match(ghText, /2 occurrences/);
    assert.ok(ghText.includes(`${shas.gh?.slice(0, 12)} 2024-01-15 10:00 by Test Author`), 'first commit of the GitHub token');
    assert.ok(ghText.includes('still in HEAD'));
    const awsText = await seen(page.locator('section.type[id$="-aws"]'));
    assert.ok(awsText.includes('history only (not in HEAD)'));
    assert.ok(awsText.includes(shas.aws?.slice(0, 12) ?? '?'));
    assert.equal(await page.locator('.state-head').count(), 3, 'GitHub, Stripe and Slack are still in HEAD');
    const totals = await seen(page.locator('.totals'));
    assert.match(totals.replace(/\s+/g, ' '), /4 secrets 5 occurrences 4 types 3 still in HEAD/);
  });

  it('draws the timeline by month, gaps included', async () => {
    const labels = await page.locator('.chart svg text.period').allTextContents();
    assert.deepEqual(labels, ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06']);
    const counts = await page.locator('.chart svg text.count').allTextContents();
    assert.deepEqual(counts, ['1', '1', '2'], 'January: the GitHub token (once); March: AWS; June: Stripe and Slack');
    const box = await page.locator('.chart svg').boundingBox();
    assert.ok(box && box.width > 100 && box.height > 100, 'the chart is drawn');
  });

  it('shows the playbook steps of each type', async () => {
    const set = builtinPlaybooks();
    for (const id of ['github', 'aws', 'stripe', 'slack']) {
      const step = set.playbooks.find((p) => p.id === id)?.revoke[0];
      assert.ok(step, id);
      const details = page.locator('details.playbook', { hasText: `npx keywarden playbook ${id}` });
      await details.evaluate((el) => el.setAttribute('open', ''));
      assert.ok((await seen(details)).includes(step.replace(/`/g, '')), `${id}: first revoke step shown`);
    }
  });

  it('saves a screenshot', async () => {
    mkdirSync(join(SCREENSHOT, '..'), { recursive: true });
    await page.locator('details.playbook').evaluateAll((els) => {
      for (const el of els.slice(1)) el.removeAttribute('open');
    });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    assert.ok(readFileSync(SCREENSHOT).length > 10_000);
  });
});
