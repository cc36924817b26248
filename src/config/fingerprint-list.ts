// The line format shared by `.keywardenignore` and `.keywarden-baseline`: one finding fingerprint per
// line, optionally followed by `# comment`; blank lines and lines starting with `#` are comments.
import { quoteRedacted } from '../core/quote.ts';
import { ConfigError } from './errors.ts';

/** A finding fingerprint as `fingerprintOf` makes it: 32 lowercase hex characters. */
export const FINGERPRINT_RE = /^[0-9a-f]{32}$/;

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
      throw new ConfigError(`${source}:${i + 1}: ${quoteRedacted(value)} is not a finding fingerprint (32 hex characters, as in the JSON or SARIF report)`);
    }
    entries.push({ fingerprint: value, comment: hash === -1 ? '' : raw.slice(hash + 1).trim(), line: i + 1 });
  });
  return entries;
}

/** A comment safe to put on one line: no newlines, no control characters. */
export function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();
}
