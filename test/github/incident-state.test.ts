// The incident issue's hidden state stays within its share of the body by construction, and what it
// keeps is still recognised after a round trip.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { coveredKey, coveredPaths, decodeState, encodeState, stateFor, type IncidentState } from '../../src/github/incident-state.ts';

const fp = (i: number): string => createHash('sha256').update(String(i)).digest('hex').slice(0, 32);

function bigState(counted: number, listed = 50): IncidentState {
  const state = stateFor('history', []);
  for (let i = 0; i < listed; i++) {
    state.secrets.push({ fp: fp(i), rule: 'aws-access-key-id', name: 'AWS access key ID', sev: 'critical', red: `AKIA… (20 chars, #${fp(i).slice(0, 8)})`, pb: 'aws', locs: [[`services/s${i}/env/config.env`, 1, 'a'.repeat(40), '2026-01-01T00:00:00Z']], ph: ['0123abcd'] });
  }
  for (let i = listed; i < listed + counted; i++) state.more[fp(i)] = { pb: i % 2 ? 'aws' : 'github', ph: ['0123abcd', '4567cdef'] };
  return state;
}

describe('incident state encoding', () => {
  it('a small state round-trips unchanged', () => {
    const s = bigState(3, 2);
    assert.deepEqual(decodeState(encodeState(s)), s);
  });

  it('1,000 secrets: compacted under the limit, every one still recognised', () => {
    const s = bigState(950);
    const text = encodeState(s);
    assert.ok(text.length <= 32_000 + 40, `${text.length} characters`);
    const back = decodeState(text);
    assert.ok(back);
    assert.equal(back.secrets.length, 50);
    const covered = coveredPaths(back);
    for (let i = 0; i < 1000; i++) assert.ok(coveredKey(covered, fp(i)), `secret ${i} recognised`);
    assert.equal(coveredKey(covered, fp(5000)), undefined, 'an unknown one is not');
  });

  it('10,000 secrets: still under the limit (those that do not fit are reported again later, not hidden)', () => {
    const s = bigState(10_000);
    const text = encodeState(s);
    assert.ok(text.length <= 32_000 + 40, `${text.length} characters`);
    const back = decodeState(text);
    assert.ok(back);
    assert.ok(Object.keys(back.more).length > 1000);
  });
});
