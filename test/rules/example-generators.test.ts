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

it('a JSON argument keeps its closing brace: the generator ends at the first }} outside balanced braces', () => {
  const out = expandExample('A{{gen:b64url:{"a":{"b":"c"}}}}B', 'json#0');
  assert.match(out, /^A[A-Za-z0-9_-]+B$/);
  assert.equal(Buffer.from(out.slice(1, -1), 'base64url').toString(), '{"a":{"b":"c"}}');
  const nested = expandExample('{{gen:b64:{"k":"[[hex:4]]"}}}', 'json#1');
  assert.match(Buffer.from(nested, 'base64').toString(), /^\{"k":"[0-9a-f]{4}"\}$/);
});

it('a generator whose braces do not balance is an error, not literal text', () => {
  assert.throws(() => expandExample('x={{gen:b64url:{"a":"b"}}', 'open#0'), /unterminated generator/);
  assert.throws(() => expandExample('x={{gen:hex:8', 'open#1'), /unterminated generator/);
});
