// How a value typed by a user or read from a user file is quoted in a message. Such a value may be a
// pasted secret (a `.keywardenignore` line, a YAML key, an argument), so only names are echoed whole.
import { printable } from './printable.ts';
import { revealedPrefixLength } from './redact.ts';

/** Looks like a name (a rule id, a key, a validator, a short typo), not like a credential. */
function looksLikeName(value: string): boolean {
  return value.length <= 48 && /^[a-z][a-z0-9.]*(?:[-_][a-z0-9.]+)*$/i.test(value) && value.split(/[-_.]/).every((part) => part.length <= 16);
}

/**
 * A value from a user file or argument, quoted for a message: a name as it is (`"github-pta"`), anything
 * else as a short redacted prefix and its length (`"ghp_AB…" (40 chars)`), as secrets are shown: a
 * `.keywardenignore` line, a YAML key or an argument may hold a pasted secret. Control characters escaped.
 */
export function quoteUserValue(value: string): string {
  return looksLikeName(value) ? `"${value}"` : quoteRedacted(value);
}

/** A line of a user file, always redacted (`"src…" (13 chars)`): whatever it is, it is not echoed whole. */
export function quoteRedacted(value: string): string {
  return `"${printable(value.slice(0, revealedPrefixLength(value.length)))}…" (${value.length} chars)`;
}
