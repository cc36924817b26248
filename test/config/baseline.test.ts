// Baselines: the file format (sorted fingerprints, no line numbers) and `scan --baseline` reporting
// only findings that are new.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { formatBaseline } from '../../src/config/baseline.ts';
import { parseFingerprintList } from '../../src/config/fingerprint-list.ts';
import { legacyFingerprint } from '../../src/core/fingerprint.ts';
import type { Secret } from '../../src/core/types.ts';
import { runCli } from '../helpers/cli.ts';
import { parseReport, placesOf } from '../helpers/report.ts';
import { awsSecret, githubPat } from '../helpers/secrets.ts';

const secret = (fingerprint: string, ...places: [string, number][]): Secret =>
  ({ fingerprint, ruleId: 'github-pat', occurrences: places.map(([path, line]) => ({ path, line, column: 1, endLine: line, endColumn: 2 })) }) as Secret;

describe('baseline file', () => {
  it('one sorted line per secret with rule id and first path; no line numbers', () => {
    const text = formatBaseline([secret('b'.repeat(40), ['z.txt', 9], ['x.txt', 1]), secret('a'.repeat(40), ['y.txt', 3])]);
    const body = text.split('\n').filter((l) => l && !l.startsWith('#'));
    assert.deepEqual(body, [`${'a'.repeat(40)}  # github-pat y.txt`, `${'b'.repeat(40)}  # github-pat x.txt`]);
    assert.deepEqual(parseFingerprintList(text, 'b').map((e) => e.fingerprint), ['a'.repeat(40), 'b'.repeat(40)]);
  });

  it('the same secrets at other lines give the same file', () => {
    const a = formatBaseline([secret('c'.repeat(40), ['p.txt', 1])]);
    const b = formatBaseline([secret('c'.repeat(40), ['p.txt', 40])]);
    assert.equal(a, b);
  });
});

describe('keywarden baseline + scan --baseline', () => {
  it('hides the findings that existed and shows a new one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kw-baseline-'));
    writeFileSync(join(dir, 'old.env'), `A=${githubPat()}\nB=${githubPat()}\n`);
    const made = await runCli(['baseline'], dir);
    assert.equal(made.code, 0, made.stderr);
    assert.match(made.stdout, /wrote 2 fingerprints \(2 places\) to \.keywarden-baseline/);
    const file = readFileSync(join(dir, '.keywarden-baseline'), 'utf8');
    assert.equal(file.split('\n').filter((l) => /^[0-9a-f]{40} {2}# github-pat old\.env$/.test(l)).length, 2);

    assert.equal((await runCli(['scan', '--baseline', '.keywarden-baseline'], dir)).code, 0);
    writeFileSync(join(dir, 'old.env'), `# moved down\n\n${readFileSync(join(dir, 'old.env'), 'utf8')}`);
    writeFileSync(join(dir, 'new.env'), `C=${githubPat()}\n`);
    const r = await runCli(['scan', '--format', 'json', '--baseline', '.keywarden-baseline'], dir);
    assert.equal(r.code, 1);
    const report = parseReport(r.stdout);
    assert.deepEqual(placesOf(report.secrets).map((f) => f.path), ['new.env']);
    assert.equal(report.stats.skipped.baseline, 2);
  });

  it('--output writes elsewhere; a missing baseline file is an error naming it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kw-baseline-'));
    writeFileSync(join(dir, 'a.env'), `A=${githubPat()}\n`);
    assert.equal((await runCli(['baseline', '--output', 'bl.txt', '--quiet'], dir)).code, 0);
    assert.equal(parseFingerprintList(readFileSync(join(dir, 'bl.txt'), 'utf8'), 'bl.txt').length, 1);
    const r = await runCli(['scan', '--baseline', 'missing.txt'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot read baseline missing\.txt: ENOENT/);
  });
});

describe('baseline identity is the secret, not the rule', () => {
  it('disabling the rule that found a baselined secret does not bring it back under another rule', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kw-baseline-'));
    writeFileSync(join(dir, 'app.env'), `aws_secret_access_key = "${awsSecret()}"\n`);
    assert.equal((await runCli(['baseline', '--quiet'], dir)).code, 0);
    const without = await runCli(['scan', '--format', 'json', '--disable-rule', 'aws-secret-access-key'], dir);
    const other = placesOf(parseReport(without.stdout).secrets);
    assert.equal(other.length, 1, 'another rule reports the same value once github-pat is off');
    assert.notEqual(other[0]?.ruleId, 'aws-secret-access-key');
    const r = await runCli(['scan', '--format', 'json', '--disable-rule', 'aws-secret-access-key', '--baseline', '.keywarden-baseline'], dir);
    assert.equal(r.code, 0, r.stdout);
    assert.deepEqual(parseReport(r.stdout).secrets, []);
    assert.equal(parseReport(r.stdout).stats.skipped.baseline, 1);
  });

  it('reads a version 1 baseline, and --upgrade rewrites it (and .keywardenignore) keeping comments', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kw-baseline-'));
    const [a, b] = [githubPat(), githubPat()];
    writeFileSync(join(dir, 'a.env'), `A=${a}\nB=${b}\n`);
    const unmatched = 'e'.repeat(32);
    writeFileSync(join(dir, '.keywarden-baseline'), `# old\n${legacyFingerprint('github-pat', a)}  # github-pat a.env\n${unmatched}  # gone\n`);
    writeFileSync(join(dir, '.keywardenignore'), `${legacyFingerprint('github-pat', b)}  # test value — ana, 2026-01-02\n`);
    const before = await runCli(['scan', '--format', 'json', '--baseline', '.keywarden-baseline'], dir);
    assert.equal(before.code, 0, 'old entries still hide both secrets');
    const up = await runCli(['baseline', '--upgrade'], dir);
    assert.equal(up.code, 0, up.stderr);
    assert.match(up.stdout, /\.keywarden-baseline: upgraded 1 fingerprint; 1 old entry matched no secret of this scan/);
    assert.match(up.stdout, /\.keywardenignore: upgraded 1 fingerprint\n/);
    const baseline = readFileSync(join(dir, '.keywarden-baseline'), 'utf8');
    assert.match(baseline, /^# old\n[0-9a-f]{40} {2}# github-pat a\.env\ne{32} {2}# gone\n$/);
    assert.match(readFileSync(join(dir, '.keywardenignore'), 'utf8'), /^[0-9a-f]{40} {2}# test value — ana, 2026-01-02\n$/);
    const after = await runCli(['scan', '--format', 'json', '--baseline', '.keywarden-baseline'], dir);
    assert.equal(after.code, 0, 'the upgraded entries hide the same secrets');
    assert.equal((await runCli(['baseline', '--upgrade', '--output', 'none.txt'], dir)).code, 2);
  });
});
