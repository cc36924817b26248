// Tokens whose last 6 characters are base62(crc32(body)): GitHub (ghp_, gho_, ghu_, ghs_, ghr_) and
// npm (npm_). A random lookalike passes with probability 1/62^6 ≈ 1.8e-11.
import { nodeZlib } from '../builtins.ts';
import { base62 } from './base62.ts';
import type { Verdict } from './verdict.ts';

/** Checks `<prefix>_<body><checksum6>` where checksum6 = base62(crc32(body)). */
export function checksumToken(secret: string): Verdict {
  const sep = secret.indexOf('_');
  if (sep < 0) return 'unknown';
  const rest = secret.slice(sep + 1);
  if (rest.length < 7) return 'invalid';
  const body = rest.slice(0, -6);
  const check = rest.slice(-6);
  return base62(nodeZlib().crc32(body), 6) === check ? 'valid' : 'invalid';
}

/** Builds a checksum-valid token from a prefix (`ghp`) and a random body. Used by example generators. */
export function withChecksum(prefix: string, body: string): string {
  return `${prefix}_${body}${base62(nodeZlib().crc32(body), 6)}`;
}
