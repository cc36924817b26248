// Lints the playbook pack: every file validates, the set of files is exactly the fixed id list, every
// rule's playbook exists, every playbook is complete, and step text is safe to render as Markdown.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { builtinPlaybooks, builtinRuleSpecs, RULES_DIR } from '../../src/data/builtin.ts';
import { PLAYBOOK_IDS } from '../../src/playbook/ids.ts';
import { parseCommonFile, parsePlaybookFile, PlaybookFileError } from '../../src/playbook/load.ts';
import type { Playbook } from '../../src/playbook/types.ts';
import { lintRules } from '../../src/rules/lint.ts';

const set = builtinPlaybooks();
const ids = new Set(set.playbooks.map((p) => p.id));

/** Every step-like text of a playbook, labelled for error messages. */
function texts(p: Playbook): [string, string][] {
  const lists: [string, readonly string[]][] = [
    ['revoke', p.revoke], ['rotate', p.rotate.steps], ['verify', p.verify], ['audit', p.audit], ['history', p.history ?? []],
  ];
  return [['grants', p.grants], ['blastRadius', p.blastRadius], ...lists.flatMap(([k, l]) => l.map((s, i): [string, string] => [`${k}[${i}]`, s]))];
}

/** Text with inline code spans removed; throws on an unbalanced backtick. */
function outsideCode(text: string): string {
  const parts = text.split('`');
  assert.equal(parts.length % 2, 1, `unbalanced backticks in: ${text}`);
  return parts.filter((_, i) => i % 2 === 0).join(' ');
}

describe('playbook pack', () => {
  it('has exactly one file per fixed playbook id, and no orphan files', () => {
    const files = readdirSync(join(RULES_DIR, 'playbooks')).filter((f) => !f.startsWith('_')).sort();
    assert.deepEqual(files, [...PLAYBOOK_IDS].map((id) => `${id}.yaml`).sort());
    assert.deepEqual([...ids].sort(), [...PLAYBOOK_IDS].sort());
  });

  it('resolves the playbook of every built-in rule', () => {
    const problems = lintRules(builtinRuleSpecs(), { playbooks: ids }).filter((p) => p.message.includes('playbook'));
    assert.deepEqual(problems.map((p) => `${p.source} ${p.ruleId}: ${p.message}`), []);
  });

  for (const p of set.playbooks) {
    it(`${p.id}: has revoke, rotate, verify and audit steps and https references`, () => {
      for (const [name, list] of [['revoke', p.revoke], ['rotate', p.rotate.steps], ['verify', p.verify], ['audit', p.audit], ['references', p.references]] as const) {
        assert.ok(list.length >= 1, `${p.id}: no ${name}`);
      }
      assert.ok(p.references.every((u) => u.startsWith('https://')));
    });

    it(`${p.id}: keeps <placeholders> inside code spans and names only existing playbooks`, () => {
      for (const [where, text] of texts(p)) {
        assert.doesNotMatch(outsideCode(text), /[<>]/, `${p.id} ${where}: angle bracket outside backticks (GitHub would strip it)`);
        for (const m of text.matchAll(/keywarden playbook ([a-z0-9][a-z0-9-]*)/g)) assert.ok(ids.has(m[1] ?? ''), `${p.id} ${where}: unknown playbook ${m[1]}`);
      }
    });
  }

  it('references are well-formed https links (host with a dot, no spaces, no trailing punctuation, no duplicates)', () => {
    for (const p of set.playbooks) {
      for (const ref of p.references) {
        let url: URL;
        try {
          url = new URL(ref);
        } catch {
          assert.fail(`${p.id}: reference is not a URL: ${ref}`);
        }
        assert.equal(url.protocol, 'https:', `${p.id}: ${ref}`);
        assert.match(url.hostname, /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i, `${p.id}: host of ${ref}`);
        assert.doesNotMatch(ref, /[\s<>"'`)\],.;:]$/, `${p.id}: trailing punctuation in ${ref}`);
        assert.doesNotMatch(ref, /\s/, `${p.id}: whitespace in ${ref}`);
      }
      assert.equal(new Set(p.references).size, p.references.length, `${p.id}: duplicate reference`);
    }
  });

  it('every playbook says when it was last checked against provider docs: a real date, not in the future', () => {
    const tomorrow = Date.now() + 86_400_000;
    for (const p of set.playbooks) {
      const t = Date.parse(`${p.checked}T00:00:00Z`);
      assert.ok(Number.isFinite(t), `${p.id}: checked "${p.checked}" is not a date`);
      assert.equal(new Date(t).toISOString().slice(0, 10), p.checked, `${p.id}: checked "${p.checked}" is not a calendar date`);
      assert.ok(t <= tomorrow, `${p.id}: checked "${p.checked}" is in the future`);
    }
  });

  it('states provider facts as documented (checked 2026-12-07)', () => {
    const get = (id: string): Playbook => {
      const p = set.playbooks.find((x) => x.id === id);
      assert.ok(p, id);
      return p;
    };
    const all = (p: Playbook): string => texts(p).map(([, t]) => t).join('\n');
    // AWS attaches the V3 (older cases: V2) quarantine policy, not the retired V1.
    assert.match(all(get('aws')), /AWSCompromisedKeyQuarantineV3/);
    assert.doesNotMatch(all(get('aws')), /AWSCompromisedKeyQuarantine(?!V[23])/);
    // A rolled Stripe key is answered with an authentication error (HTTP 401).
    assert.match(get('stripe').verify.join(' '), /401/);
    assert.doesNotMatch(get('stripe').verify.join(' '), /invalid_request_error/);
    // Revoking a Slack bot token deactivates the bot and removes it from its channels.
    assert.match(get('slack').revoke.join(' '), /deactivates the bot user and removes it from every channel/);
    assert.match(get('slack').revoke.join(' '), /Reinstall/);
    // Postgres: the new password never goes through a logged or remembered statement.
    const db = get('database-credential');
    assert.match(db.revoke.join(' '), /\\password/);
    assert.match(db.revoke.join(' '), /log_statement/);
    assert.doesNotMatch([...db.revoke, ...db.rotate.steps].join(' '), /(ALTER|CREATE) ROLE [^`]*PASSWORD '<NEW_PASSWORD>'/);
  });

  it('keeps the common steps Markdown-safe', () => {
    const c = set.common;
    for (const text of [...Object.values(c.patterns), ...c.withinHour, ...c.exposure, ...c.history, ...c.record]) {
      assert.doesNotMatch(outsideCode(text), /[<>]/, text);
    }
  });
});

describe('playbook loader', () => {
  const valid = 'id: demo\ntitle: Demo token\nprovider: Demo\nchecked: "2026-12-07"\ngrants: Grants everything the demo account can do.\nblastRadius: Everything in the demo account, for ever.\nrevoke: [Delete the token in the settings page.]\nrotate: {pattern: reissue, steps: [Issue a narrower token if needed.]}\nverify: [Call the API with the old token; expect 401.]\naudit: [Read the audit log since the first commit.]\nreferences: [https://example.com/docs]\n';

  it('accepts a complete file whose id matches its name', () => {
    assert.equal(parsePlaybookFile(valid, 'rules/playbooks/demo.yaml').rotate.pattern, 'reissue');
  });

  it('names the file, line and key of a schema error', () => {
    const bad = valid.replace('pattern: reissue', 'pattern: yolo');
    assert.throws(() => parsePlaybookFile(bad, 'rules/playbooks/demo.yaml'), (e: Error) => {
      assert.ok(e instanceof PlaybookFileError);
      assert.match(e.message, /^rules\/playbooks\/demo\.yaml:8: rotate\.pattern must be equal to one of the allowed values \(two-keys, dual-read, rolling-restart, reissue\)$/);
      return true;
    });
  });

  it('rejects an id that differs from the file name', () => {
    assert.throws(() => parsePlaybookFile(valid, 'rules/playbooks/other.yaml'), /id "demo" must equal the file name "other"/);
  });

  it('rejects unknown keys and YAML syntax errors', () => {
    assert.throws(() => parsePlaybookFile(`${valid}extra: 1\n`, 'x/demo.yaml'), /must NOT have additional properties "extra"/);
    assert.throws(() => parsePlaybookFile('id: [demo\n', 'x/demo.yaml'), PlaybookFileError);
  });

  it('requires every rotation pattern to be described in the common file', () => {
    assert.throws(() => parseCommonFile('patterns: {two-keys: Create the second key first.}\n', 'x/_common.yaml'), /patterns must have required property 'dual-read'/);
  });
});
