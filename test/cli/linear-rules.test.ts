// Custom rules run in a linear-time engine (issue 11.9): a pattern that backtracks exponentially in V8
// and slips past the static check and the probe finishes at once; lookahead is rejected with one line
// naming the rule; matches, positions and flags are the same as V8's.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { LinearRegExp } from '../../src/rules/linear-regex.ts';
import { runCli } from '../helpers/cli.ts';
import type { Secret } from '../../src/core/types.ts';
import { placesOf } from '../helpers/report.ts';

function rule(id: string, pattern: string, example: string, extra = ''): string {
  return `rules:
  - id: ${id}
    name: ACME token
    pattern: '${pattern}'
    keywords: [acme]
    severity: high
    playbook: generic-api-token
    examples: ['${example}']
    negativeExamples: ['acme']${extra}
`;
}

function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kw-linear-'));
  for (const [p, t] of Object.entries(files)) writeFileSync(join(dir, p), t);
  return dir;
}

describe('custom rules in the linear-time engine', () => {
  it('acme=((?:k7q|k7qk7q)+)! on a 140-byte line finishes at once, where backtracking would take hours', async () => {
    const line = `x acme=${'k7q'.repeat(44)}\n`; // no "!": V8 would try every split (2^n)
    assert.ok(line.length >= 138 && line.length <= 141);
    const dir = dirWith({ '.keywarden.yml': rule('acme-loop', 'acme=((?:k7q|k7qk7q)+)!', 'acme=k7qk7qk7q!'), 'a.txt': line.repeat(3), 'b.txt': 'acme=k7qk7qk7qk7q!\n' });
    const r = await runCli(['scan', 'a.txt', 'b.txt', '-f', 'json', '--threads', '1'], dir);
    assert.equal(r.code, 1, r.stderr);
    const j = JSON.parse(r.stdout) as { secrets: Secret[]; stats: { durationMs: number } };
    // The detection time (configuration loading excluded). Backtracking would try about 2^44 splits per
    // line (hours); linear time is milliseconds. The bound leaves room for a loaded machine (5.9 s was
    // seen at load 15 against a 1 s bound) while no backtracking engine could meet it.
    assert.ok(j.stats.durationMs < 30_000, `took ${j.stats.durationMs} ms`);
    assert.deepEqual(placesOf(j.secrets).map((f) => `${f.path}:${f.line}:${f.column}:${f.ruleId}`), ['b.txt:1:6:acme-loop']);
  });

  it('a custom rule with a lookahead is rejected with one line naming it', async () => {
    const dir = dirWith({ '.keywarden.yml': rule('acme-ahead', 'acme_(?=[a-z])([a-z0-9]{12})', 'acme_abcdefghijkl') });
    const r = await runCli(['scan'], dir);
    assert.equal(r.code, 2);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /rule acme-ahead.*linear-time engine.*\(\?=/);
  });

  it('LinearRegExp behaves like RegExp for exec with g, d, i and s; indices in UTF-16 units', () => {
    const cases: [string, string, string][] = [
      ['k=([a-z]+)', 'gd', 'k=abc k=def'],
      ['K=([a-z]+)', 'gdi', '😀 k=abc é K=DEF'],
      ['a(.+)b', 'gds', 'xa\n\nbx'],
      ['(?<=key=)([0-9]+)', 'gd', 'key=123 nokey=4 key=56'],
    ];
    for (const [source, flags, input] of cases) {
      const v8 = new RegExp(source, flags);
      const linear = new LinearRegExp(source, flags);
      for (;;) {
        const a = v8.exec(input);
        const b = linear.exec(input);
        assert.deepEqual(b && [...b], a && [...a], source);
        if (!a || !b) break;
        assert.equal(b.index, a.index);
        assert.deepEqual(b.indices && [...b.indices], a.indices && [...a.indices]);
        assert.equal(linear.lastIndex, v8.lastIndex);
      }
    }
    assert.equal(new LinearRegExp('abc', '').test('xxabc'), true);
  });
});
