// `keywarden:allow` on the line of a secret suppresses it, whatever the comment syntax; for a secret
// spanning lines, on any line it spans. A marker on another line does not count.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { detectWithDecoding } from '../../src/core/decode/rescan.ts';
import { detectFragment, type SkipCounter } from '../../src/core/detect.ts';
import { loadRuleSet } from '../../src/scan.ts';
import { defaultSettings } from '../../src/settings.ts';
import { runCli } from '../helpers/cli.ts';
import { gen, githubPat } from '../helpers/secrets.ts';

const ruleSet = loadRuleSet(defaultSettings('/tmp'));

function detect(text: string, path = 'file.txt'): { ids: string[]; skipped: SkipCounter } {
  const skipped: SkipCounter = {};
  return { ids: detectFragment({ text, path }, ruleSet, skipped).map((f) => f.ruleId), skipped };
}

/** Rule ids found in `text` and in what decodes from it (base64 runs). */
function decoded(text: string): string[] {
  return detectWithDecoding({ text, path: 'file.txt' }, ruleSet).map((f) => f.ruleId);
}

describe('inline allow', () => {
  const syntaxes: { name: string; line: (secret: string) => string; path: string }[] = [
    { name: 'shell/YAML/Python # comment', line: (s) => `TOKEN=${s}  # keywarden:allow`, path: '.env' },
    { name: 'C-style // comment', line: (s) => `const token = "${s}"; // keywarden:allow test fixture`, path: 'a.js' },
    { name: 'block /* */ comment before the secret', line: (s) => `/* keywarden:allow */ const token = "${s}";`, path: 'a.c' },
    { name: 'HTML/XML <!-- --> comment', line: (s) => `<meta name="token" content="${s}"> <!-- keywarden:allow -->`, path: 'a.html' },
    { name: 'SQL/Lua -- comment', line: (s) => `SELECT '${s}' AS token; -- keywarden:allow`, path: 'a.sql' },
  ];
  for (const s of syntaxes) {
    it(`${s.name} suppresses the secret and counts it`, () => {
      const secret = githubPat();
      assert.deepEqual(detect(s.line(secret).replace(/keywarden:allow/, 'keywarden:nope'), s.path).ids, ['github-pat'], 'reported without the marker');
      const r = detect(s.line(secret), s.path);
      assert.deepEqual(r.ids, []);
      assert.ok((r.skipped['inline-allow'] ?? 0) >= 1, 'counted (once per rule that matched)');
    });
  }

  it('a marker on the line above, or on another secret\'s line, does not count', () => {
    assert.deepEqual(detect(`# keywarden:allow\nTOKEN=${githubPat()}\n`).ids, ['github-pat']);
    assert.deepEqual(detect(`A=${githubPat()} # keywarden:allow\nB=${githubPat()}\n`).ids, ['github-pat']);
  });

  it('a multi-line private key is allowed by a marker on its last line, not by one above it', () => {
    const pem = gen('{{gen:pem:rsa}}').trimEnd();
    assert.deepEqual(detect(`key: |\n${pem}\n`).ids, ['private-key-pem']);
    assert.deepEqual(detect(`key: | # keywarden:allow\n${pem}\n`).ids, ['private-key-pem'], 'the marker line is not a line of the key');
    const r = detect(`key: |\n${pem} # keywarden:allow (throwaway test key)\n`);
    assert.deepEqual(r.ids, []);
    assert.ok((r.skipped['inline-allow'] ?? 0) >= 1);
  });

  it('a base64-encoded secret is allowed by the same check, with the same reach along the line', () => {
    const encoded = Buffer.from(githubPat()).toString('base64');
    assert.deepEqual(decoded(`blob: ${encoded}\n`), ['github-pat'], 'found decoded');
    assert.deepEqual(decoded(`blob: ${encoded} # keywarden:allow\n`), []);
    const far = ` ${'x'.repeat(5000)} # keywarden:allow\n`;
    assert.deepEqual(decoded(`token: ${githubPat()}${far}`), ['github-pat'], 'a marker 5000 chars away does not reach a plain secret');
    assert.deepEqual(decoded(`blob: ${encoded}${far}`), ['github-pat'], 'nor an encoded one');
  });

  it('the text summary counts inline-allowed secrets', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kw-allow-'));
    writeFileSync(join(dir, 'a.env'), `A=${githubPat()} # keywarden:allow\n`);
    const r = await runCli(['scan'], dir);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /no secrets found .* · \d+ allowed inline/);
  });
});
