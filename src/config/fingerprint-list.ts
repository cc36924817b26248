// The line format shared by `.keywardenignore` and `.keywarden-baseline`: one secret fingerprint per
// line, optionally followed by `# comment`; blank lines and lines starting with `#` are comments.
import { FINGERPRINT_CHARS } from '../core/fingerprint.ts';
import { quoteRedacted } from '../core/quote.ts';
import { ConfigError } from './errors.ts';

/** A secret fingerprint: 40 lowercase hex characters, or 32 for version 1 (read for one version). */
export const FINGERPRINT_RE = new RegExp(`^(?:[0-9a-f]{${FINGERPRINT_CHARS}}|[0-9a-f]{32})$`);

/** True for a version 1 fingerprint (rule id + value, fast SHA-256): `keywarden baseline --upgrade` rewrites them. */
export function isLegacyFingerprint(fingerprint: string): boolean {
  return fingerprint.length === 32;
}

/** One entry of a fingerprint list. */
export interface FingerprintEntry {
  fingerprint: string;
  /** Text after `#`, trimmed; empty when there is none. */
  comment: string;
  /** 1-based line in the file. */
  line: number;
}

/** Parses a fingerprint list; a malformed line is a ConfigError naming the file and line. */
export function parseFingerprintList(text: string, source: string): FingerprintEntry[] {
  const entries: FingerprintEntry[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const hash = raw.indexOf('#');
    const value = (hash === -1 ? raw : raw.slice(0, hash)).trim().toLowerCase();
    if (!value) return;
    if (!FINGERPRINT_RE.test(value)) {
      throw new ConfigError(`${source}:${i + 1}: ${quoteRedacted(value)} is not a secret fingerprint (40 hex characters, as in the JSON or SARIF report)`);
    }
    entries.push({ fingerprint: value, comment: hash === -1 ? '' : raw.slice(hash + 1).trim(), line: i + 1 });
  });
  return entries;
}

/** A comment safe to put on one line: no newlines, no control characters. */
export function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();
}
