// The identity of a secret: its value, never the rule that found it, made irreversible.
//
// fingerprint(v) = hex(F(normalise(v)))[0:40], where normalise trims the value (a decoded secret is
// fingerprinted decoded) and F is
//   - with a key (config `fingerprintKey`, env KEYWARDEN_FINGERPRINT_KEY, Action input
//     `fingerprint-key`): HMAC-SHA256(key, DOMAIN ‖ 0x00 ‖ v). Without the key a report's fingerprints
//     cannot be tested against guesses at all.
//   - without a key: scrypt(v, salt = DOMAIN, N = 2^14, r = 8, p = 1, 32 bytes): about 16 MiB and
//     tens of milliseconds per guess, so a word list costs an attacker hours instead of a blink.
// Computed once per distinct reported value per scan (the cache below), never per candidate match.
// Version 1 (SHA-256 of rule id and value, 32 hex) is kept only to read old baselines and ignore files.
import { nodeCrypto } from './builtins.ts';

/** Hex characters of a fingerprint (160 bits). Version 1 fingerprints had 32. */
export const FINGERPRINT_CHARS = 40;
export const FINGERPRINT_DOMAIN = 'keywarden/fingerprint/v2';
/** The documented keyless cost. Changing it changes every fingerprint: a new DOMAIN version then. */
export const SCRYPT_COST = { N: 2 ** 14, r: 8, p: 1 } as const;
/** Shortest accepted key (characters): anything shorter could itself be guessed. */
export const MIN_KEY_LENGTH = 16;

/** The value a fingerprint identifies: surrounding whitespace is not part of a secret. */
export function normaliseSecret(value: string): string {
  return value.trim();
}

/** Keyed fingerprint (fast, and useless to an attacker without the key). */
export function keyedFingerprint(key: string, value: string): string {
  return nodeCrypto().createHmac('sha256', key).update(FINGERPRINT_DOMAIN).update('\0').update(normaliseSecret(value)).digest('hex').slice(0, FINGERPRINT_CHARS);
}

const SCRYPT_OPTIONS = { ...SCRYPT_COST, maxmem: 64 * 1024 * 1024 };

/** Keyless fingerprint: scrypt at SCRYPT_COST, on the libuv thread pool (several run in parallel). */
export function slowFingerprint(value: string): Promise<string> {
  return new Promise((resolve, reject) => {
    nodeCrypto().scrypt(normaliseSecret(value), FINGERPRINT_DOMAIN, 32, SCRYPT_OPTIONS, (err, out) => {
      if (err) reject(err);
      else resolve(out.toString('hex').slice(0, FINGERPRINT_CHARS));
    });
  });
}

/** slowFingerprint in the calling thread (a scan's own threads compute them: src/engine/fingerprints.ts). */
export function slowFingerprintSync(value: string): string {
  return nodeCrypto().scryptSync(normaliseSecret(value), FINGERPRINT_DOMAIN, 32, SCRYPT_OPTIONS).toString('hex').slice(0, FINGERPRINT_CHARS);
}

/** Fingerprints of one scan: keyed or slow, each distinct value computed once. */
export class Fingerprinter {
  private readonly key: string | undefined;
  private readonly slow: (value: string) => Promise<string>;
  private readonly cache = new Map<string, Promise<string>>();

  /**
   * `key` must be at least MIN_KEY_LENGTH characters (settings validate it). `slow` computes the
   * keyless fingerprint of a normalised value where the caller wants it done (default: slowFingerprint).
   */
  constructor(key?: string, slow: (value: string) => Promise<string> = slowFingerprint) {
    this.key = key;
    this.slow = slow;
  }

  /** True when a key is set (fingerprints are then HMACs). */
  get keyed(): boolean {
    return this.key !== undefined;
  }

  of(value: string): Promise<string> {
    const v = normaliseSecret(value);
    let fp = this.cache.get(v);
    if (!fp) {
      fp = this.key !== undefined ? Promise.resolve(keyedFingerprint(this.key, v)) : this.slow(v);
      this.cache.set(v, fp);
    }
    return fp;
  }
}

/**
 * Version 1 fingerprint (SHA-256 of rule id and raw value, 32 hex). Fast, hence reversible for weak
 * values: only compared with entries of old baselines and ignore files, never written anywhere.
 */
export function legacyFingerprint(ruleId: string, secret: string): string {
  return nodeCrypto().createHash('sha256').update('keywarden/fingerprint/v1').update('\0').update(ruleId).update('\0').update(secret).digest('hex').slice(0, 32);
}
