// Private keys are confirmed by parsing: PEM (PKCS#1, PKCS#8, SEC1) with node:crypto, OpenSSH's
// `openssh-key-v1` container by its magic and structure. A block of placeholder text fails both.
import { nodeCrypto } from '../builtins.ts';
import { shannonEntropy } from '../entropy.ts';
import type { Verdict } from './verdict.ts';

const OPENSSH_MAGIC = 'openssh-key-v1\0';

function body(pem: string): Buffer {
  const b64 = pem
    .replace(/-----(BEGIN|END)[^-]*-----/g, '')
    .replace(/^[A-Za-z-]+:.*$/gm, '') // RFC 1421 headers (Proc-Type, DEK-Info)
    .replace(/[^A-Za-z0-9+/=]/g, '');
  return Buffer.from(b64, 'base64');
}

function opensshKey(pem: string): Verdict {
  const raw = body(pem);
  if (raw.length < 64 || raw.subarray(0, OPENSSH_MAGIC.length).toString('latin1') !== OPENSSH_MAGIC) return 'invalid';
  // ciphername string: a 4-byte big-endian length then the name (`none`, `aes256-ctr`…).
  const len = raw.readUInt32BE(OPENSSH_MAGIC.length);
  const name = raw.subarray(OPENSSH_MAGIC.length + 4, OPENSSH_MAGIC.length + 4 + len).toString('latin1');
  return /^[a-z0-9@.-]{3,40}$/.test(name) ? 'valid' : 'invalid';
}

export function privateKey(secret: string): Verdict {
  // Unescape JSON `\n`, and drop indentation (YAML block scalars, Java text blocks, heredocs, string
  // concatenation continuations) so that node:crypto sees a plain PEM block.
  const pem = secret
    .replace(/\\n/g, '\n')
    .replace(/\r/g, '')
    .replace(/^[ \t"'+,]*$/gm, '') // lines of only quotes and `+` (string concatenation)
    .replace(/^[ \t]*["']?/gm, '') // indentation and an opening quote
    .replace(/["'][ \t]*\+?[ \t]*,?[ \t]*$/gm, '') // a closing quote, then `+` or `,`
    .replace(/[ \t]+$/gm, '') // base64 lines may end in `+`: only whitespace goes
    .replace(/\n{2,}/g, '\n');
  if (pem.includes('OPENSSH PRIVATE KEY')) return opensshKey(pem);
  if (/ENCRYPTED/.test(pem)) return body(pem).length >= 64 ? 'valid' : 'invalid';
  if (pem.includes('PGP PRIVATE KEY')) return body(pem).length >= 64 ? 'unknown' : 'invalid';
  try {
    nodeCrypto().createPrivateKey({ key: pem, format: 'pem' });
    return 'valid';
  } catch (e) {
    // Encrypted PKCS#8 or a passphrase-protected key parses only with the passphrase: still a key.
    if (/passphrase/i.test(String((e as Error).message))) return 'valid';
    return plausibleDer(pem) ? 'unknown' : 'invalid';
  }
}

/**
 * A body that does not parse but has the shape of a real key: DER's opening SEQUENCE byte (base64
 * `M…`), at least 100 bytes, and base64 as varied as random data. That is a key truncated, edited
 * or with a line lost in copying: still a leak to report (at the rule's own confidence, not high),
 * where placeholder text, a masked body or a short stub fails one of the three tests.
 */
function plausibleDer(pem: string): boolean {
  const b64 = pem
    .replace(/-----(BEGIN|END)[^-]*-----/g, '')
    .replace(/^[A-Za-z-]+:.*$/gm, '')
    .replace(/[^A-Za-z0-9+/=]/g, '');
  const raw = body(pem);
  return raw.length >= 100 && raw[0] === 0x30 && shannonEntropy(b64) >= 5;
}
