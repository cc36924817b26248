// The Stripe structure validator against keys assembled here from prefix, mode and a random body.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stripeKey } from '../../../src/core/validators/stripe.ts';
import type { Verdict } from '../../../src/core/validators/verdict.ts';
import { gen } from '../../helpers/secrets.ts';

const key = (type: string, mode: string, body: string): string => [type, mode, body].join('_');

interface Case {
  name: string;
  key: string;
  verdict: Verdict;
}

const cases: Case[] = [
  { name: 'legacy live secret key, 24-char body', key: key('sk', 'live', gen('{{gen:alnum:24}}')), verdict: 'valid' },
  { name: 'current live secret key, 99-char body with account head', key: key('sk', 'live', gen('51{{gen:alnum:97}}')), verdict: 'valid' },
  { name: 'restricted live key', key: key('rk', 'live', gen('{{gen:alnum:24}}')), verdict: 'valid' },
  { name: 'test-mode secret key', key: key('sk', 'test', gen('51{{gen:alnum:97}}')), verdict: 'valid' },
  { name: 'publishable key', key: key('pk', 'live', gen('{{gen:alnum:24}}')), verdict: 'valid' },
  { name: 'other length within the documented limit is unknown', key: key('sk', 'live', gen('{{gen:alnum:60}}')), verdict: 'unknown' },
  { name: '99-char body not starting with a digit is unknown', key: key('sk', 'live', gen('{{gen:alpha:99}}')), verdict: 'unknown' },
  { name: 'body shorter than 24 is invalid', key: key('sk', 'live', gen('{{gen:alnum:16}}')), verdict: 'invalid' },
  { name: 'key longer than 255 characters is invalid', key: key('sk', 'live', gen('{{gen:alnum:248}}')), verdict: 'invalid' },
  { name: 'unknown mode is invalid', key: key('sk', 'prod', gen('{{gen:alnum:24}}')), verdict: 'invalid' },
  { name: 'unknown type is invalid', key: key('xk', 'live', gen('{{gen:alnum:24}}')), verdict: 'invalid' },
  { name: 'body with punctuation is invalid', key: key('sk', 'live', `${gen('{{gen:alnum:20}}')}-${gen('{{gen:alnum:6}}')}`), verdict: 'invalid' },
];

describe('stripe validator', () => {
  for (const c of cases) {
    it(c.name, () => {
      assert.equal(stripeKey(c.key), c.verdict);
    });
  }
});
