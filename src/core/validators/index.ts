// Registry of offline validators, referenced by name from rule files (`validator: github-checksum`).
import { awsKeyId } from './aws-key-id.ts';
import { base64Text } from './base64-text.ts';
import { basicAuthB64 } from './basic-auth.ts';
import { checksumToken } from './checksum-token.ts';
import { discordBotToken } from './discord.ts';
import { gitlabRoutable } from './gitlab-routable.ts';
import { jwt } from './jwt.ts';
import { privateKey } from './private-key.ts';
import { slackToken } from './slack.ts';
import { stripeKey } from './stripe.ts';
import type { Validator } from './verdict.ts';

export type { Validator, Verdict } from './verdict.ts';

/** A checksum check where a match confirms but a mismatch proves nothing (undocumented layouts). */
const checksumIfMatching: Validator = (s) => (checksumToken(s) === 'valid' ? 'valid' : 'unknown');

/** Every offline validator, by the name rule files use. */
export const VALIDATORS: Readonly<Record<string, Validator>> = {
  'github-checksum': checksumToken,
  // GitHub documents the checksum for its 36-char tokens; the 76-char refresh token layout is not documented.
  'github-checksum-lenient': checksumIfMatching,
  // npm's checksum layout is not documented: a match confirms, a mismatch proves nothing.
  'npm-checksum': checksumIfMatching,
  jwt,
  'private-key': privateKey,
  'aws-key-id': awsKeyId,
  slack: slackToken,
  stripe: stripeKey,
  'gitlab-routable': gitlabRoutable,
  'discord-bot-token': discordBotToken,
  'basic-auth-b64': basicAuthB64,
  'base64-text': base64Text,
};
