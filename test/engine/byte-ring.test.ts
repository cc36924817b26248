// The ring through which a detector worker gets its fragments' bytes: space is taken and given back
// in order, a region never wraps, and a full ring says so rather than overwrite bytes in use.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ByteRing } from '../../src/engine/byte-ring.ts';

const bytes = (n: number, fill: number) => new Uint8Array(n).fill(fill);

describe('ByteRing', () => {
  it('copies bytes in order and refuses what does not fit until space is released', () => {
    const ring = new ByteRing(10);
    assert.equal(ring.put(bytes(4, 1)), 0);
    assert.equal(ring.put(bytes(4, 2)), 4);
    assert.equal(ring.put(bytes(4, 3)), undefined, 'only 2 bytes left, at the end');
    assert.deepEqual([...ring.bytes.subarray(0, 8)], [1, 1, 1, 1, 2, 2, 2, 2]);
    ring.release(4); // the first region
    assert.equal(ring.put(bytes(3, 3)), 0, 'wraps to the start rather than split the region');
    assert.equal(ring.put(bytes(2, 4)), undefined, 'the second region is still in use');
    assert.deepEqual([...ring.bytes.subarray(4, 8)], [2, 2, 2, 2], 'bytes in use are never overwritten');
    ring.release(8);
    ring.release(3);
    assert.equal(ring.put(bytes(10, 5)), 0, 'empty again: the whole ring is free');
  });

  it('fills up exactly, and a region larger than the ring never fits', () => {
    const ring = new ByteRing(8);
    assert.equal(ring.put(bytes(9, 1)), undefined);
    assert.equal(ring.put(bytes(8, 1)), 0);
    assert.equal(ring.put(bytes(1, 2)), undefined);
    ring.release(8);
    assert.equal(ring.put(bytes(5, 2)), 0);
    ring.release(5);
    assert.equal(ring.put(bytes(3, 3)), 0, 'empty: starts again at 0');
  });

  it('takes no space for empty bytes', () => {
    const ring = new ByteRing(4);
    assert.equal(ring.put(new Uint8Array(0)), 0);
    assert.equal(ring.put(bytes(4, 1)), 0);
  });

  it('is shared memory: a second view over the same buffer sees the bytes', () => {
    const ring = new ByteRing(16);
    const at = ring.put(new TextEncoder().encode('hello'))!;
    const other = new Uint8Array(new ByteRing(ring.buffer).buffer);
    assert.equal(new TextDecoder().decode(other.subarray(at, at + 5)), 'hello');
  });
});
