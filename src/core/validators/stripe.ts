// Stripe API key structure: `<type>_<mode>_<body>` with type sk (secret), rk (restricted) or pk
// (publishable), mode live or test, and an alphanumeric body. Stripe documents that keys may grow up to
// 255 characters; the two lengths seen in the wild are 24 (keys made before 2020) and 99 (newer keys:
// a 17-char account-specific head starting with a digit, then 82 random chars).
import type { Verdict } from './verdict.ts';

const KEY = /^(?:sk|rk|pk)_(?:live|test)_([A-Za-z0-9]+)$/;
const MIN_BODY = 24;
/** 255 total minus the longest prefix (`sk_live_`). */
const MAX_BODY = 247;

/** `valid` for a canonical layout, `unknown` for other lengths Stripe allows, `invalid` otherwise. */
export function stripeKey(secret: string): Verdict {
  const m = KEY.exec(secret);
  if (!m) return 'invalid';
  const body = m[1] ?? '';
  if (body.length < MIN_BODY || body.length > MAX_BODY) return 'invalid';
  if (body.length === 24) return 'valid';
  if (body.length === 99 && /^\d/.test(body)) return 'valid';
  return 'unknown';
}
