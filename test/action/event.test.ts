// Event payload → scan plan and reporting context, per event and mode. Pure.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contextFor, EventError, type EventInput, type Mode } from '../../src/action/event.ts';
import { pullRequestPayload, pushPayload, ZERO_SHA } from './harness.ts';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const M = 'c'.repeat(40);

const pr = (eventName: string, fork = false): EventInput => ({ eventName, payload: pullRequestPayload(12, A, B, { fork }), sha: M, ref: 'refs/pull/12/merge' });
const push = (ref: string, before: string, after: string): EventInput => ({ eventName: 'push', payload: pushPayload(ref, before, after), sha: after, ref });

describe('contextFor (mode auto)', () => {
  const cases: { name: string; input: EventInput; expect: Partial<ReturnType<typeof contextFor>> }[] = [
    {
      name: 'pull_request: merge base of base.sha and head.sha, analysis on the merge commit',
      input: pr('pull_request'),
      expect: {
        plan: { kind: 'diff', base: A, head: B },
        category: 'keywarden/pr',
        pullRequest: { number: 12, headSha: B, fork: false },
        headSha: B,
        sarif: { commitSha: M, ref: 'refs/pull/12/merge' },
        incidentContext: 'pr:12',
        incidentDefault: false,
      },
    },
    {
      name: 'pull_request_target: analysis on the head commit and refs/pull/N/head',
      input: pr('pull_request_target'),
      expect: { plan: { kind: 'diff', base: A, head: B }, sarif: { commitSha: B, ref: 'refs/pull/12/head' } },
    },
    {
      name: 'pull_request_review and pull_request_review_comment judge the pull request like pull_request',
      input: pr('pull_request_review'),
      expect: { plan: { kind: 'diff', base: A, head: B }, category: 'keywarden/pr', pullRequest: { number: 12, headSha: B, fork: false }, sarif: { commitSha: M, ref: 'refs/pull/12/merge' }, configBase: A },
    },
    { name: 'pull_request_review_comment: the same', input: pr('pull_request_review_comment'), expect: { plan: { kind: 'diff', base: A, head: B }, configBase: A } },
    { name: 'a fork pull request is flagged', input: pr('pull_request', true), expect: { pullRequest: { number: 12, headSha: B, fork: true } } },
    {
      name: 'push to the default branch: before..after, incidents on',
      input: push('refs/heads/main', A, B),
      expect: {
        plan: { kind: 'diff', base: A, head: B, orElse: { kind: 'new-branch', head: B, branch: 'main', defaultBranch: 'main' } },
        category: 'keywarden/push',
        sarif: { commitSha: B, ref: 'refs/heads/main' },
        incidentContext: 'branch:main',
        incidentDefault: true,
      },
    },
    {
      name: 'push of a new branch: commits not on the default branch, incidents off',
      input: push('refs/heads/feat/x', ZERO_SHA, B),
      expect: { plan: { kind: 'new-branch', head: B, branch: 'feat/x', defaultBranch: 'main' }, incidentContext: 'branch:feat/x', incidentDefault: false },
    },
    {
      name: 'push deleting a branch: nothing, and nothing to upload to',
      input: push('refs/heads/old', A, ZERO_SHA),
      expect: { plan: { kind: 'nothing', reason: 'branch old was deleted' }, sarif: undefined },
    },
    {
      name: 'merge_group: base_sha..head_sha',
      input: { eventName: 'merge_group', payload: { merge_group: { base_sha: A, head_sha: B, head_ref: 'refs/heads/gh-readonly-queue/main/pr-1', base_ref: 'refs/heads/main' } }, sha: B, ref: 'refs/heads/gh-readonly-queue/main/pr-1' },
      expect: { plan: { kind: 'diff', base: A, head: B }, category: 'keywarden/push', incidentContext: 'branch:main', incidentDefault: false },
    },
    {
      name: 'schedule: the whole history, incidents on',
      input: { eventName: 'schedule', payload: { schedule: '0 3 * * *' }, sha: B, ref: 'refs/heads/main' },
      expect: { plan: { kind: 'history' }, category: 'keywarden/history', sarif: { commitSha: B, ref: 'refs/heads/main' }, incidentContext: 'history', incidentDefault: true },
    },
    { name: 'workflow_dispatch: the whole history', input: { eventName: 'workflow_dispatch', payload: {}, sha: B, ref: 'refs/heads/main' }, expect: { plan: { kind: 'history' }, incidentDefault: true } },
    { name: 'any other event: the checked-out tree', input: { eventName: 'release', payload: {}, sha: B, ref: 'refs/tags/v1' }, expect: { plan: { kind: 'tree' }, category: 'keywarden/tree', incidentDefault: false } },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const ctx = contextFor(c.input, 'auto');
      for (const [key, value] of Object.entries(c.expect)) assert.deepEqual(ctx[key as keyof typeof ctx], value, key);
    });
  }
});

describe('contextFor (forced modes)', () => {
  const modes: { mode: Mode; input: EventInput; plan: string; category: string }[] = [
    { mode: 'tree', input: pr('pull_request'), plan: 'tree', category: 'keywarden/tree' },
    { mode: 'history', input: pr('pull_request'), plan: 'history', category: 'keywarden/history' },
    { mode: 'diff', input: push('refs/heads/main', A, B), plan: 'diff', category: 'keywarden/push' },
  ];
  for (const m of modes) {
    it(`mode ${m.mode} on ${m.input.eventName}`, () => {
      const ctx = contextFor(m.input, m.mode);
      assert.equal(ctx.plan.kind, m.plan);
      assert.equal(ctx.category, m.category);
    });
  }

  it('a pull request keeps its comment target in tree and history modes', () => {
    assert.equal(contextFor(pr('pull_request'), 'tree').pullRequest?.number, 12);
    assert.equal(contextFor(pr('pull_request'), 'history').pullRequest?.number, 12);
  });

  it('pull requests and merge queues take their configuration from the base commit, in every mode', () => {
    for (const mode of ['auto', 'tree', 'history'] as const) assert.equal(contextFor(pr('pull_request'), mode).configBase, A, mode);
    assert.equal(contextFor(pr('pull_request_target'), 'auto').configBase, A);
    assert.equal(contextFor({ eventName: 'merge_group', payload: { merge_group: { base_sha: A, head_sha: B } }, sha: B, ref: 'refs/heads/gh-readonly-queue/main/pr-1' }, 'auto').configBase, A);
    assert.equal(contextFor(push('refs/heads/main', A, B), 'auto').configBase, undefined, 'a push uses the pushed configuration');
  });

  it('mode diff on a schedule is an error naming the event', () => {
    assert.throws(() => contextFor({ eventName: 'schedule', payload: {}, sha: B, ref: 'refs/heads/main' }, 'diff'), (e: Error) => e instanceof EventError && /"schedule"/.test(e.message));
  });

  it('a pull_request payload without shas is an error', () => {
    assert.throws(() => contextFor({ eventName: 'pull_request', payload: { number: 1, pull_request: { number: 1 } }, sha: B, ref: '' }, 'auto'), EventError);
  });
});
