// `keywarden scan` end to end through main(): formats, exit codes, and bad input that must produce a
// one-line message and no crash.
import assert from 'node:assert/strict';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { compileRule } from '../../src/rules/compile.ts';
import { parseRuleFile } from '../../src/rules/load.ts';
import { runCli } from '../helpers/cli.ts';
import { parseReport, placesOf } from '../helpers/report.ts';
import { awsKeyId, githubPat } from '../helpers/secrets.ts';

describe('keywarden scan (directory)', () => {
  let dir = '';
  const planted: string[] = [];
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'kw-cli-'));
    mkdirSync(join(dir, 'src'));
    mkdirSync(join(dir, 'ignored'));
    planted.push(githubPat(), awsKeyId(), githubPat());
    writeFileSync(join(dir, 'src/config.js'), `const a = 1;\nconst token = "${planted[0]}";\n`);
    writeFileSync(join(dir, '.env'), `AWS_ACCESS_KEY_ID=${planted[1]}\n`);
    writeFileSync(join(dir, '.gitignore'), 'ignored/\n');
    writeFileSync(join(dir, 'ignored/x.env'), `T=${planted[2]}\n`);
  });

  it('finds planted secrets and exits 1; text output names file, line and rule', async () => {
    const r = await runCli(['scan', '.'], dir);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^critical +GitHub personal access token \(classic\) {2}ghp_\w{2}… \(40 chars, #[0-9a-f]{6}\) .*\n {2}fingerprint [0-9a-f]{40}\n {2}src\/config\.js:2:16\n/m);
    assert.match(r.stdout, /^high +AWS access key ID .*\n {2}fingerprint [0-9a-f]{40}\n {2}\.env:1:19\n/m);
    assert.match(r.stdout, /2 secrets \(1 critical, 1 high\) in 2 places/);
  });

  it('one secret in three files is one secret in three places', async () => {
    const d = mkdtempSync(join(tmpdir(), 'kw-cli-'));
    const pat = githubPat();
    for (const f of ['a.env', 'b.env', 'c.env']) writeFileSync(join(d, f), `T=${pat}\n`);
    const r = await runCli(['scan', '.'], d);
    assert.match(r.stdout, /GitHub personal access token \(classic\) in 3 places/);
    assert.match(r.stdout, /✖ 1 secret \(1 critical\) in 3 places · /);
    const j = parseReport((await runCli(['scan', '-f', 'json'], d)).stdout);
    assert.equal(j.secrets.length, 1);
    assert.deepEqual(j.secrets[0]?.occurrences.map((o) => o.path), ['a.env', 'b.env', 'c.env']);
  });

  it('honours .gitignore by default and --no-ignore includes everything', async () => {
    const a = parseReport((await runCli(['scan', '--format', 'json'], dir)).stdout);
    assert.equal(placesOf(a.secrets).length, 2);
    const b = parseReport((await runCli(['scan', '--format', 'json', '--no-ignore'], dir)).stdout);
    assert.equal(placesOf(b.secrets).length, 3);
    assert.ok(placesOf(b.secrets).some((f) => f.path === 'ignored/x.env'));
  });

  it('JSON has the documented shape', async () => {
    const j = JSON.parse((await runCli(['scan', '-f', 'json'], dir)).stdout);
    assert.equal(typeof j.version, 'string');
    const f = j.secrets.find((x: { ruleId: string }) => x.ruleId === 'github-pat');
    for (const k of ['fingerprint', 'type', 'ruleId', 'ruleName', 'severity', 'confidence', 'redacted', 'occurrences']) assert.ok(k in f, k);
    for (const k of ['path', 'line', 'column', 'endLine', 'endColumn']) assert.ok(k in f.occurrences[0], `occurrences[].${k}`);
    assert.match(f.fingerprint, /^[0-9a-f]{40}$/);
    assert.equal(f.type, 'github');
    assert.equal(f.confidence, 'high');
    assert.ok(j.stats.files >= 2);
  });

  it('no output format contains a planted raw secret', async () => {
    for (const format of ['text', 'json', 'sarif', 'html']) {
      const r = await runCli(['scan', '--no-ignore', '--format', format, '--verbose'], dir);
      for (const s of planted) {
        assert.ok(!r.stdout.includes(s), `${format} stdout leaks a secret`);
        assert.ok(!r.stderr.includes(s), `${format} stderr leaks a secret`);
      }
    }
  });

  it('--fail-on sets the exit-code threshold', async () => {
    assert.equal((await runCli(['scan', '--fail-on', 'critical', '.env'], dir)).code, 0);
    assert.equal((await runCli(['scan', '--fail-on', 'high', '.env'], dir)).code, 1);
    assert.equal((await runCli(['scan', '--fail-on', 'none'], dir)).code, 0);
  });

  it('--output writes the report to a file', async () => {
    const r = await runCli(['scan', '-f', 'sarif', '-o', 'out.sarif', 'src'], dir);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /report written to .*out\.sarif/);
  });

  it('usage errors exit 2 with one line', async () => {
    const r = await runCli(['scan', '--format', 'xml'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^keywarden: usage error: --format: "xml" is not one of text, json, sarif, html\n$/);
    assert.equal((await runCli(['scan', '--bogus'], dir)).code, 2);
    assert.equal((await runCli(['frobnicate'], dir)).code, 2);
  });
});

describe('bad input', () => {
  it('a missing path stops the scan with one line (a typo must not scan nothing)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kw-bad-'));
    const s = awsKeyId();
    writeFileSync(join(dir, 'a.env'), `K=${s}\n`);
    const r = await runCli(['scan', 'missing.txt', 'a.env', '--verbose'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^keywarden: error: cannot scan missing\.txt: ENOENT/);
  });

  it('invalid UTF-8 is decoded with replacement characters and still scanned', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kw-utf8-'));
    const s = awsKeyId();
    writeFileSync(join(dir, 'latin1.txt'), Buffer.concat([Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]), Buffer.from(`key=${s}\n`)]));
    const j = JSON.parse((await runCli(['scan', '-f', 'json'], dir)).stdout);
    assert.equal(j.secrets[0].occurrences[0].line, 2);
    assert.equal(j.stats.skippedFiles['invalid-utf8-decoded'], 1);
  });

  it('a 2 GB file is skipped by size without being read, binary files are skipped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kw-big-'));
    closeSync(openSync(join(dir, 'huge.log'), 'w'));
    truncateSync(join(dir, 'huge.log'), 2 * 1024 ** 3); // sparse: no disk used
    writeFileSync(join(dir, 'bin.dat'), Buffer.from([1, 0, 2, 0, 3]));
    const r = await runCli(['scan', '-f', 'json'], dir);
    assert.equal(r.code, 0);
    const j = JSON.parse(r.stdout);
    assert.equal(j.stats.skippedFiles['too-large'], 1);
    assert.equal(j.stats.skippedFiles.binary, 1);
  });

  it('a directory symlink loop does not trap the walk', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kw-loop-'));
    mkdirSync(join(dir, 'a'));
    symlinkSync('..', join(dir, 'a', 'loop'));
    writeFileSync(join(dir, 'a', 'k.env'), `K=${awsKeyId()}\n`);
    const j = JSON.parse((await runCli(['scan', '-f', 'json'], dir)).stdout);
    assert.equal(j.secrets.length, 1);
    assert.equal(j.stats.skippedFiles.symlink, 1);
  });

  it('files under names that are not valid UTF-8 are read, .gitignore there is honoured, and git-ignored files are counted in the summary', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kw-bytes-'));
    const odd = Buffer.concat([Buffer.from(join(dir, 'd-')), Buffer.from([0xff]), Buffer.from('x')]);
    const sub = Buffer.concat([odd, Buffer.from('/s-'), Buffer.from([0xfe])]);
    mkdirSync(odd);
    mkdirSync(sub);
    const key = awsKeyId();
    writeFileSync(Buffer.concat([odd, Buffer.from('/k.env')]), `K=${key}\n`);
    writeFileSync(Buffer.concat([sub, Buffer.from('/f-'), Buffer.from([0xfd]), Buffer.from('.env')]), `K=${key}\n`);
    writeFileSync(Buffer.concat([odd, Buffer.from('/.gitignore')]), 'hidden.env\n');
    writeFileSync(Buffer.concat([odd, Buffer.from('/hidden.env')]), `K=${awsKeyId()}\n`);
    const r = await runCli(['scan', '-f', 'json'], dir);
    assert.equal(r.code, 1, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.deepEqual(j.errors, []);
    assert.equal(j.secrets.length, 1);
    assert.deepEqual(placesOf(j.secrets).map((p) => p.path).sort(), ['d-\uFFFDx/k.env', 'd-\uFFFDx/s-\uFFFD/f-\uFFFD.env']);
    assert.equal(j.stats.skippedFiles.ignored, 1);
    const text = await runCli(['scan', '--no-color'], dir);
    assert.match(text.stdout, /skipped: 1 ignored \(\.gitignore, allowlist\)/);
  });

  it('a rule with a broken regex is named with its file', () => {
    const [{ spec, source } = assert.fail('no rule parsed')] = parseRuleFile(
      'rules:\n  - id: my-rule\n    name: Mine\n    pattern: "(unclosed"\n    keywords: [mine]\n    severity: low\n    playbook: password\n    examples: [mine]\n    negativeExamples: [x]\n',
      'custom/rules.yaml',
    );
    assert.throws(() => compileRule(spec, source), /^RuleError: rule my-rule \(custom\/rules\.yaml\): invalid pattern: .*Unterminated group/);
  });

  it('a rule file with a schema error names the file, line and key', () => {
    assert.throws(
      () => parseRuleFile('rules:\n  - id: my-rule\n    name: Mine\n    pattern: "(x)"\n    keywords: [mine]\n    severity: urgent\n    playbook: password\n    examples: [mine]\n    negativeExamples: [x]\n', 'r.yaml'),
      /r\.yaml:6: rules\[0\]\.severity must be equal to one of the allowed values \(critical, high, medium, low\)/,
    );
  });
});

describe('keywarden scan --playbook', () => {
  it('writes the incident as markdown with the steps per type and no raw secret', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kw-pb-'));
    const pat = githubPat();
    const key = awsKeyId();
    writeFileSync(join(dir, 'a.env'), `GITHUB_TOKEN=${pat}\nAWS_ACCESS_KEY_ID=${key}\n`);
    const r = await runCli(['scan', '--playbook', 'incident.md', '-q'], dir);
    assert.equal(r.code, 1);
    const md = readFileSync(join(dir, 'incident.md'), 'utf8');
    assert.match(md, /<!-- keywarden:incident fingerprints=/);
    assert.match(md, /aws iam update-access-key/);
    assert.match(md, /github\.com\/settings\/tokens/);
    assert.ok(!md.includes(pat) && !md.includes(key), 'raw secret in the incident markdown');
  });
});
