// The only way a secret is ever shown. A prefix is shown only for provider formats, where it names
// the format (`ghp_`, `AKIA`) and the rest is long and random; passwords and other low-entropy types
// show nothing but their length. No hash of the value appears: two secrets are told apart by a few
// characters of their (slow or keyed) fingerprint.
import type { Rule } from './types.ts';

/** Secret types (playbook ids) whose values are often chosen by people: never show a prefix. */
const LOW_ENTROPY_TYPES: ReadonlySet<string> = new Set(['password', 'database-credential']);
/** Shortest value that may show a prefix. */
const MIN_PREFIXED_LENGTH = 20;
/** Fingerprint characters shown to tell two redacted values apart. */
export const REDACTED_TAG_CHARS = 6;

/** Characters of prefix revealed for a value of length `n`: at most 6, at most a quarter. */
export function revealedPrefixLength(n: number): number {
  if (n < MIN_PREFIXED_LENGTH) return 0;
  return Math.min(6, Math.floor(n / 4));
}

/** True when a rule's values may show a prefix: a provider format, not a person-chosen type. */
export function showsPrefix(rule: Pick<Rule, 'generic' | 'playbook'>): boolean {
  return !rule.generic && !LOW_ENTROPY_TYPES.has(rule.playbook);
}

/**
 * e.g. `ghp_xx… (40 chars, #1a2b3c)` or `… (12 chars, #1a2b3c)`. `tag` is the secret's fingerprint
 * (its first REDACTED_TAG_CHARS are shown; none when omitted). Never more than
 * `revealedPrefixLength` raw characters.
 */
export function redact(secret: string, prefix: boolean, tag?: string): string {
  const shown = prefix ? secret.replace(/\s+/g, ' ').slice(0, revealedPrefixLength(secret.length)) : '';
  return `${shown}… (${secret.length} chars${tag ? `, #${tag.slice(0, REDACTED_TAG_CHARS)}` : ''})`;
}
