// Deterministic key material for the eval corpus. The example generators in src/rules/examples.ts draw
// private keys and UUIDs from the system RNG (fine for tests, not for a reproducible benchmark), so the
// corpus replaces those generators with these seeded versions before calling `expandExample`.
import { createECDH, createPrivateKey, createPublicKey } from 'node:crypto';
import { rng as rngFor } from '../../src/rules/examples.ts';

/** A seeded source of uniform floats in [0, 1), as returned by `rng()` in src/rules/examples.ts. */
export type Rand = () => number;

function bytes(rand: Rand, n: number): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = Math.floor(rand() * 256);
  return b;
}

/** A version-4 UUID drawn from `rand`. */
export function seededUuid(rand: Rand): string {
  const b = bytes(rand, 16);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const toBig = (b: Buffer): bigint => BigInt(`0x${b.toString('hex') || '0'}`);
const b64u = (n: bigint): string => Buffer.from(n.toString(16).padStart(Math.ceil(n.toString(16).length / 2) * 2, '0'), 'hex').toString('base64url');

function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
  let r = 1n;
  let b = base % mod;
  for (let e = exp; e > 0n; e >>= 1n) {
    if (e & 1n) r = (r * b) % mod;
    b = (b * b) % mod;
  }
  return r;
}

function modInv(a: bigint, m: bigint): bigint {
  let [r0, r1, s0, s1] = [a % m, m, 1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1, s0, s1] = [r1, r0 - q * r1, s1, s0 - q * s1];
  }
  return ((s0 % m) + m) % m;
}

const SMALL_PRIMES = [3n, 5n, 7n, 11n, 13n, 17n, 19n, 23n, 29n, 31n, 37n, 41n, 43n, 47n, 53n, 59n, 61n, 67n, 71n, 73n];

function probablyPrime(n: bigint, rand: Rand): boolean {
  if (SMALL_PRIMES.some((p) => n % p === 0n)) return false;
  let d = n - 1n;
  let s = 0;
  while ((d & 1n) === 0n) {
    d >>= 1n;
    s++;
  }
  for (let round = 0; round < 12; round++) {
    const a = 2n + (toBig(bytes(rand, 8)) % (n - 4n));
    let x = modPow(a, d, n);
    if (x === 1n || x === n - 1n) continue;
    let composite = true;
    for (let i = 1; i < s && composite; i++) {
      x = (x * x) % n;
      if (x === n - 1n) composite = false;
    }
    if (composite) return false;
  }
  return true;
}

function prime(bits: number, rand: Rand): bigint {
  let n = toBig(bytes(rand, bits / 8)) | (3n << BigInt(bits - 2)) | 1n;
  while (!probablyPrime(n, rand) || (n - 1n) % 65537n === 0n) n += 2n;
  return n;
}

function rsaPem(rand: Rand, type: 'pkcs8' | 'pkcs1'): string {
  const e = 65537n;
  const p = prime(512, rand);
  let q = prime(512, rand);
  while (q === p) q = prime(512, rand);
  const d = modInv(e, (p - 1n) * (q - 1n));
  const jwk = { kty: 'RSA', n: b64u(p * q), e: b64u(e), d: b64u(d), p: b64u(p), q: b64u(q), dp: b64u(d % (p - 1n)), dq: b64u(d % (q - 1n)), qi: b64u(modInv(q, p)) };
  return createPrivateKey({ key: jwk, format: 'jwk' }).export({ type, format: 'pem' }).toString();
}

function ecPem(rand: Rand, type: 'pkcs8' | 'sec1'): string {
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(bytes(rand, 31)); // 31 bytes: always below the curve order
  const pub = ecdh.getPublicKey();
  const jwk = { kty: 'EC', crv: 'P-256', d: ecdh.getPrivateKey().toString('base64url'), x: pub.subarray(1, 33).toString('base64url'), y: pub.subarray(33).toString('base64url') };
  return createPrivateKey({ key: jwk, format: 'jwk' }).export({ type, format: 'pem' }).toString();
}

const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** A seeded Ed25519 private key (node:crypto KeyObject). */
export function ed25519Key(rand: Rand): ReturnType<typeof createPrivateKey> {
  return createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, bytes(rand, 32)]), format: 'der', type: 'pkcs8' });
}

function sshString(b: Buffer | string): Buffer {
  const buf = typeof b === 'string' ? Buffer.from(b) : b;
  const len = Buffer.alloc(4);
  len.writeUInt32BE(buf.length);
  return Buffer.concat([len, buf]);
}

/** The OpenSSH wire-format public key blob (`ssh-ed25519` + 32 bytes) of a seeded Ed25519 key. */
function ed25519PublicBlob(key: ReturnType<typeof createPrivateKey>): { pub: Buffer; blob: Buffer } {
  const pub = createPublicKey(key).export({ format: 'der', type: 'spki' }).subarray(-32);
  return { pub, blob: Buffer.concat([sshString('ssh-ed25519'), sshString(pub)]) };
}

function opensshPem(rand: Rand): string {
  const key = ed25519Key(rand);
  const seed = key.export({ format: 'der', type: 'pkcs8' }).subarray(-32);
  const { pub, blob: pubBlob } = ed25519PublicBlob(key);
  const check = bytes(rand, 4);
  const nkeys = Buffer.from([0, 0, 0, 1]);
  let priv = Buffer.concat([check, check, sshString('ssh-ed25519'), sshString(pub), sshString(Buffer.concat([seed, pub])), sshString('deploy@ci')]);
  const pad: number[] = [];
  for (let i = 1; (priv.length + pad.length) % 8 !== 0; i++) pad.push(i);
  priv = Buffer.concat([priv, Buffer.from(pad)]);
  const blob = Buffer.concat([Buffer.from('openssh-key-v1\0'), sshString('none'), sshString('none'), sshString(''), nkeys, sshString(pubBlob), sshString(priv)]);
  const body = blob.toString('base64').match(/.{1,70}/g)?.join('\n') ?? '';
  return `-----BEGIN OPENSSH PRIVATE KEY-----\n${body}\n-----END OPENSSH PRIVATE KEY-----`;
}

/** A seeded private key block of the same kinds as `{{gen:pem:KIND}}`. */
export function seededPrivateKey(kind: string, rand: Rand): string {
  switch (kind) {
    case 'rsa':
      return rsaPem(rand, 'pkcs8').trimEnd();
    case 'rsa-pkcs1':
      return rsaPem(rand, 'pkcs1').trimEnd();
    case 'ec':
      return ecPem(rand, 'pkcs8').trimEnd();
    case 'ec-sec1':
      return ecPem(rand, 'sec1').trimEnd();
    case 'ed25519':
      return ed25519Key(rand).export({ type: 'pkcs8', format: 'pem' }).toString().trimEnd();
    case 'openssh':
      return opensshPem(rand);
    default:
      throw new Error(`unknown key kind "${kind}"`);
  }
}

/** RSA key generation takes ~0.2 s, so each kind draws from a small seeded pool of keys. */
const POOL_SIZE = 3;
const pool = new Map<string, string[]>();

function pooledKey(kind: string, rand: Rand): string {
  let keys = pool.get(kind);
  if (!keys) {
    keys = Array.from({ length: POOL_SIZE }, (_, i) => seededPrivateKey(kind, rngFor(`eval-key:${kind}:${i}`)));
    pool.set(kind, keys);
  }
  return keys[Math.floor(rand() * keys.length)] ?? '';
}

/**
 * Replaces the generators that would draw from the system RNG (`{{gen:pem:…}}`, `{{gen:pemjson:…}}`,
 * `{{gen:uuid}}` and their `[[…]]` forms inside `b64:`) with seeded values, leaving the others in place.
 */
export function seedUnseededGenerators(text: string, rand: Rand): string {
  return text.replace(/\{\{gen:((?:pem|pemjson):[\w-]+|uuid)\}\}|\[\[((?:pem|pemjson):[\w-]+|uuid)\]\]/g, (_, a: string | undefined, b: string | undefined) => {
    const [kind, arg = ''] = (a ?? b ?? '').split(':');
    if (kind === 'uuid') return seededUuid(rand);
    const pem = pooledKey(arg, rand);
    return kind === 'pem' ? pem : `${pem.replace(/\n/g, '\\n')}\\n`;
  });
}
