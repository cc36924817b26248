// Base64-encoded `user:password` pairs, as stored in Docker's config.json (`"auth"`) and `.npmrc`
// (`_auth=`). Decoding proves the value is a credential pair rather than some other base64 blob.
import type { Verdict } from './verdict.ts';

/** Control characters, or U+FFFD where the bytes were not UTF-8: binary data, not a credential pair. */
const NOT_TEXT = /[\x00-\x1f\x7f\ufffd]/;

/**
 * A password that only names the slot (`user:pass`, `username:password`, `admin:secret`) or repeats the
 * user: documentation of the header, not a credential. Pairs of other words (`admin:letmein`) stay.
 */
const STAND_IN = /^(?:pass(?:word|wd)?|pwd|secret|changeme|x+|\*+)$/i;

/** `valid` when the value decodes to text `user:password` with both parts non-empty and a real password, else `invalid`. */
export function basicAuthB64(secret: string): Verdict {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(secret) || secret.length % 4 !== 0) return 'invalid';
  const text = Buffer.from(secret, 'base64').toString('utf8');
  const colon = text.indexOf(':');
  if (colon < 1 || colon === text.length - 1) return 'invalid';
  const password = text.slice(colon + 1);
  if (STAND_IN.test(password) || password === text.slice(0, colon)) return 'invalid';
  return NOT_TEXT.test(text) ? 'invalid' : 'valid';
}
