// The off-heap table of object ids (oid-table.ts): ids added from hex text are found again from hex
// strings, in the order added, with their values; the first of two equal ids stays; text that is
// not an id is refused; SHA-256 ids work as SHA-1 ones do; growth and rehashing lose nothing.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { OidTable } from '../../src/sources/git/oid-table.ts';

const sha1 = (i: number) => createHash('sha1').update(`blob ${i}`).digest('hex');
const sha256 = (i: number) => createHash('sha256').update(`blob ${i}`).digest('hex');

function add(table: OidTable, hex: string, value: number): boolean {
  const text = Buffer.from(`blob ${hex} ${value}\n`, 'latin1');
  return table.addHex(text, 5, 5 + hex.length, value);
}

describe('OidTable', () => {
  it('finds each of 50,000 ids added (through growth and rehashing) at its place, with its value', () => {
    const table = new OidTable();
    for (let i = 0; i < 50_000; i++) assert.equal(add(table, sha1(i), i * 3), true);
    assert.equal(table.count, 50_000);
    for (let i = 0; i < 50_000; i += 7) {
      assert.equal(table.indexOf(sha1(i)), i);
      assert.equal(table.indexOf(sha1(i).toUpperCase()), i);
      assert.equal(table.value(i), i * 3);
    }
    assert.equal(table.indexOf(sha1(50_001)), -1);
    assert.equal(table.value(-1), undefined);
    assert.equal(table.value(50_000), undefined);
  });

  it('keeps the first of two equal ids', () => {
    const table = new OidTable();
    add(table, sha1(1), 10);
    add(table, sha1(2), 20);
    add(table, sha1(1), 30);
    assert.equal(table.count, 2);
    assert.equal(table.indexOf(sha1(1)), 0);
    assert.equal(table.value(0), 10);
  });

  it('refuses text that is not an id, and ids of another kind than the first', () => {
    const table = new OidTable();
    assert.equal(add(table, 'g'.repeat(40), 1), false);
    assert.equal(add(table, 'abc', 1), false);
    assert.equal(add(table, sha1(1), 1), true);
    assert.equal(add(table, sha256(1), 1), false);
    assert.equal(add(table, `${sha1(2).slice(0, 39)}\u00e9`, 1), false);
    assert.equal(table.indexOf('z'.repeat(40)), -1);
    assert.equal(table.indexOf(`${sha1(1).slice(0, 39)}\u0100`), -1);
    assert.equal(table.indexOf(sha1(1).slice(0, 38)), -1);
    assert.equal(table.count, 1);
  });

  it('holds SHA-256 ids', () => {
    const table = new OidTable();
    for (let i = 0; i < 3000; i++) add(table, sha256(i), i);
    for (let i = 0; i < 3000; i += 13) assert.equal(table.indexOf(sha256(i)), i);
    assert.equal(table.indexOf(sha1(1)), -1);
  });
});
