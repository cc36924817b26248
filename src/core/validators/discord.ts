// Discord bot tokens are `<base64(bot user id)>.<base64 timestamp>.<hmac>`: the first segment decodes to
// the bot's snowflake id, 17 to 20 decimal digits. A random lookalike almost never decodes to digits.
import type { Verdict } from './verdict.ts';

/** `valid` when the first segment decodes to a snowflake id, `invalid` otherwise. */
export function discordBotToken(secret: string): Verdict {
  const first = secret.split('.')[0] ?? '';
  const id = Buffer.from(first, 'base64url').toString('latin1');
  return /^[1-9]\d{16,19}$/.test(id) ? 'valid' : 'invalid';
}
