// The Discord bot token validator: the first segment must be base64 of the bot's snowflake id.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { discordBotToken } from '../../../src/core/validators/discord.ts';
import type { Verdict } from '../../../src/core/validators/verdict.ts';
import { gen } from '../../helpers/secrets.ts';

const token = (first: string): string => [first, gen('{{gen:base64url:6}}'), gen('{{gen:base64url:38}}')].join('.');
const snowflake = (digits: number): string => Buffer.from(gen(`{{gen:set:123456789:1}}{{gen:digits:${digits - 1}}}`)).toString('base64url');

interface Case {
  name: string;
  token: string;
  verdict: Verdict;
}

const cases: Case[] = [
  { name: 'an 18-digit bot id', token: token(snowflake(18)), verdict: 'valid' },
  { name: 'a 19-digit bot id', token: token(snowflake(19)), verdict: 'valid' },
  { name: 'a 17-digit bot id', token: token(snowflake(17)), verdict: 'valid' },
  { name: 'a first segment of random characters', token: token(`M${gen('{{gen:alnum:23}}')}`), verdict: 'invalid' },
  { name: 'an id too short to be a snowflake', token: token(snowflake(10)), verdict: 'invalid' },
  { name: 'an id with a leading zero', token: token(Buffer.from(`0${gen('{{gen:digits:17}}')}`).toString('base64url')), verdict: 'invalid' },
];

describe('discord-bot-token validator', () => {
  for (const c of cases) {
    it(c.name, () => {
      assert.equal(discordBotToken(c.token), c.verdict);
    });
  }
});
