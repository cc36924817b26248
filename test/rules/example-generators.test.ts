// Example generators are deterministic: a rule's examples expand to the same text on every run, so an
// example that passes once passes always (a random UUID under an entropy floor used to fail now and then).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { expandExample } from '../../src/rules/examples.ts';

it('the same seed expands to the same text, UUIDs included', () => {
  const text = 'id={{gen:uuid}} key={{gen:hex:8}}';
  assert.equal(expandExample(text, 'rule#0'), expandExample(text, 'rule#0'));
  assert.notEqual(expandExample(text, 'rule#0'), expandExample(text, 'rule#1'));
});

it('a generated UUID has the version-4 layout', () => {
  for (let i = 0; i < 50; i++) {
    assert.match(expandExample('{{gen:uuid}}', `u#${i}`), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  }
});
