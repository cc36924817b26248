// Long texts are decoded a slice at a time (src/sources/decode-text.ts): the same text as decoded at
// once, and none of it held in external (malloc'd) memory.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DECODE_SLICE_BYTES, decodeUtf8 } from '../../src/sources/decode-text.ts';

const never = (): void => assert.fail('valid UTF-8 taken for invalid');

/** Texts longer than a slice, with characters of 2, 3 and 4 bytes across the slices' ends. */
const texts = [
  `${'héllo wörld ☃ 𝄞 '.repeat(7)}\n`.repeat(Math.ceil((3 * DECODE_SLICE_BYTES) / 200)),
  'a'.repeat(2 * DECODE_SLICE_BYTES + 1),
  `${'x'.repeat(DECODE_SLICE_BYTES - 1)}é${'𝄞'.repeat(DECODE_SLICE_BYTES / 4)}`,
  // A second BOM stays: only the first is dropped, as before.
  `\ufeff${'é'.repeat(DECODE_SLICE_BYTES)}`,
];

describe('decodeUtf8 on long texts', () => {
  it('gives the text Buffer.toString gives at once, a leading BOM dropped', () => {
    for (const text of texts) {
      const bytes = Buffer.from(text);
      assert.ok(bytes.length > DECODE_SLICE_BYTES);
      assert.equal(decodeUtf8(bytes, never), bytes.toString('utf8').replace(/^\ufeff/, ''));
      assert.equal(decodeUtf8(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]), never), bytes.toString('utf8'));
    }
  });

  it('gives the text of a lenient decoder at once for invalid UTF-8, invalid counted once', () => {
    const bytes = Buffer.concat([Buffer.from('é'.repeat(DECODE_SLICE_BYTES / 2)), Buffer.from([0xff, 0xc3]), Buffer.from('ü'.repeat(DECODE_SLICE_BYTES)), Buffer.from([0xe2, 0x82])]);
    let invalid = 0;
    assert.equal(
      decodeUtf8(bytes, () => invalid++),
      new TextDecoder().decode(bytes),
    );
    assert.equal(invalid, 1);
  });

  it('holds none of a long text in external memory (Node makes one of a text over ~1 MB decoded at once)', () => {
    const bytes = Buffer.from('é'.repeat(2 * 1024 * 1024));
    const before = process.memoryUsage().external;
    const text = decodeUtf8(bytes, never);
    const grown = process.memoryUsage().external - before;
    assert.equal(text.length, 2 * 1024 * 1024);
    assert.ok(grown < 1024 * 1024, `external memory grew by ${grown} bytes`);
  });
});
