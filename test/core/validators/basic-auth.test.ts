// The base64 `user:password` validator (Docker config.json "auth", .npmrc _auth).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { basicAuthB64 } from '../../../src/core/validators/basic-auth.ts';
import type { Verdict } from '../../../src/core/validators/verdict.ts';
import { gen } from '../../helpers/secrets.ts';

const b64 = (s: string | Buffer): string => Buffer.from(s).toString('base64');

interface Case {
  name: string;
  value: string;
  verdict: Verdict;
}

const cases: Case[] = [
  { name: 'user and password', value: b64(`${gen('{{gen:lower:8}}')}:${gen('{{gen:alnum:20}}')}`), verdict: 'valid' },
  { name: 'a password holding a colon and non-ASCII text', value: b64(`deploy:${gen('{{gen:alnum:8}}')}:é€`), verdict: 'valid' },
  { name: 'a token as password after an email user', value: b64(`ci@acme.dev:${gen('{{gen:base64url:36}}')}`), verdict: 'valid' },
  { name: 'no colon', value: b64(gen('{{gen:alnum:24}}')), verdict: 'invalid' },
  { name: 'empty user', value: b64(`:${gen('{{gen:alnum:16}}')}`), verdict: 'invalid' },
  { name: 'empty password', value: b64(`${gen('{{gen:lower:8}}')}:`), verdict: 'invalid' },
  { name: 'binary data', value: b64(Buffer.from([0x01, 0x3a, 0xff, 0xfe, 0x00, 0x10, 0x41, 0x3a, 0x42])), verdict: 'invalid' },
  { name: 'unpadded base64', value: b64(`${gen('{{gen:lower:7}}')}:${gen('{{gen:alnum:9}}')}`).replace(/=+$/, ''), verdict: 'invalid' },
  { name: 'not base64 at all', value: 'user:password', verdict: 'invalid' },
  { name: 'a password that only names the slot', value: b64('deploy:Password'), verdict: 'invalid' },
  { name: 'a stand-in short password', value: b64('ci-bot:pass'), verdict: 'invalid' },
  { name: 'a password that repeats the user', value: b64('grafana:grafana'), verdict: 'invalid' },
  { name: 'a weak but real password', value: b64('admin:letmein42'), verdict: 'valid' },
];

describe('basic-auth-b64 validator', () => {
  for (const c of cases) {
    it(c.name, () => {
      assert.equal(basicAuthB64(c.value), c.verdict);
    });
  }
});
