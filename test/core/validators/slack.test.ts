// The Slack structure validator against tokens assembled here from ids and random tails.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { slackToken } from '../../../src/core/validators/slack.ts';
import type { Verdict } from '../../../src/core/validators/verdict.ts';
import { gen } from '../../helpers/secrets.ts';

/** A numeric Slack id of `n` digits that does not start with 0. */
const id = (n: number): string => gen(`{{gen:set:123456789:1}}{{gen:digits:${n - 1}}}`);
const xox = (kind: string): string => ['xo', `x${kind}-`].join('');
const rotatingBody = (head: string, ids: number[]): string =>
  Buffer.from(`${head}-${ids.map(id).join('-')}-${gen('{{gen:hex:64}}')}`).toString('base64url');

interface Case {
  name: string;
  token: string;
  verdict: Verdict;
}

const cases: Case[] = [
  { name: 'bot token with team and bot user ids', token: `${xox('b')}${id(12)}-${id(13)}-${gen('{{gen:alnum:24}}')}`, verdict: 'valid' },
  { name: 'bot token with 8-digit ids', token: `${xox('b')}${id(8)}-${id(8)}-${gen('{{gen:alnum:24}}')}`, verdict: 'valid' },
  { name: 'legacy two-segment bot token is unknown', token: `${xox('b')}${id(11)}-${gen('{{gen:alnum:24}}')}`, verdict: 'unknown' },
  { name: 'bot token whose team id starts with 0 is invalid', token: `${xox('b')}0${id(11)}-${id(13)}-${gen('{{gen:alnum:24}}')}`, verdict: 'invalid' },
  { name: 'bot token with a 14-digit id is invalid', token: `${xox('b')}${id(14)}-${id(13)}-${gen('{{gen:alnum:24}}')}`, verdict: 'invalid' },
  { name: 'bot token with a 30-char tail is invalid', token: `${xox('b')}${id(12)}-${id(13)}-${gen('{{gen:alnum:30}}')}`, verdict: 'invalid' },
  { name: 'user token with three ids and 32 hex', token: `${xox('p')}${id(11)}-${id(10)}-${id(12)}-${gen('{{gen:hex:32}}')}`, verdict: 'valid' },
  { name: 'user token with an uppercase hex tail is invalid', token: `${xox('p')}${id(11)}-${id(10)}-${id(12)}-${gen('{{gen:HEX:32}}')}`, verdict: 'invalid' },
  { name: 'user token with only two ids is invalid', token: `${xox('p')}${id(11)}-${id(10)}-${gen('{{gen:hex:32}}')}`, verdict: 'invalid' },
  { name: 'configuration token whose body decodes to ids and a hex tail', token: `${['xo', 'xe.xo', 'xp-'].join('')}1-${rotatingBody('2-2', [12, 12, 13, 13])}`, verdict: 'valid' },
  { name: 'refresh token whose body decodes to ids and a hex tail', token: `${xox('e')}1-${rotatingBody('3-1', [12, 13, 13])}`, verdict: 'valid' },
  { name: 'rotating token with a random body is unknown', token: `${xox('e')}1-${gen('{{gen:alnum:146}}')}`, verdict: 'unknown' },
  { name: 'app-level token is not checked', token: `${['xa', 'pp-'].join('')}1-A${gen('{{gen:uppernum:10}}')}-${id(13)}-${gen('{{gen:hex:64}}')}`, verdict: 'unknown' },
];

describe('slack validator', () => {
  for (const c of cases) {
    it(c.name, () => {
      assert.equal(slackToken(c.token), c.verdict, c.token.slice(0, 8));
    });
  }
});
