// A JWT is three base64url parts; the first two must decode to JSON objects and the header needs `alg`.
import type { Verdict } from './verdict.ts';

function decodeJson(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

export function jwt(secret: string): Verdict {
  const [head, body, signature, ...more] = secret.split('.');
  if (head === undefined || body === undefined || signature === undefined || more.length) return 'invalid';
  const header = decodeJson(head);
  const payload = decodeJson(body);
  if (!header || typeof header !== 'object' || typeof (header as { alg?: unknown }).alg !== 'string') return 'invalid';
  if (!payload || typeof payload !== 'object') return 'invalid';
  // jwt.io's documentation token (and copies of it in tutorials) is public, not a leak.
  const claims = payload as { sub?: unknown; name?: unknown };
  if (claims.sub === '1234567890' && claims.name === 'John Doe') return 'invalid';
  // An unsigned token (alg none, empty signature) grants nothing by itself.
  if ((header as { alg: string }).alg.toLowerCase() === 'none' || signature.length < 16) return 'invalid';
  return 'valid';
}
