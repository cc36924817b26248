// Content identity of a finding: the same secret found by the same rule anywhere is one fingerprint.
// NOTE: a hash of a low-entropy password can be brute-forced offline; fingerprints are published in
// SARIF and issues, so we domain-separate them and keep the value itself out of every output, but a
// weak password is weak regardless: the playbook says to rotate it.
import { createHash } from 'node:crypto';

const DOMAIN = 'keywarden/fingerprint/v1';

/** 32 hex chars (128 bits) of SHA-256 over domain, rule id and secret. */
export function fingerprintOf(ruleId: string, secret: string): string {
  return createHash('sha256').update(DOMAIN).update('\0').update(ruleId).update('\0').update(secret).digest('hex').slice(0, 32);
}

/** Short hash of a secret alone (8 hex chars), shown in redacted values to tell two secrets apart. */
export function shortHash(secret: string): string {
  return createHash('sha256').update('keywarden/redact/v1\0').update(secret).digest('hex').slice(0, 8);
}
