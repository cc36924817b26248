// Synthetic example values. Rule examples never hold a live-format token: they hold generators,
// `{{gen:KIND:ARGS}}`, expanded at test time with a deterministic PRNG seeded by the rule id, so
// the repository never trips its own scanner, push protection, or anyone else's.
//
//   {{gen:alnum:36}}  A-Za-z0-9         {{gen:hex:40}}    0-9a-f          {{gen:HEX:32}}   0-9A-F
//   {{gen:lower:8}}   a-z               {{gen:upper:8}}   A-Z             {{gen:digits:9}} 0-9
//   {{gen:lowernum:8}} a-z0-9           {{gen:uppernum:8}} A-Z0-9         {{gen:base32:16}} A-Z2-7
//   {{gen:base64:40}} A-Za-z0-9+/       {{gen:base64url:43}} A-Za-z0-9-_  {{gen:set:abc123:10}} given chars
//   {{gen:checksum:ghp:30}}  <prefix>_ + 30 alnum + base62(crc32) (GitHub, npm token layout)
//   {{gen:badchecksum:ghp:30}}  same layout with a wrong checksum (for negative examples)
//   {{gen:jwt}}  a structurally valid HS256 JWT      {{gen:uuid}}  a UUID v4 (seeded, like the rest)
//   {{gen:pem:rsa|ec|ed25519|rsa-pkcs1|ec-sec1|openssh}}  a freshly generated private key block
//   {{gen:b64:TEXT}}  base64 of TEXT (TEXT may hold one level of [[KIND:ARGS]] generators, and braces
//                     that balance, as JSON's do: the generator ends at the first `}}` outside them)
//   {{gen:pemjson:rsa|…}}  the same key as {{gen:pem:…}} with newlines escaped as in JSON (`\n`)
//   {{gen:b64url:TEXT}}  unpadded base64url of TEXT (same nesting as b64)
//   {{gen:awskey:AKIA}}  an AWS access key id whose base32 part encodes a plausible account id
//   {{gen:glroutable:glpat-}}  a GitLab routable token (payload, version, length, crc32) after the prefix
import { nodeCrypto } from '../core/builtins.ts';
import { encodeAwsKeyId } from '../core/validators/aws-key-id.ts';
import type { Example } from '../core/types.ts';
import { withChecksum } from '../core/validators/checksum-token.ts';
import { withRoutableCrc } from '../core/validators/gitlab-routable.ts';

const SETS = {
  alnum: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  alpha: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
  hex: '0123456789abcdef',
  HEX: '0123456789ABCDEF',
  lower: 'abcdefghijklmnopqrstuvwxyz',
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  digits: '0123456789',
  lowernum: 'abcdefghijklmnopqrstuvwxyz0123456789',
  uppernum: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  base32: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567',
  base64: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
  base64url: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_',
} satisfies Record<string, string>;

/** Deterministic PRNG (mulberry32) seeded from a string. */
export function rng(seed: string): () => number {
  return mulberry32(nodeCrypto().createHash('sha256').update(seed).digest().readUInt32LE(0));
}

/** The mulberry32 PRNG from a 32-bit seed: small, fast, reproducible across runs. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick(rand: () => number, chars: string, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += chars[Math.floor(rand() * chars.length)];
  return s;
}

const keyCache = new Map<string, string>();

/** A freshly generated private key in PEM (or OpenSSH) form; cached per kind for speed. */
export function generatePrivateKey(kind: string): string {
  const hit = keyCache.get(kind);
  if (hit) return hit;
  let pem: string;
  switch (kind) {
    case 'rsa':
      pem = nodeCrypto().generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      break;
    case 'rsa-pkcs1':
      pem = nodeCrypto().generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
      break;
    case 'ec':
      pem = nodeCrypto().generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      break;
    case 'ec-sec1':
      pem = nodeCrypto().generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'sec1', format: 'pem' }).toString();
      break;
    case 'ed25519':
      pem = nodeCrypto().generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      break;
    case 'openssh':
      pem = opensshEd25519();
      break;
    default:
      throw new Error(`unknown key kind "${kind}" in {{gen:pem:…}}`);
  }
  pem = pem.trimEnd();
  keyCache.set(kind, pem);
  return pem;
}

/** An unencrypted `openssh-key-v1` ed25519 private key, built from a node:crypto key pair. */
function opensshEd25519(): string {
  const { publicKey, privateKey } = nodeCrypto().generateKeyPairSync('ed25519');
  const pub = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  const seed = privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(-32);
  const str = (b: Buffer | string): Buffer => {
    const buf = typeof b === 'string' ? Buffer.from(b) : b;
    const len = Buffer.alloc(4);
    len.writeUInt32BE(buf.length);
    return Buffer.concat([len, buf]);
  };
  const u32 = (n: number): Buffer => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n);
    return b;
  };
  const pubBlob = Buffer.concat([str('ssh-ed25519'), str(pub)]);
  let priv = Buffer.concat([u32(0x12345678), u32(0x12345678), str('ssh-ed25519'), str(pub), str(Buffer.concat([seed, pub])), str('keywarden-test')]);
  const pad: number[] = [];
  for (let i = 1; (priv.length + pad.length) % 8 !== 0; i++) pad.push(i);
  priv = Buffer.concat([priv, Buffer.from(pad)]);
  const blob = Buffer.concat([Buffer.from('openssh-key-v1\0'), str('none'), str('none'), str(''), u32(1), str(pubBlob), str(priv)]);
  const b64 = blob.toString('base64').match(/.{1,70}/g)?.join('\n') ?? '';
  return `-----BEGIN OPENSSH PRIVATE KEY-----\n${b64}\n-----END OPENSSH PRIVATE KEY-----`;
}

function jwt(rand: () => number): string {
  const enc = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  const header = enc({ alg: 'HS256', typ: 'JWT' });
  const payload = enc({ sub: pick(rand, SETS.digits, 10), name: 'Test User', iat: 1700000000 + Math.floor(rand() * 1e7) });
  return `${header}.${payload}.${pick(rand, SETS.base64url, 43)}`;
}

/** Expands one generator (`KIND:ARGS`). */
export function generate(kindAndArgs: string, rand: () => number): string {
  const [kind = '', ...args] = kindAndArgs.split(':');
  const [first = '', second] = args;
  const n = Number(args[args.length - 1]);
  const set = Object.hasOwn(SETS, kind) ? SETS[kind as keyof typeof SETS] : undefined;
  if (set) return pick(rand, set, n);
  switch (kind) {
    case 'set':
      return pick(rand, args.slice(0, -1).join(':'), n);
    case 'checksum':
      return withChecksum(first, pick(rand, SETS.alnum, Number(second ?? 30)));
    case 'badchecksum': {
      const good = withChecksum(first, pick(rand, SETS.alnum, Number(second ?? 30)));
      const last = good[good.length - 1];
      return good.slice(0, -1) + (last === 'A' ? 'B' : 'A');
    }
    case 'jwt':
      return jwt(rand);
    case 'uuid':
      return uuidV4(rand);
    case 'pem':
      return generatePrivateKey(first);
    case 'pemjson':
      return `${generatePrivateKey(first).replace(/\n/g, '\\n')}\\n`;
    case 'b64':
      return Buffer.from(expandWith(args.join(':'), rand, /\[\[([^\]]+)\]\]/g)).toString('base64');
    case 'b64url':
      return Buffer.from(expandWith(args.join(':'), rand, /\[\[([^\]]+)\]\]/g)).toString('base64url');
    case 'awskey':
      return awsKeyId(first, rand);
    case 'glroutable':
      return gitlabRoutableToken(args.join(':'), rand);
    default:
      throw new Error(`unknown example generator "${kind}"`);
  }
}

/** A version-4 UUID drawn from the seeded generator, so examples are the same on every run. */
function uuidV4(rand: () => number): string {
  const h = pick(rand, SETS.hex ?? '', 32).split('');
  h[12] = '4';
  h[16] = '89ab'[Math.floor(rand() * 4)] ?? '8';
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** An account-bearing AWS key id: account in [1, 10^12), the other 39 bits random. */
function awsKeyId(prefix: string, rand: () => number): string {
  const account = 1n + BigInt(Math.floor(rand() * 999_999_999_998));
  const low = (BigInt(Math.floor(rand() * 2 ** 20)) << 19n) | BigInt(Math.floor(rand() * 2 ** 19));
  return encodeAwsKeyId(prefix, account, low);
}

/** A routable GitLab token: base64url(16 random bytes + routing payload + payload size) with its crc. */
function gitlabRoutableToken(prefix: string, rand: () => number): string {
  const routing = `c:1\no:${pick(rand, SETS.lowernum, 5)}\nu:${pick(rand, SETS.lowernum, 6)}`;
  const random = Buffer.from(Array.from({ length: 16 }, () => Math.floor(rand() * 256)));
  const payload = Buffer.concat([random, Buffer.from(routing), Buffer.from([routing.length])]).toString('base64url');
  return withRoutableCrc(prefix, payload);
}

function expandWith(text: string, rand: () => number, re: RegExp): string {
  return text.replace(re, (_, spec: string) => generate(spec, rand));
}

const OPEN = '{{gen:';

/**
 * Where the `{{gen:…}}` whose arguments start at `from` ends (the index of its closing `}}`): the
 * first `}}` outside balanced braces, so a JSON argument keeps its own closing brace
 * (`{{gen:b64url:{"a":"b"}}}`). -1 when it has none or a `}` closes nothing.
 */
function generatorEnd(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '{') depth++;
    else if (c === '}') {
      if (depth > 0) depth--;
      else return text[i + 1] === '}' ? i : -1;
    }
  }
  return -1;
}

/** Expands every `{{gen:…}}` in `text`. Same seed, same output. A generator left open is an error. */
export function expandExample(text: string, seed: string): string {
  const rand = rng(seed);
  let out = '';
  let at = 0;
  for (let start = text.indexOf(OPEN); start >= 0; start = text.indexOf(OPEN, at)) {
    const end = generatorEnd(text, start + OPEN.length);
    if (end < 0) throw new Error(`unterminated generator "${text.slice(start, start + 40)}…": braces in its arguments must balance before its closing }}`);
    out += text.slice(at, start) + generate(text.slice(start + OPEN.length, end), rand);
    at = end + 2;
  }
  return out + text.slice(at);
}

/** The path an example is scanned under: its own, or `example.txt`. */
export function examplePath(ex: Example): string {
  return typeof ex === 'string' ? 'example.txt' : ex.path;
}

/** The (unexpanded) text of an example. */
export function exampleText(ex: Example): string {
  return typeof ex === 'string' ? ex : ex.text;
}
