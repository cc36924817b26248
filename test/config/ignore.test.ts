// .keywardenignore: the file format, `keywarden ignore`, suppression by fingerprint (not by line),
// and --report-unused-ignores.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError } from '../../src/config/errors.ts';
import { parseFingerprintList } from '../../src/config/fingerprint-list.ts';
import { ignoreLine } from '../../src/config/ignore-file.ts';
import { runCli } from '../helpers/cli.ts';
import { githubPat } from '../helpers/secrets.ts';
import { placesOf, type JsonReport } from '../helpers/report.ts';


const fp = (c: string): string => c.repeat(40);

async function jsonScan(dir: string, ...flags: string[]): Promise<{ code: number; report: JsonReport }> {
  const r = await runCli(['scan', '--format', 'json', ...flags], dir);
  assert.notEqual(r.code, 2, r.stderr);
  return { code: r.code, report: JSON.parse(r.stdout) as JsonReport };
}

describe('.keywardenignore format', () => {
  it('reads fingerprints with optional comments; skips blank and comment lines; lowercases', () => {
    const text = `# header\n\n${fp('a')}  # test value — ana, 2026-01-02\n${fp('B')}\n   ${fp('c')}#tight\n`;
    assert.deepEqual(parseFingerprintList(text, '.keywardenignore'), [
      { fingerprint: fp('a'), comment: 'test value — ana, 2026-01-02', line: 3 },
      { fingerprint: fp('b'), comment: '', line: 4 },
      { fingerprint: fp('c'), comment: 'tight', line: 5 },
    ]);
  });

  it('a malformed line is an error with its line number', () => {
    assert.throws(() => parseFingerprintList(`${fp('a')}\nsrc/app.js:12\n`, '.keywardenignore'), (e: Error) => e instanceof ConfigError && /^\.keywardenignore:2: "…" \(13 chars\) is not a secret fingerprint/.test(e.message));
  });

  it('an ignore line has the fingerprint, the reason, who and the date, on one line', () => {
    assert.equal(ignoreLine(fp('d'), 'fixture\nfor tests', 'Ana', new Date('2026-03-04T10:00:00Z')), `${fp('d')}  # fixture for tests — Ana, 2026-03-04`);
  });
});

describe('ignoring findings', () => {
  it('an ignored fingerprint is suppressed while a different secret on the same line is still reported', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kw-ignore-'));
    writeFileSync(join(dir, 'tokens.env'), `A=${githubPat()} B=${githubPat()}\n`);
    const before = await jsonScan(dir);
    assert.equal(placesOf(before.report.secrets).length, 2);
    const [first, second] = placesOf(before.report.secrets);
    assert.ok(first && second);

    const add = await runCli(['ignore', first.fingerprint, '--reason', 'revoked test token', '--by', 'tester'], dir);
    assert.equal(add.code, 0, add.stderr);
    assert.match(readFileSync(join(dir, '.keywardenignore'), 'utf8'), new RegExp(`^${first.fingerprint}  # revoked test token — tester, \\d{4}-\\d\\d-\\d\\d$`, 'm'));

    const after = await jsonScan(dir);
    assert.equal(after.code, 1);
    assert.deepEqual(placesOf(after.report.secrets).map((f) => f.fingerprint), [second.fingerprint]);
    assert.equal(placesOf(after.report.secrets)[0]?.column, second.column);
    assert.equal(after.report.stats.skipped.ignored, 1);
  });

  it('keywarden ignore refuses bad input and does not add a fingerprint twice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kw-ignore-'));
    assert.equal((await runCli(['ignore', fp('e')], dir)).code, 2, '--reason is required');
    assert.match((await runCli(['ignore', 'nothex', '--reason', 'x'], dir)).stderr, /usage error: "nothex" is not a secret fingerprint/);
    assert.equal((await runCli(['ignore', fp('e'), '--reason', 'x', '--by', 'me'], dir)).code, 0);
    const again = await runCli(['ignore', fp('e'), '--reason', 'x', '--by', 'me'], dir);
    assert.match(again.stderr, /already ignored \(\.keywardenignore:2\)/);
    assert.equal(readFileSync(join(dir, '.keywardenignore'), 'utf8').split(fp('e')).length, 2, 'one line only');
  });

  it('--report-unused-ignores reports entries that matched nothing, with their line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kw-ignore-'));
    writeFileSync(join(dir, 'a.env'), `A=${githubPat()}\n`);
    const used = placesOf((await jsonScan(dir)).report.secrets)[0]?.fingerprint ?? '';
    writeFileSync(join(dir, '.keywardenignore'), `${used}  # in use\n${fp('f')}  # secret removed long ago\n`);
    const quiet = await jsonScan(dir);
    assert.equal(quiet.code, 0);
    assert.deepEqual(quiet.report.errors, [], 'unused entries are only reported on request');
    const loud = await jsonScan(dir, '--report-unused-ignores');
    assert.deepEqual(loud.report.errors.map((e) => e.path), ['.keywardenignore']);
    assert.match(loud.report.errors[0]?.message ?? '', new RegExp(`^line 2: unused ignore ${fp('f')} \\(secret removed long ago\\)`));
    const text = await runCli(['scan', '--report-unused-ignores'], dir);
    assert.match(text.stdout, /warning: \.keywardenignore: line 2: unused ignore/);
  });
});
