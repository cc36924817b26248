// Planning an organisation scan (src/org/plan.ts): the filter, what is skipped, shards by size, and
// batches that respect GitHub's 256 jobs per matrix.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MATRIX_LIMIT, type OrgRepo, PlanError, planOrg, repoFilter, shardsFor } from '../../src/org/plan.ts';

const repo = (name: string, size = 100, more: Partial<OrgRepo> = {}): OrgRepo => ({ full_name: `acme/${name}`, name, size, ...more });
const OPTIONS = { shardSizeKb: 1000 * 1024, maxShards: 16 };

describe('organisation scan plan', () => {
  const filters: [string, string | undefined, string[], string[]][] = [
    ['no filter keeps all', undefined, ['api', 'web', 'docs'], []],
    ['a glob', 'api-*', ['api-gateway', 'API-users'], ['web', 'my-api-x']],
    ['globs with an exclusion', 'svc-*, web, !svc-legacy*', ['svc-a', 'web'], ['svc-legacy-1', 'docs']],
    ['only exclusions', '!*-archive', ['api'], ['old-archive']],
    ['a regex', '/^(api|web)(-|$)/', ['api', 'web-next'], ['apiary', 'docs']],
  ];
  for (const [name, filter, kept, left] of filters) {
    it(`repository filter: ${name}`, () => {
      const keep = repoFilter(filter);
      for (const k of kept) assert.ok(keep(k), k);
      for (const l of left) assert.ok(!keep(l), l);
    });
  }

  it('a bad regex is one line', () => {
    assert.throws(() => repoFilter('/(unclosed/'), (e: Error) => e instanceof PlanError && /not a valid regular expression/.test(e.message));
  });

  it('skips archived, disabled and empty repositories unless asked, and counts why', () => {
    const repos = [repo('live'), repo('old', 100, { archived: true }), repo('off', 100, { disabled: true }), repo('empty', 0), repo('other')];
    const plan = planOrg(repos, { ...OPTIONS, filter: '!other' });
    assert.deepEqual(plan.batches.flat().map((e) => e.repo), ['acme/live']);
    assert.deepEqual(plan.skipped, { filtered: 1, archived: 2, empty: 1 });
    const all = planOrg(repos, { ...OPTIONS, includeArchived: true, includeEmpty: true });
    assert.deepEqual(all.batches.flat().map((e) => e.slug), ['empty', 'live', 'off', 'old', 'other']);
    assert.equal(all.repositories, 5);
  });

  it('splits a large repository into shards by size, capped, with one merge job', () => {
    assert.equal(shardsFor(1000 * 1024, OPTIONS), 1);
    assert.equal(shardsFor(1000 * 1024 + 1, OPTIONS), 2);
    assert.equal(shardsFor(100_000 * 1024, OPTIONS), 16);
    const plan = planOrg([repo('small'), repo('mono', 2500 * 1024)], OPTIONS);
    assert.deepEqual(plan.batches.flat(), [
      { repo: 'acme/mono', slug: 'mono', shard: '1', shards: '3' },
      { repo: 'acme/mono', slug: 'mono', shard: '2', shards: '3' },
      { repo: 'acme/mono', slug: 'mono', shard: '3', shards: '3' },
      { repo: 'acme/small', slug: 'small', shard: '', shards: '' },
    ]);
    assert.deepEqual(plan.merges, [{ repo: 'acme/mono', slug: 'mono', shards: '3' }]);
  });

  it(`cuts the jobs into batches of ${MATRIX_LIMIT}, every job once, in name order`, () => {
    const repos = Array.from({ length: 600 }, (_, i) => repo(`r${String(i).padStart(4, '0')}`));
    const plan = planOrg([...repos].reverse(), OPTIONS);
    assert.deepEqual(plan.batches.map((b) => b.length), [256, 256, 88]);
    assert.deepEqual(plan.batchIndexes, [0, 1, 2]);
    assert.deepEqual(plan.batches.flat().map((e) => e.slug), repos.map((r) => r.name));
    assert.deepEqual(planOrg([], OPTIONS).batches, []);
    assert.deepEqual(planOrg(repos.slice(0, 256), OPTIONS).batches.length, 1);
  });

  it('refuses a plan past what one run can start, with one line', () => {
    const many = Array.from({ length: 300 }, (_, i) => repo(`big${i}`, 3000 * 1024));
    assert.throws(() => planOrg(many, OPTIONS), (e: Error) => e instanceof PlanError && /^300 sharded repositories need more merge jobs than the 256 of one matrix/.test(e.message));
    assert.throws(() => planOrg(many.slice(0, 10), { ...OPTIONS, batchSize: 1, shardSizeKb: 1, maxShards: 100 }), (e: Error) => e instanceof PlanError && /1000 scan jobs need 1000 batches, more than the 256/.test(e.message));
  });
});
