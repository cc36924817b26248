// The base64-text validator (a Kubernetes Secret's data values): decoded words and identifiers are
// no secret; random bytes, random text and `user:password` pairs are left to the rule.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { base64Text } from '../../../src/core/validators/base64-text.ts';
import type { Verdict } from '../../../src/core/validators/verdict.ts';
import { gen } from '../../helpers/secrets.ts';

const b64 = (s: string | Buffer): string => Buffer.from(s).toString('base64');

const cases: { name: string; value: string; verdict: Verdict }[] = [
  { name: 'a snake_case phrase', value: b64('this_is_the_plugin_secret'), verdict: 'invalid' },
  { name: 'an identifier with a digit', value: b64('session_data2'), verdict: 'invalid' },
  { name: 'a word and the newline echo adds', value: b64('mariadb\n'), verdict: 'invalid' },
  { name: 'a random password', value: b64(gen('{{gen:alnum:24}}')), verdict: 'unknown' },
  { name: 'random bytes', value: b64(Buffer.from(gen('{{gen:hex:48}}'), 'hex')), verdict: 'unknown' },
  { name: 'a user:password pair is not judged', value: b64('operator:the_admin_password'), verdict: 'unknown' },
  { name: 'not base64', value: 'not-base64!', verdict: 'unknown' },
  { name: "a service's address", value: b64('tcp://10.0.0.7:5705'), verdict: 'invalid' },
  { name: 'an https endpoint', value: b64('https://vault.acme.internal:8200/v1\n'), verdict: 'invalid' },
  { name: 'an e-mail address', value: b64('ops@acme-corp.example'), verdict: 'invalid' },
  { name: 'a URL with credentials in it is left to the rule', value: b64(`postgres://app:${gen('{{gen:alnum:20}}')}@db:5432/app`), verdict: 'unknown' },
  { name: 'host:port is not judged (a pair has the same shape)', value: b64('db.internal:5432'), verdict: 'unknown' },
];

describe('base64-text validator', () => {
  for (const c of cases) it(c.name, () => assert.equal(base64Text(c.value), c.verdict));
});
