// `keywarden scan --explain FILE[:LINE]` (issue 12 item 3): every candidate of a file with the stage
// and reason that reported or dropped it, agreeing with a normal scan of the same file.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { ExplainedCandidate, ExplainReport } from '../../src/explain/types.ts';
import { runCli } from '../helpers/cli.ts';
import { parseReport, placesOf } from '../helpers/report.ts';
import { gen, githubPat } from '../helpers/secrets.ts';

/** Key used by every run: fingerprints are then HMACs (no scrypt cost). */
const ENV = { KEYWARDEN_FINGERPRINT_KEY: 'explain-test-key-0123456789' };

function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kw-explain-'));
  for (const [p, t] of Object.entries(files)) writeFileSync(join(dir, p), t);
  return dir;
}

/** One planted case per line; `raw` holds every secret-like value, none of which may be printed. */
function planted() {
  const reported = githubPat();
  const ignored = gen('{{gen:alnum:24}}');
  const baselined = gen('{{gen:alnum:26}}');
  const allowed = gen('{{gen:alnum:32}}');
  const badChecksum = `ghp_${gen('{{gen:alnum:36}}')}`;
  const text = [
    `GITHUB_TOKEN=${reported}`, // 1: reported
    'password = "Tq7Tq7Tq7Tq7"', // 2: low entropy
    'password = "changeme-please"', // 3: placeholder stop word
    `api_key = "${allowed}" # keywarden:allow`, // 4: inline allow
    `secret_key = "${ignored}"`, // 5: .keywardenignore
    `client_secret = "${baselined}"`, // 6: baseline
    `token: ${badChecksum}`, // 7: checksum-invalid
    'nothing = here', // 8
  ].join('\n');
  return { text: `${text}\n`, raw: [reported, ignored, baselined, allowed, badChecksum] };
}

async function explain(dir: string, args: string[]): Promise<{ code: number; report: ExplainReport; stdout: string; stderr: string }> {
  const r = await runCli(['scan', ...args, '--format', 'json'], dir, ENV);
  assert.equal(r.code, 0, r.stderr);
  return { code: r.code, report: (JSON.parse(r.stdout) as { explain: ExplainReport }).explain, stdout: r.stdout, stderr: r.stderr };
}

/** A directory holding the planted file, with the ignored and baselined values' fingerprints listed. */
async function plantedDir(): Promise<{ dir: string; raw: string[] }> {
  const { text, raw } = planted();
  const dir = dirWith({ 'app.env': text });
  const scan = parseReport((await runCli(['scan', 'app.env', '--format', 'json'], dir, ENV)).stdout);
  const fpAt = (line: number): string => placesOf(scan.secrets).find((p) => p.line === line)?.fingerprint ?? assert.fail(`no secret on line ${line}`);
  writeFileSync(join(dir, '.keywardenignore'), `${fpAt(5)}  # test value\n`);
  writeFileSync(join(dir, 'base.txt'), `${fpAt(6)}  # generic-secret app.env\n`);
  return { dir, raw };
}

function on(report: ExplainReport, line: number): ExplainedCandidate[] {
  return report.candidates.filter((c) => c.line === line);
}

describe('scan --explain', () => {
  it('names the stage and reason of every planted candidate, with the numbers', async () => {
    const { dir } = await plantedDir();
    const { report } = await explain(dir, ['--explain', 'app.env', '--baseline', 'base.txt']);
    const reported = on(report, 1).filter((c) => c.verdict === 'reported');
    assert.deepEqual(
      reported.map((c) => [c.ruleId, c.stage]),
      [['github-pat', 'reported']],
    );
    assert.match(reported[0]?.detail ?? '', /validator github-checksum: valid/);
    assert.ok(on(report, 1).some((c) => c.verdict === 'dropped' && c.reason === 'superseded' && /github-pat/.test(c.detail)), 'the generic rules lose to the provider rule');
    const entropy = on(report, 2).find((c) => c.ruleId === 'generic-password');
    assert.equal(entropy?.stage, 'entropy');
    assert.match(entropy?.detail ?? '', /^entropy 1\.58 < 3$/);
    const placeholder = on(report, 3).find((c) => c.ruleId === 'generic-password');
    assert.equal(placeholder?.stage, 'placeholder');
    assert.match(placeholder?.detail ?? '', /stop word `changeme`/);
    assert.deepEqual(
      on(report, 4).map((c) => [c.verdict, c.stage]),
      [['dropped', 'inline-allow']],
    );
    assert.ok(on(report, 5).length > 0 && on(report, 5).every((c) => c.verdict === 'dropped'));
    assert.ok(on(report, 5).some((c) => c.stage === 'ignore-file' && /listed in \.keywardenignore/.test(c.detail) && c.fingerprint));
    assert.ok(on(report, 6).some((c) => c.stage === 'baseline' && /the baseline .*base\.txt/.test(c.detail)));
    const checksum = on(report, 7).find((c) => c.ruleId === 'github-pat');
    assert.equal(checksum?.stage, 'validator');
    assert.equal(checksum?.detail, 'validator github-checksum: invalid');
    assert.ok(on(report, 7).every((c) => c.verdict === 'dropped'), 'a generic rule does not report the checksum-invalid token either');
    assert.deepEqual(on(report, 8), []);
  });

  it('reports exactly what a normal scan of the file reports', async () => {
    const { dir } = await plantedDir();
    for (const extra of [[], ['--baseline', 'base.txt'], ['--min-severity', 'critical'], ['--no-inline-allow']]) {
      const scan = parseReport((await runCli(['scan', 'app.env', '--format', 'json', ...extra], dir, ENV)).stdout);
      const { report } = await explain(dir, ['--explain', 'app.env', ...extra]);
      const reported = new Set(report.candidates.filter((c) => c.verdict === 'reported').map((c) => `${c.line}:${c.column} ${c.fingerprint}`));
      const found = new Set(placesOf(scan.secrets).map((p) => `${p.line}:${p.column} ${p.fingerprint}`));
      assert.deepEqual(reported, found, `with ${extra.join(' ') || 'no flags'}`);
    }
  });

  it('follows .keywarden.yml: a config allowlist regex and a disabled rule are named', async () => {
    const token = githubPat();
    const value = `test_${gen('{{gen:alnum:24}}')}`;
    const dir = dirWith({
      'app.env': `GITHUB_TOKEN=${token}\nsecret_key = "${value}"\n`,
      '.keywarden.yml': 'disable: [github-pat]\nallowlist:\n  regexes: ["^test_"]\n',
    });
    const { report } = await explain(dir, ['--explain', 'app.env']);
    assert.ok(
      report.candidates.some((c) => c.ruleId === 'github-pat' && c.reason === 'rule-off' && /--enable-rule github-pat/.test(c.detail)),
      JSON.stringify(report.candidates),
    );
    assert.ok(report.candidates.some((c) => c.line === 2 && c.stage === 'allowlist' && c.detail === 'allowlist regex `^test_` matched the secret'));
    assert.equal(report.candidates.filter((c) => c.verdict === 'reported').length, 0);
  });

  it('says when a pattern matches but no keyword made the rule run', async () => {
    // A custom rule whose keyword is not in the file: its pattern matches, the prefilter never lets it run.
    const dir = dirWith({
      'notes.txt': 'ref: ACME0123456789abcdef0123456789abcdef\n',
      '.keywarden.yml': [
        'rules:',
        '  - id: acme-key',
        '    name: ACME key',
        "    pattern: '\\b(ACME[0-9a-f]{32})\\b'",
        '    keywords: [acme_key]',
        '    severity: high',
        '    playbook: generic-api-token',
        "    examples: ['acme_key=ACME{{gen:hex:32}}']",
        "    negativeExamples: ['acme_key=ACMExxxx']",
        '',
      ].join('\n'),
    });
    const { report } = await explain(dir, ['--explain', 'notes.txt']);
    const c = report.candidates.find((x) => x.ruleId === 'acme-key');
    assert.equal(c?.reason, 'no-keyword');
    assert.equal(c?.stage, 'prefilter');
    assert.match(c?.detail ?? '', /`acme_key`/);
  });

  it('FILE:LINE lists only that line, and the rules whose keywords are on it', async () => {
    const { dir } = await plantedDir();
    const { report } = await explain(dir, ['--explain', 'app.env:2']);
    assert.equal(report.line, 2);
    assert.ok(report.candidates.length > 0);
    assert.ok(report.candidates.every((c) => c.line === 2));
    assert.ok(report.rules.ran.some((r) => r.id === 'generic-password' && r.keywords.some((k) => k.keyword === 'password' && k.line === 2 && k.column === 1)));
    assert.ok(!report.rules.ran.some((r) => r.id === 'github-pat'), 'github-pat has no keyword on line 2');
    assert.ok(report.rules.ranElsewhere > 0);
    assert.ok(report.rules.notRun > 400, 'most rules never run');
  });

  it('the text listing shows span, verdict, rule, stage and reason, and a rules summary', async () => {
    const { dir } = await plantedDir();
    const r = await runCli(['scan', '--explain', 'app.env:2'], dir, ENV);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^keywarden explain: app\.env:2: \d+ candidates?, 0 reported\n/);
    assert.match(r.stdout, /\n {2}2:13-25 +dropped +generic-password +… \(12 chars\) +\[entropy\] entropy 1\.58 < 3\n/);
    assert.match(r.stdout, /\nrules that ran with a keyword or candidate on line 2: \d+ of \d+: .*generic-password \(`password` 2:1\)/);
    assert.match(r.stdout, /\nrules that never ran \(none of their keywords is in the file\): \d+\n$/);
  });

  it('never prints a raw secret, in text or JSON', async () => {
    const { dir, raw } = await plantedDir();
    for (const format of ['text', 'json']) {
      const r = await runCli(['scan', '--explain', 'app.env', '--format', format, '--baseline', 'base.txt'], dir, ENV);
      assert.equal(r.code, 0);
      for (const value of raw) {
        assert.ok(!r.stdout.includes(value) && !r.stderr.includes(value), `${format} output holds a planted value`);
        assert.ok(!r.stdout.includes(value.slice(-12)), `${format} output holds the end of a planted value`);
      }
    }
  });

  it('bad input: a missing file, a directory, a bad or past-the-end line exit 2 with one line', async () => {
    const dir = dirWith({ 'a.txt': 'one\ntwo\n' });
    const cases: [string[], RegExp][] = [
      [['--explain', 'missing.txt'], /^keywarden: error: --explain: no such file: missing\.txt\n$/],
      [['--explain', '.'], /^keywarden: error: --explain: \. is not a file\n$/],
      [['--explain', 'a.txt:0'], /^keywarden: error: --explain: "0" is not a line number/],
      [['--explain', 'a.txt:x'], /^keywarden: error: --explain: "x" is not a line number/],
      [['--explain', 'a.txt:3'], /^keywarden: error: --explain: line 3 is past the end of a\.txt \(2 lines\)\n$/],
      [['--explain', 'a.txt', '--staged'], /^keywarden: usage error: --explain looks at a file of the working tree/],
      [['--explain', 'a.txt', 'b.txt'], /^keywarden: usage error: --explain takes its file as its value/],
      [['--explain', 'a.txt', '--format', 'sarif'], /^keywarden: usage error: --explain writes text or json, not sarif\n$/],
    ];
    for (const [args, expected] of cases) {
      const r = await runCli(['scan', ...args], dir, ENV);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, expected);
      assert.equal(r.stderr.split('\n').length, 2, 'one line');
      assert.equal(r.stdout, '');
    }
  });

  it('a file whose name ends in :N is a file, not a line', async () => {
    const dir = dirWith({ 'notes:2024': 'x\n' });
    const { report } = await explain(dir, ['--explain', 'notes:2024']);
    assert.equal(report.path, 'notes:2024');
    assert.equal(report.line, undefined);
  });

  it('says when a directory scan would not read the file (.gitignore above it, the path allowlist), and not otherwise', async () => {
    const dir = dirWith({ '.gitignore': 'build/\n', '.keywarden.yml': 'allowlist:\n  paths: ["fixtures/**"]\n', 'app.env': `T=${githubPat()}\n` });
    mkdirSync(join(dir, 'build'));
    mkdirSync(join(dir, 'fixtures'));
    writeFileSync(join(dir, 'build/out.env'), `T=${githubPat()}\n`);
    writeFileSync(join(dir, 'fixtures/f.env'), `T=${githubPat()}\n`);
    const ignored = await explain(dir, ['--explain', 'build/out.env']);
    assert.equal(ignored.report.walkSkip, 'its directory build/ is excluded by .gitignore');
    const allowed = await explain(dir, ['--explain', 'fixtures/f.env']);
    assert.equal(allowed.report.walkSkip, 'its directory fixtures/ is excluded by allowlist.paths of the configuration');
    assert.equal((await explain(dir, ['--explain', 'app.env'])).report.walkSkip, undefined);
    const text = await runCli(['scan', '--explain', 'build/out.env'], dir, ENV);
    assert.match(text.stdout, /^note: a scan of the directory does not read this file: its directory build\/ is excluded by \.gitignore$/m);
  });

  it('a misspelled --explain is suggested', async () => {
    const r = await runCli(['scan', '--explian', 'a.txt'], dirWith({}), ENV);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown option --explian \(did you mean --explain\?\)/);
  });
});
