// AWS access key ids are a 4-char type prefix (AKIA, ASIA…) and 16 base32 chars (80 bits). In keys
// issued since about 2019 the top bit is set and the next 40 bits hold the 12-digit account id — the
// same value `aws sts get-access-key-info` returns. Published by Tal Be'ery ("A short note on AWS KEY
// ID", 2021) and confirmed by Aidan Steele's and Scott Piper's experiments. Older keys (5th char A–P)
// do not carry the account, so they are `unknown`, never `invalid`.
import type { Verdict } from './verdict.ts';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
/** Prefixes whose account encoding has been confirmed publicly; others stay `unknown`. */
const DECODABLE = new Set(['AKIA', 'ASIA']);
const MAX_ACCOUNT = 999_999_999_999n;
/** LocalStack issues `ASIAQAAAAAAA…` keys for this account: never a real AWS key. */
const LOCALSTACK_ACCOUNT = 0n;

function base32Value(chars: string): bigint | undefined {
  let v = 0n;
  for (const c of chars) {
    const i = ALPHABET.indexOf(c);
    if (i < 0) return undefined;
    v = (v << 5n) | BigInt(i);
  }
  return v;
}

/**
 * The account id encoded in a key id, as a 12-digit string, or undefined when the key does not use
 * the account-bearing layout (old key, unknown prefix, wrong length or alphabet).
 */
export function awsAccountOf(keyId: string): string | undefined {
  if (keyId.length !== 20 || !DECODABLE.has(keyId.slice(0, 4))) return undefined;
  const v = base32Value(keyId.slice(4));
  if (v === undefined || (v >> 79n) !== 1n) return undefined;
  return ((v >> 39n) & 0xff_ffff_ffffn).toString().padStart(12, '0');
}

/**
 * `valid` when the key id decodes to a 12-digit account, `invalid` for LocalStack's account, `unknown`
 * otherwise. A decoded value above 999999999999 should not occur, but the layout is not documented by
 * AWS, so it does not prove the key fake (and random test keys hit it about one time in eleven).
 */
export function awsKeyId(secret: string): Verdict {
  const account = awsAccountOf(secret);
  if (account === undefined) return 'unknown';
  const n = BigInt(account);
  if (n === LOCALSTACK_ACCOUNT) return 'invalid';
  return n <= MAX_ACCOUNT ? 'valid' : 'unknown';
}

/** Builds an account-bearing key id (`prefix` + 16 base32 chars). `low39` fills the other bits. Used by example generators. */
export function encodeAwsKeyId(prefix: string, account: bigint, low39: bigint): string {
  let v = (1n << 79n) | ((account & 0xff_ffff_ffffn) << 39n) | (low39 & ((1n << 39n) - 1n));
  let out = '';
  for (let i = 0; i < 16; i++) {
    out = ALPHABET[Number(v & 31n)] + out;
    v >>= 5n;
  }
  return prefix + out;
}
