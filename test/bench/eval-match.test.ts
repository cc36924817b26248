// The eval scorer: matching findings to the answer key, and parsing the two tools' reports.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Answers, PlantedSecret } from '../../bench/eval/answers.ts';
import { rates, scoreFindings, type ToolFinding } from '../../bench/eval/match.ts';
import { detailLines, overallTable, perTypeTable } from '../../bench/eval/report.ts';
import { scoreOptions } from '../../bench/eval/score.ts';
import { parseKeywarden, parseSecretlint } from '../../bench/eval/tools.ts';

function planted(file: string, line: number, ruleId: string, endLine = line): PlantedSecret {
  return { file, line, endLine, ruleId, family: ruleId.split('-')[0] ?? '', hash: 'h', fingerprint: `fp-${file}-${line}`, redacted: 'abc… (20 chars, #00000000)', host: 'env', style: 'assign' };
}

const answers: Answers = {
  version: 1, seed: 's', files: 4, bytes: 0,
  secrets: [planted('a/.env', 3, 'github-pat'), planted('a/.env', 7, 'aws-access-key-id'), planted('b/key.pem', 1, 'private-key', 9), planted('c/x.py', 2, 'generic-password')],
  decoys: [{ file: 'a/.env', line: 5, category: 'placeholder', host: 'env' }],
  decoyFiles: [{ file: 'package-lock.json', category: 'lockfile' }],
  skipped: [],
};

const f = (file: string, line: number, type: string, extra: Partial<ToolFinding> = {}): ToolFinding => ({ file, line, endLine: line, type, redacted: 'r', ...extra });

describe('scoreFindings', () => {
  it('counts location matches as true positives and the rest as false alarms or misses', () => {
    const s = scoreFindings('kw', answers, [f('a/.env', 3, 'github-pat'), f('a/.env', 5, 'generic-password'), f('b/key.pem', 4, 'private-key'), f('package-lock.json', 10, 'x')], true);
    assert.deepEqual([s.tp, s.fp, s.fn, s.duplicates], [2, 2, 2, 0]);
    assert.deepEqual(s.falseAlarms.map((x) => x.category), ['placeholder', 'lockfile']);
    assert.deepEqual(s.misses.map((m) => m.ruleId).sort(), ['aws-access-key-id', 'generic-password']);
  });

  it('matches a finding anywhere inside a multi-line secret and counts a second one as a duplicate', () => {
    const s = scoreFindings('kw', answers, [f('b/key.pem', 9, 'private-key'), f('b/key.pem', 1, 'private-key')], true);
    assert.deepEqual([s.tp, s.fp, s.duplicates], [1, 0, 1]);
  });

  it('lets the finding of the planted type claim the secret, whatever the order of findings', () => {
    const s = scoreFindings('kw', answers, [f('a/.env', 3, 'generic-password'), f('a/.env', 3, 'github-pat', { fingerprint: 'fp-a/.env-3' })], true);
    assert.deepEqual([s.tp, s.duplicates, s.mismatches.length, s.exact], [1, 1, 0, 1]);
  });

  it('reports a type mismatch when only another rule found the secret', () => {
    const s = scoreFindings('kw', answers, [f('c/x.py', 2, 'github-pat')], true);
    assert.equal(s.tp, 1);
    assert.equal(s.mismatches[0]?.secret.ruleId, 'generic-password');
  });

  it('attributes false alarms to the reported type only for typed tools', () => {
    const typed = scoreFindings('kw', answers, [f('z.txt', 1, 'github-pat')], true);
    const untyped = scoreFindings('sl', answers, [f('z.txt', 1, 'github:GITHUB_TOKEN')], false);
    assert.equal(typed.perType.get('github-pat')?.fp, 1);
    assert.equal(untyped.perType.has('github:GITHUB_TOKEN'), false);
    assert.equal(untyped.falseAlarms[0]?.category, 'filler');
  });
});

describe('rates', () => {
  it('computes precision, recall and F1, and treats empty denominators as perfect', () => {
    assert.deepEqual(rates({ tp: 8, fp: 2, fn: 8 }), { precision: 0.8, recall: 0.5, f1: (2 * 0.8 * 0.5) / 1.3 });
    assert.deepEqual(rates({ tp: 0, fp: 0, fn: 0 }), { precision: 1, recall: 1, f1: 1 });
  });
});

describe('report', () => {
  const kw = scoreFindings('keywarden', answers, [f('a/.env', 3, 'github-pat'), f('z.txt', 1, 'github-pat')], true);
  const sl = scoreFindings('secretlint', answers, [f('a/.env', 7, 'aws:AWSAccessKeyID')], false);

  it('puts both tools side by side and the worst types first', () => {
    assert.match(overallTable([kw, sl], new Map([['keywarden', 1.25]])), /\| keywarden \| 4 \| 1 \| 1 \| 3 \| 0\.500 \| 0\.250 \| 0\.333 \| 1\.3 \|/);
    const rows = perTypeTable(kw, [sl], new Map([['github-pat', 'github']])).split('\n').slice(2);
    assert.match(rows[0] ?? '', /^\| (aws-access-key-id|generic-password|private-key) /);
    assert.match(rows.find((r) => r.includes('aws-access-key-id')) ?? '', /\| 1\.000 \|$/);
  });

  it('lists misses and false alarms with file:line and the redacted value only', () => {
    const lines = detailLines(kw);
    assert.ok(lines.includes('FP   z.txt:1  github-pat  r  [decoy: filler]'));
    assert.ok(lines.some((l) => l.startsWith('FN   b/key.pem:1  expected private-key')));
  });
});

describe('report parsers', () => {
  it('reads keywarden JSON findings', () => {
    const json = JSON.stringify({ secrets: [{ ruleId: 'github-pat', redacted: 'x', fingerprint: 'f', occurrences: [{ path: 'a/.env', line: 3, endLine: 3 }, { path: 'b', line: 1, endLine: 2 }] }] });
    assert.deepEqual(parseKeywarden(json), [
      { file: 'a/.env', line: 3, endLine: 3, type: 'github-pat', redacted: 'x', fingerprint: 'f' },
      { file: 'b', line: 1, endLine: 2, type: 'github-pat', redacted: 'x', fingerprint: 'f' },
    ]);
  });

  it('reads secretlint JSON, relativises paths and redacts the value from the source text', () => {
    const secret = `tok_${'q7Zp'.repeat(6)}`;
    const json = JSON.stringify([{ filePath: '/c/p/a.env', sourceContent: `X=${secret}\n`, messages: [{ ruleId: '@secretlint/secretlint-rule-github', messageId: 'GITHUB_TOKEN', range: [2, 2 + secret.length], loc: { start: { line: 1 }, end: { line: 1 } } }] }]);
    const [finding] = parseSecretlint(json, '/c');
    assert.ok(finding);
    assert.equal(finding.file, 'p/a.env');
    assert.equal(finding.type, 'github:GITHUB_TOKEN');
    assert.match(finding.redacted, /^tok_q7… \(28 chars\)$/);
    assert.ok(!finding.redacted.includes(secret));
  });
});

describe('scoreOptions', () => {
  it('parses --details with and without a tool, and rejects unknown flags', () => {
    assert.equal(scoreOptions(['--details']).details, 'keywarden');
    assert.equal(scoreOptions(['--details=all', '--no-secretlint']).secretlint, false);
    assert.throws(() => scoreOptions(['--details=gitleaks']), /use keywarden, secretlint or all/);
    assert.throws(() => scoreOptions(['--nope']), /unknown flag/);
  });
});
