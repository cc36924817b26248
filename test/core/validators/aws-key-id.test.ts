// The AWS key id validator against key ids built here from an account id (an encoder written
// independently of the one in src/), plus a published decoding, split so no file holds a key id.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { awsAccountOf, awsKeyId, encodeAwsKeyId } from '../../../src/core/validators/aws-key-id.ts';
import type { Verdict } from '../../../src/core/validators/verdict.ts';

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Key id from bits: flag (1 bit), account (40 bits), random (39 bits), as 16 base32 chars after `prefix`. */
function keyId(prefix: string, account: bigint, flag = 1n): string {
  const random = BigInt(`0x${randomBytes(5).toString('hex')}`) & ((1n << 39n) - 1n);
  const bits = ((flag << 40n) | account).toString(2).padStart(41, '0') + random.toString(2).padStart(39, '0');
  let out = prefix;
  for (let i = 0; i < 80; i += 5) out += B32[parseInt(bits.slice(i, i + 5), 2)];
  return out;
}

const AKIA = ['AK', 'IA'].join('');
const ASIA = ['AS', 'IA'].join('');

interface Case {
  name: string;
  key: string;
  verdict: Verdict;
  account?: string;
}

const cases: Case[] = [
  { name: 'an AKIA key of a 12-digit account is valid', key: keyId(AKIA, 123456789012n), verdict: 'valid', account: '123456789012' },
  { name: 'an ASIA key keeps leading zeros of the account', key: keyId(ASIA, 4242n), verdict: 'valid', account: '000000004242' },
  { name: 'the largest 12-digit account is valid', key: keyId(AKIA, 999_999_999_999n), verdict: 'valid', account: '999999999999' },
  { name: 'a value above 12 digits is unknown, not invalid', key: keyId(AKIA, 1_000_000_000_000n), verdict: 'unknown', account: '1000000000000' },
  { name: "LocalStack's account 000000000000 is invalid", key: keyId(ASIA, 0n), verdict: 'invalid', account: '000000000000' },
  { name: 'an old-format key (flag bit clear) carries no account: unknown', key: keyId(AKIA, 123456789012n, 0n), verdict: 'unknown' },
  { name: 'an ABIA key is not decoded: unknown', key: keyId(['AB', 'IA'].join(''), 123456789012n), verdict: 'unknown' },
  { name: 'a published decoding (aws_account_id_from_key_id docs) matches', key: [AKIA, 'SP2TPHJSQH3FJXYZ'].join(''), verdict: 'valid', account: '171436882533' },
  { name: 'a short key is unknown', key: `${AKIA}QAAAB`, verdict: 'unknown' },
  { name: 'a key with characters outside base32 is unknown', key: `${AKIA}Q${'1'.repeat(15)}`, verdict: 'unknown' },
];

describe('aws-key-id validator', () => {
  for (const c of cases) {
    it(c.name, () => {
      assert.equal(awsKeyId(c.key), c.verdict);
      assert.equal(awsAccountOf(c.key), c.account);
    });
  }

  it('encodeAwsKeyId (used by the example generator) round-trips the account', () => {
    const key = encodeAwsKeyId(AKIA, 314159265358n, 0x1234567n);
    assert.match(key, /^AKIA[A-Z2-7]{16}$/);
    assert.equal(awsAccountOf(key), '314159265358');
    assert.equal(awsKeyId(key), 'valid');
  });
});
