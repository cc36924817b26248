// A rule's `paths` filter reads the path as the scan reports it, including scans of directories
// outside the working directory (`../x/…`) and absolute paths.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { globMatcher } from '../../src/rules/compile.ts';

const master = globMatcher(['**/config/master.key']);

it('matches a path below the working directory', () => {
  assert.equal(master?.('app/config/master.key'), true);
  assert.equal(master?.('config/master.key'), true);
});

it('matches a path reached through ../ or given absolute', () => {
  assert.equal(master?.('../../tmp/app/config/master.key'), true);
  assert.equal(master?.('./config/master.key'), true);
  assert.equal(master?.('/srv/app/config/master.key'), true);
});

it('still rejects other files', () => {
  assert.equal(master?.('../../tmp/app/config/master.key.example'), false);
  assert.equal(master?.('/srv/app/docs/master.key'), false);
});
