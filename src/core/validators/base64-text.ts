// Base64 values of a Kubernetes Secret's `data:`. Base64 is how the manifest stores any value, so the
// decoded text says what the value is: random bytes or a random password may be a secret; a word or
// an identifier (`admin_password`, `this_is_the_secret`, `secret_data1`) is a name or a test stand-in,
// and an address (`tcp://127.0.0.1:5705`, `https://vault.acme.internal`, an e-mail) says where a
// service is, not how to get in.
import { valueShape } from '../randomness.ts';
import type { Verdict } from './verdict.ts';

/** Shapes of decoded text that no secret has. `user:password` pairs hold a colon and are not judged here. */
const NAMED = new Set(['words', 'identifier', 'number', 'version', 'date']);
/** Addresses: a URL without credentials in it (valueShape gives one with credentials no shape), an e-mail. */
const ADDRESS = new Set(['url', 'email']);

/** `invalid` when the value decodes to printable text of a word, identifier or address shape, else `unknown`. */
export function base64Text(secret: string): Verdict {
  if (secret.length > 256 || secret.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(secret)) return 'unknown';
  const text = Buffer.from(secret, 'base64').toString('latin1').replace(/\r?\n$/, '');
  if (!/^[\x20-\x7e]+$/.test(text)) return 'unknown';
  const shape = valueShape(text) ?? '';
  if (ADDRESS.has(shape)) return 'invalid';
  return !text.includes(':') && NAMED.has(shape) ? 'invalid' : 'unknown';
}
