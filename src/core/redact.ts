// The only way a secret is ever shown: a short prefix, the length and a short hash.
import { shortHash } from './fingerprint.ts';

/** Characters of prefix revealed for a secret of length `n`: at most 6, at most a quarter. */
export function revealedPrefixLength(n: number): number {
  if (n < 8) return 0;
  return Math.min(6, Math.floor(n / 4));
}

/** e.g. `ghp_xx… (40 chars, #1a2b3c4d)`. Never contains more than `revealedPrefixLength` raw chars. */
export function redact(secret: string): string {
  const oneLine = secret.replace(/\s+/g, ' ');
  const prefix = oneLine.slice(0, revealedPrefixLength(secret.length));
  return `${prefix}… (${secret.length} chars, #${shortHash(secret)})`;
}
