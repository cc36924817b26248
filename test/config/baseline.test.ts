// Baselines: the file format (sorted fingerprints, no line numbers) and `scan --baseline` reporting
// only findings that are new.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { formatBaseline } from '../../src/config/baseline.ts';
import { parseFingerprintList } from '../../src/config/fingerprint-list.ts';
import type { Finding } from '../../src/core/types.ts';
import { runCli } from '../helpers/cli.ts';
import { githubPat } from '../helpers/secrets.ts';

const finding = (fingerprint: string, path: string, line: number): Finding =>
  ({ fingerprint, path, line, ruleId: 'github-pat' }) as Finding;

describe('baseline file', () => {
  it('one sorted line per fingerprint with rule id and first path; no line numbers', () => {
    const text = formatBaseline([finding('b'.repeat(32), 'z.txt', 9), finding('a'.repeat(32), 'y.txt', 3), finding('b'.repeat(32), 'x.txt', 1)]);
    const body = text.split('\n').filter((l) => l && !l.startsWith('#'));
    assert.deepEqual(body, [`${'a'.repeat(32)}  # github-pat y.txt`, `${'b'.repeat(32)}  # github-pat x.txt`]);
    assert.deepEqual(parseFingerprintList(text, 'b').map((e) => e.fingerprint), ['a'.repeat(32), 'b'.repeat(32)]);
  });

  it('the same findings at other lines give the same file', () => {
    const a = formatBaseline([finding('c'.repeat(32), 'p.txt', 1)]);
    const b = formatBaseline([finding('c'.repeat(32), 'p.txt', 40)]);
    assert.equal(a, b);
  });
});

describe('keywarden baseline + scan --baseline', () => {
  it('hides the findings that existed and shows a new one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kw-baseline-'));
    writeFileSync(join(dir, 'old.env'), `A=${githubPat()}\nB=${githubPat()}\n`);
    const made = await runCli(['baseline'], dir);
    assert.equal(made.code, 0, made.stderr);
    assert.match(made.stdout, /wrote 2 fingerprints \(2 findings\) to \.keywarden-baseline/);
    const file = readFileSync(join(dir, '.keywarden-baseline'), 'utf8');
    assert.equal(file.split('\n').filter((l) => /^[0-9a-f]{32} {2}# github-pat old\.env$/.test(l)).length, 2);

    assert.equal((await runCli(['scan', '--baseline', '.keywarden-baseline'], dir)).code, 0);
    writeFileSync(join(dir, 'old.env'), `# moved down\n\n${readFileSync(join(dir, 'old.env'), 'utf8')}`);
    writeFileSync(join(dir, 'new.env'), `C=${githubPat()}\n`);
    const r = await runCli(['scan', '--format', 'json', '--baseline', '.keywarden-baseline'], dir);
    assert.equal(r.code, 1);
    const report = JSON.parse(r.stdout) as { findings: { path: string }[]; stats: { skipped: Record<string, number> } };
    assert.deepEqual(report.findings.map((f) => f.path), ['new.env']);
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
