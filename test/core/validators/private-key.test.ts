// Private keys are confirmed by parsing, whatever the quoting or indentation they were pasted with.
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import { privateKey } from '../../../src/core/validators/private-key.ts';
import { generatePrivateKey } from '../../../src/rules/examples.ts';

const KINDS = ['rsa', 'rsa-pkcs1', 'ec', 'ec-sec1', 'ed25519', 'openssh'];
const layouts: [string, (pem: string) => string][] = [
  ['plain PEM', (pem) => pem],
  ['indented in a YAML block scalar', (pem) => pem.split('\n').map((l) => `      ${l}`).join('\n').trim()],
  ['JSON-escaped on one line', (pem) => pem.split('\n').join('\\n')],
  ['Java string concatenation', (pem) => pem.split('\n').map((l) => `    "${l}\\n" +`).join('\n').trim()],
];

describe('private-key validator', () => {
  for (const kind of KINDS) {
    for (const [name, layout] of layouts) {
      it(`${kind} key, ${name}: valid`, () => assert.equal(privateKey(layout(generatePrivateKey(kind))), 'valid'));
    }
    it(`${kind} key with a garbled body: invalid`, () => {
      const pem = generatePrivateKey(kind);
      const lines = pem.split('\n');
      const garbled = [lines[0], ...lines.slice(1, -1).map((l) => l.replace(/[A-Za-z]/g, 'x')), lines[lines.length - 1]].join('\n');
      assert.equal(privateKey(garbled), 'invalid');
    });
  }

  it('keeps base64 lines that end in "+" (they are not string concatenation)', () => {
    let pem = '';
    for (let i = 0; i < 200 && !/\+\n/.test(pem); i++) pem = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    assert.match(pem, /\+\n/, 'no generated key had a line ending in +');
    assert.equal(privateKey(pem), 'valid');
    assert.equal(privateKey(pem.split('\n').map((l) => `    ${l}`).join('\n')), 'valid');
  });
});

describe('private-key validator on keys that do not parse', () => {
  it('a key with a line lost in copying is unknown (reported at the rule confidence), not dropped', () => {
    const lines = generatePrivateKey('rsa').split('\n');
    const damaged = [...lines.slice(0, 3), ...lines.slice(4)].join('\n');
    assert.equal(privateKey(damaged), 'unknown');
  });
  it('a masked or stubbed body is still invalid', () => {
    assert.equal(privateKey('-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA...\n-----END RSA PRIVATE KEY-----'), 'invalid');
    assert.equal(privateKey(`-----BEGIN PRIVATE KEY-----\nMII${'A'.repeat(300)}\n-----END PRIVATE KEY-----`), 'invalid');
  });
});
