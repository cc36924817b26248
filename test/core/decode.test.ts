// Table-driven tests of decoding: which runs are found (findEncodedSpans), and what detection
// reports inside them (detectWithDecoding), located at the encoded text. Secrets are built at run
// time from parts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectFragment, type SkipCounter } from '../../src/core/detect.ts';
import { findEncodedSpans } from '../../src/core/decode/find.ts';
import { detectWithDecoding } from '../../src/core/decode/rescan.ts';
import { secretOf } from '../../src/core/match.ts';
import type { Match, Fragment, RuleSpec } from '../../src/core/types.ts';
import { withChecksum } from '../../src/core/validators/checksum-token.ts';
import { builtinRuleSpecs } from '../../src/data/builtin.ts';
import { generatePrivateKey } from '../../src/rules/examples.ts';
import { compileRuleSet } from '../../src/rules/ruleset.ts';
import { awsKeyId, gen } from '../helpers/secrets.ts';

const base = { severity: 'high' as const, playbook: 'password', examples: ['x'], negativeExamples: ['y'] };
/** Rules the built-in pack may not have (yet): a PEM private key and a URL with a password. */
const testSpecs: RuleSpec[] = [
  { ...base, id: 'test-private-key', name: 'Private key', pattern: '(-----BEGIN (?:RSA )?PRIVATE KEY-----[\\s\\S]{20,8000}?-----END (?:RSA )?PRIVATE KEY-----)', keywords: ['-----begin'], reach: { after: 9000 }, validator: 'private-key', allowPlaceholders: true },
  { ...base, id: 'test-db-url', name: 'URL with password', pattern: '\\b[a-z][a-z0-9+.-]{1,20}://[^\\s:/@"\']{1,64}:([^\\s:/@"\']{8,128})@[^\\s/"\']+', keywords: ['://'] },
];
const builtin = builtinRuleSpecs().filter((s) => ['github-pat', 'aws-access-key-id', 'generic-password', 'docker-config-auth'].includes(s.spec.id) || s.source === 'rules/encoded.yaml');
const ruleSet = compileRuleSet([...builtin, ...testSpecs.map((spec) => ({ spec, source: 'test' }))]);

const b64 = (s: string): string => Buffer.from(s).toString('base64');
const pct = (s: string): string => [...Buffer.from(s)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
const githubPat = (): string => withChecksum('gh' + 'p', gen('{{gen:alnum:30}}'));
const password = (): string => gen('{{gen:alnum:12}}') + '#' + gen('{{gen:alnum:6}}');

/** The 1-based location of the first occurrence of `needle` (single line) in `text`. */
function locate(text: string, needle: string): Pick<Match, 'line' | 'column' | 'endLine' | 'endColumn'> {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, 'needle not in text');
  const before = text.slice(0, at).split('\n');
  const line = before.length;
  const column = (before[before.length - 1] ?? '').length + 1;
  return { line, column, endLine: line, endColumn: column + needle.length };
}

interface Expected {
  ruleId: string;
  at: Pick<Match, 'line' | 'column' | 'endLine' | 'endColumn'>;
  decodedFrom?: string;
  secret?: string;
}

interface Case {
  name: string;
  build: () => { fragment: Fragment; expect: Expected[]; skipped?: SkipCounter };
}

const cases: Case[] = [
  {
    name: 'a token base64-encoded in a Kubernetes Secret is reported at the base64 value',
    build: () => {
      const token = githubPat();
      const value = b64(token);
      const text = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ci\ndata:\n  token: ${value}\n`;
      return { fragment: { text, path: 'k8s/secret.yaml' }, expect: [{ ruleId: 'github-pat', at: locate(text, value), decodedFrom: 'base64', secret: token }] };
    },
  },
  {
    name: 'a PEM private key base64-encoded in a Kubernetes TLS Secret is reported at the base64 value',
    build: () => {
      const value = b64(`${generatePrivateKey('rsa')}\n`);
      const text = `kind: Secret\ntype: kubernetes.io/tls\ndata:\n  tls.crt: ""\n  tls.key: ${value}\n`;
      return { fragment: { text, path: 'tls.yaml' }, expect: [{ ruleId: 'test-private-key', at: locate(text, value), decodedFrom: 'base64' }] };
    },
  },
  {
    name: 'a base64 user:password pair under a credentials key is reported once decoded',
    build: () => {
      const pass = password();
      const value = b64(`deploy-bot:${pass}`);
      const text = `kind: Secret\ndata:\n  credentials: ${value}\n`;
      return { fragment: { text, path: 'secret.yaml' }, expect: [{ ruleId: 'credential-pair', at: locate(text, value), decodedFrom: 'base64', secret: pass }] };
    },
  },
  {
    name: 'an HTTP basic-auth header is reported once, by the rule that reads it encoded',
    build: () => {
      const value = b64(`svc_reports:${password()}`);
      const text = `GET /api HTTP/1.1\nAuthorization: Basic ${value}\n`;
      return { fragment: { text, path: 'req.http' }, expect: [{ ruleId: 'http-basic-auth', at: locate(text, value), secret: value }] };
    },
  },
  {
    name: 'Docker config auth is reported once, by the rule that reads it encoded',
    build: () => {
      const value = b64(`robot:${password()}`);
      const text = `{"auths":{"ghcr.io":{"auth":"${value}"}}}`;
      return { fragment: { text, path: 'config.json' }, expect: [{ ruleId: 'docker-config-auth', at: locate(text, value), secret: value }] };
    },
  },
  {
    name: 'a generic match on the encoded value gives way to the provider rule inside it',
    build: () => {
      const token = githubPat();
      const value = b64(token);
      const text = `{"password": "${value}"}`;
      assert.deepEqual(detectFragment({ text, path: 'a.json' }, ruleSet).map((f) => f.ruleId), ['generic-password'], 'the plain scan sees a password');
      return { fragment: { text, path: 'a.json' }, expect: [{ ruleId: 'github-pat', at: locate(text, value), decodedFrom: 'base64', secret: token }] };
    },
  },
  {
    name: 'a percent-encoded connection string is reported at the encoded run',
    build: () => {
      const pass = password();
      const encoded = encodeURIComponent(`postgres://app:${pass}@db.internal:5432/prod`);
      const text = `DATABASE_URL=${encoded}\n`;
      return { fragment: { text, path: '.env' }, expect: [{ ruleId: 'test-db-url', at: locate(text, encoded), decodedFrom: 'percent', secret: pass }] };
    },
  },
  {
    name: 'a JSON-escaped PEM private key is reported once, not twice',
    build: () => {
      const pem = generatePrivateKey('rsa');
      const escaped = JSON.stringify(pem).slice(1, -1);
      const text = `{\n  "private_key": "${escaped}"\n}\n`;
      return { fragment: { text, path: 'sa.json' }, expect: [{ ruleId: 'test-private-key', at: locate(text, escaped) }], skipped: { duplicate: 1 } };
    },
  },
  {
    name: 'a token hidden behind \\u escapes is found in the JSON string',
    build: () => {
      const token = githubPat();
      const literal = `\\u0067${token.slice(1)}`;
      const text = `{"token": "${literal}"}`;
      return { fragment: { text, path: 'a.json' }, expect: [{ ruleId: 'github-pat', at: locate(text, literal), decodedFrom: 'json-escape', secret: token }] };
    },
  },
  {
    name: 'a password behind \\/ escapes in a JSON URL is found',
    build: () => {
      const pass = password();
      const literal = `mysql:\\/\\/app:${pass}@db.internal\\/prod`;
      const text = `{"dsn": "${literal}"}`;
      return { fragment: { text, path: 'a.json' }, expect: [{ ruleId: 'test-db-url', at: locate(text, literal), decodedFrom: 'json-escape', secret: pass }] };
    },
  },
  {
    name: 'nested encoding: base64 of JSON with an escaped token is reported at the base64 run',
    build: () => {
      const token = githubPat();
      const value = b64(`{"registry":"ghcr.io","token":"\\u0067${token.slice(1)}"}`);
      const text = `settings: ${value}\n`;
      return { fragment: { text, path: 'settings.yaml' }, expect: [{ ruleId: 'github-pat', at: locate(text, value), decodedFrom: 'base64', secret: token }] };
    },
  },
  {
    name: 'a key glued to a percent escape is found only once decoded',
    build: () => {
      const key = awsKeyId();
      const run = `%2Fcallback%3Fkey%3D${key}`;
      const text = `url: https://example.test/login?next=${run}\n`;
      return { fragment: { text, path: 'a.yaml' }, expect: [{ ruleId: 'aws-access-key-id', at: locate(text, run), decodedFrom: 'percent', secret: key }] };
    },
  },
  {
    name: 'base64 with JSON-escaped slashes (PHP json_encode) is decoded through both layers',
    build: () => {
      const token = githubPat();
      // Base64 holds '/' only where a 6-bit group is all ones: '???' puts one in any alignment.
      const value = b64(`{"q":"why???","token":"${token}"}`);
      assert.ok(value.includes('/'));
      const literal = value.replace(/\//g, '\\/');
      const text = `{"settings":"${literal}"}`;
      return { fragment: { text, path: 'a.json' }, expect: [{ ruleId: 'github-pat', at: locate(text, literal), decodedFrom: 'json-escape', secret: token }] };
    },
  },
  {
    name: 'a token left unencoded inside a percent-encoded run is reported once, plain',
    build: () => {
      const token = githubPat();
      const text = `url: https://example.test/login?next=%2Fcallback%2Ftoken:${token}\n`;
      return { fragment: { text, path: 'a.yaml' }, expect: [{ ruleId: 'github-pat', at: locate(text, token), secret: token }], skipped: { duplicate: 1 } };
    },
  },
  {
    name: 'base64 of ordinary text produces nothing',
    build: () => {
      const text = `description: ${b64('The quick brown fox jumps over the lazy dog, twice.')}\nnote: "${b64('token: see the vault entry for this service')}"\n`;
      return { fragment: { text, path: 'a.yaml' }, expect: [] };
    },
  },
  {
    name: 'keywarden:allow on the line suppresses what decoding finds',
    build: () => {
      const text = `  token: ${b64(githubPat())} # keywarden:allow\n`;
      return { fragment: { text, path: 'a.yaml' }, expect: [], skipped: { 'inline-allow': 1 } };
    },
  },
  {
    name: 'a diff fragment reports the file line of the encoded run',
    build: () => {
      const value = b64(githubPat());
      const text = `+added: 1\n  token: ${value}\n`;
      const at = { ...locate(text, value), line: 41, endLine: 41 };
      return { fragment: { text, path: 'a.yaml', lineNumbers: [12, 41] }, expect: [{ ruleId: 'github-pat', at, decodedFrom: 'base64' }] };
    },
  },
];

describe('detectWithDecoding', () => {
  for (const c of cases) {
    it(c.name, () => {
      const { fragment, expect, skipped: wantSkipped } = c.build();
      const skipped: SkipCounter = {};
      const got = detectWithDecoding(fragment, ruleSet, skipped);
      assert.deepEqual(
        got.map((f) => ({ ruleId: f.ruleId, at: { line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn }, decodedFrom: f.decodedFrom })),
        expect.map((e) => ({ ruleId: e.ruleId, at: e.at, decodedFrom: e.decodedFrom })),
      );
      expect.forEach((e, i) => {
        if (e.secret) assert.equal(got[i] && secretOf(got[i]), e.secret, 'the decoded secret is attached');
      });
      for (const [reason, n] of Object.entries(wantSkipped ?? {})) assert.equal(skipped[reason as keyof SkipCounter], n, `skipped.${reason}`);
    });
  }

  it('keeps the decoded secret out of serialised matches', () => {
    const token = githubPat();
    const [f] = detectWithDecoding({ text: `token: ${b64(token)}`, path: 'a.yaml' }, ruleSet);
    assert.ok(f);
    assert.equal(secretOf(f), token);
    assert.ok(!JSON.stringify(f).includes(token.slice(4)));
    assert.equal(secretOf(f), secretOf(detectFragment({ text: `t: ${token}`, path: 'b' }, ruleSet)[0] ?? {}), 'same secret, same value (so the same fingerprint)');
  });

  it('decodes only as deep as asked', () => {
    const token = githubPat();
    const text = `settings: ${b64(`{"token":"\\u0067${token.slice(1)}"}`)}`;
    const ids = (depth: number): string[] => detectWithDecoding({ text, path: 'a.yaml' }, ruleSet, {}, depth).map((f) => f.ruleId);
    assert.deepEqual(ids(0), []);
    assert.deepEqual(ids(1), []);
    assert.deepEqual(ids(2), ['github-pat']);
  });

  it('decodes every run of a long minified line, so a token after hundreds of runs keeps its rule', () => {
    const runs = Array.from({ length: 3000 }, (_, i) => `"k${i}":"${b64(`value number ${i} of a long list`)}"`);
    const token = githubPat();
    const text = `{${runs.join(',')},"token":"${b64(token)}"}`;
    assert.equal(findEncodedSpans(text).length, runs.length + 1);
    const got = detectWithDecoding({ text, path: 'bundle.min.js' }, ruleSet);
    assert.deepEqual(got.map((f) => [f.ruleId, f.decodedFrom]), [['github-pat', 'base64']]);
    assert.equal(got[0] && secretOf(got[0]), token);
  });
});

interface SpanCase {
  name: string;
  text: string;
  spans: { encoding: string; raw: string; decoded: string }[];
}

const spanCases: SpanCase[] = [
  { name: 'identifiers, paths and hex are not base64 candidates', text: 'const detectWithDecodingFast = "node_modules/typescript/lib/tsc.js"; sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";', spans: [] },
  { name: 'a standard-alphabet run with padding', text: `x: ${b64('user@example.test:hunter2-hunter2')}`, spans: [{ encoding: 'base64', raw: b64('user@example.test:hunter2-hunter2'), decoded: 'user@example.test:hunter2-hunter2' }] },
  { name: 'a URL-safe run without padding', text: `t=${Buffer.from('{"sub":"12345","name":"Ada"}').toString('base64url')}&x=1`, spans: [{ encoding: 'base64', raw: Buffer.from('{"sub":"12345","name":"Ada"}').toString('base64url'), decoded: '{"sub":"12345","name":"Ada"}' }] },
  { name: 'base64 of binary data is not decoded', text: `icon: ${Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3]).toString('base64')}`, spans: [] },
  { name: 'a percent-encoded run is one value of a query string', text: `see <?q=${pct('a b/c')}x&y=%3D1> now`, spans: [{ encoding: 'percent', raw: `${pct('a b/c')}x`, decoded: 'a b/cx' }] },
  { name: 'printf formats are too short to be runs', text: 'printf("%2d %3A")', spans: [] },
  // `%40` in a written-out URL's user-info is part of the password (`p@ss`): decoding it would split the password.
  { name: "a written-out URL's authority stays encoded", text: 'uri: mongodb://dbuser:Tr1cky%40pw@%2Ftmp%2Fdb.sock', spans: [] },
  { name: "a written-out URL's path and query are decoded", text: 'u: https://dbuser:p%40w@host.test/cb%3Ftok%3Dabc', spans: [{ encoding: 'percent', raw: 'https://dbuser:p%40w@host.test/cb%3Ftok%3Dabc', decoded: 'https://dbuser:p%40w@host.test/cb?tok=abc' }] },
  { name: 'a string literal with escapes is one span, quotes excluded', text: `key = 'line one\\nline two' + "plain"`, spans: [{ encoding: 'json-escape', raw: 'line one\\nline two', decoded: 'line one\nline two' }] },
  { name: 'an escaped quote does not end the literal', text: `s = "{\\"a\\":\\"b c d\\"}";`, spans: [{ encoding: 'json-escape', raw: '{\\"a\\":\\"b c d\\"}', decoded: '{"a":"b c d"}' }] },
];

describe('findEncodedSpans', () => {
  for (const c of spanCases) {
    it(c.name, () => {
      const got = findEncodedSpans(c.text).map((s) => ({ encoding: s.encoding, raw: c.text.slice(s.start, s.end), decoded: s.decoded }));
      assert.deepEqual(got, c.spans);
    });
  }
});
