// Slack token structure. Bot and user tokens embed numeric ids (team, user, …) of 8 to 13 digits that
// never start with 0, then a random tail: `xoxb-<team>-<bot user>-<24 alnum>` and
// `xoxp-<team>-<user>-<id>-<32 hex>`. Rotating tokens (`xoxe.xoxp-1-…`, `xoxe-1-…`) carry the same
// ids base64-encoded: `2-2-<id>-<id>-…-<64 hex>`. Older two-segment bot tokens are `unknown`.
import type { Verdict } from './verdict.ts';

const ID = '[1-9]\\d{7,12}';
const BOT = new RegExp(`^xoxb-${ID}-${ID}-[A-Za-z0-9]{24}$`);
const USER = new RegExp(`^xoxp-${ID}-${ID}-${ID}-[a-f0-9]{32}$`);
const LEGACY_BOT = new RegExp(`^xoxb-${ID}-[A-Za-z0-9]{18,26}$`);
const ROTATING = /^xoxe(?:\.xox[bp])?-\d-([A-Za-z0-9]+)$/;
const ROTATING_BODY = new RegExp(`^\\d-\\d-${ID}(?:-${ID}){1,3}-[a-f0-9]{64}$`);

function rotating(body: string): Verdict {
  const decoded = Buffer.from(body, 'base64').toString('latin1');
  // Slack has not documented this layout; a body that does not decode to it proves nothing.
  return ROTATING_BODY.test(decoded) ? 'valid' : 'unknown';
}

/** Structure check of a Slack token: `invalid` when a bot or user token's id segments are malformed. */
export function slackToken(secret: string): Verdict {
  if (secret.startsWith('xoxb-')) {
    if (BOT.test(secret)) return 'valid';
    return LEGACY_BOT.test(secret) ? 'unknown' : 'invalid';
  }
  if (secret.startsWith('xoxp-')) return USER.test(secret) ? 'valid' : 'invalid';
  const r = ROTATING.exec(secret);
  if (r) return rotating(r[1] ?? '');
  return 'unknown';
}
