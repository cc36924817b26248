// The workflow event → what to scan and how to report it. Pure: takes the event name, its payload and
// GITHUB_SHA/GITHUB_REF, returns a plan; git work (fetching, merge bases) happens in ./commits.ts.
//
//   pull_request, pull_request_target → added lines from the merge base of base.sha and head.sha to head.sha
//   (and pull_request_review[_comment])
//   push                              → before..after; a new branch: commits not on the default branch;
//                                       a deleted branch: nothing
//   merge_group                       → base_sha..head_sha
//   schedule, workflow_dispatch       → the whole history
//   anything else                     → the checked-out tree

/** The `mode` input; `merge` merges the shard reports of a sharded history scan (its context is history's). */
export type Mode = 'auto' | 'diff' | 'history' | 'tree' | 'merge';
export const MODES: readonly Mode[] = ['auto', 'diff', 'history', 'tree', 'merge'];

/** What to scan, before git has been asked anything. */
export type ScanPlan =
  /**
   * Lines `head` adds relative to the merge base of `base` and `head` (what `git diff base...head`
   * shows). `orElse` is scanned when `base` cannot be fetched (a force push that dropped it).
   */
  | { kind: 'diff'; base: string; head: string; orElse?: NewBranchPlan }
  | NewBranchPlan
  | { kind: 'history' }
  | { kind: 'tree' }
  | { kind: 'nothing'; reason: string };

/** A pushed new branch: commits reachable from `head` and not from `defaultBranch`. */
export interface NewBranchPlan {
  kind: 'new-branch';
  head: string;
  branch: string;
  defaultBranch: string;
}

/** SARIF `automationDetails` category: one per kind of analysis, so code scanning keeps them apart. */
export type Category = 'keywarden/pr' | 'keywarden/push' | 'keywarden/history' | 'keywarden/tree';

/** The pull request being checked. */
export interface PullRequestInfo {
  number: number;
  headSha: string;
  /** The head repository differs from the base one: the token is read-only. */
  fork: boolean;
}

/** The event, as the runner describes it (`GITHUB_EVENT_NAME`, the payload file, `GITHUB_SHA`, `GITHUB_REF`). */
export interface EventInput {
  eventName: string;
  payload: Record<string, unknown>;
  sha: string;
  ref: string;
}

/** Everything the run needs to know about its event. */
export interface RunContext {
  plan: ScanPlan;
  category: Category;
  pullRequest?: PullRequestInfo;
  /** The commit file links point at. */
  headSha: string;
  /** Where a code-scanning upload belongs; undefined when there is nothing to attach it to. */
  sarif?: { commitSha: string; ref: string };
  /** Names the scan context that owns one incident issue: `history`, `branch:main`, `pr:7`. */
  incidentContext: string;
  /** Whether incident issues are on when the `incident-issues` input is left empty. */
  incidentDefault: boolean;
  /** Human description for logs and the summary, e.g. `pull request #7`. */
  describe: string;
  /**
   * The commit whose configuration, ignore file and baseline apply (pull requests, merge queues): the
   * change under review cannot loosen its own check. Undefined = the checkout's files.
   */
  configBase?: string;
}

/** The event cannot be scanned in the requested mode. */
export class EventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EventError';
  }
}

const ZERO_SHA = /^0+$/;
// Review events carry the same pull_request payload and run on the same merge commit as pull_request:
// a workflow on them judges the pull request, so it reads the base's configuration and diffs the same way.
const PR_EVENTS = new Set(['pull_request', 'pull_request_target', 'pull_request_review', 'pull_request_review_comment']);
const HISTORY_EVENTS = new Set(['schedule', 'workflow_dispatch']);

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' ? (v as Json) : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function branchOf(ref: string): string {
  return ref.replace(/^refs\/heads\//, '');
}

function pullRequestContext(input: EventInput): RunContext {
  const pr = obj(input.payload.pull_request);
  const number = Number(pr.number ?? input.payload.number);
  const base = str(obj(pr.base).sha);
  const head = str(obj(pr.head).sha);
  if (!Number.isInteger(number) || !base || !head) throw new EventError(`the ${input.eventName} payload has no pull_request number, base.sha and head.sha`);
  const fork = str(obj(obj(pr.head).repo).full_name) !== str(obj(obj(pr.base).repo).full_name);
  // pull_request runs on the merge commit (GITHUB_SHA); pull_request_target on the base branch, so
  // its analysis is attached to the head commit instead.
  const sarif = input.eventName !== 'pull_request_target' ? { commitSha: input.sha, ref: `refs/pull/${number}/merge` } : { commitSha: head, ref: `refs/pull/${number}/head` };
  return {
    plan: { kind: 'diff', base, head },
    category: 'keywarden/pr',
    pullRequest: { number, headSha: head, fork },
    headSha: head,
    sarif,
    incidentContext: `pr:${number}`,
    incidentDefault: false,
    describe: `pull request #${number}`,
  };
}

function pushContext(input: EventInput): RunContext {
  const p = input.payload;
  const before = str(p.before);
  const after = str(p.after) || input.sha;
  const ref = str(p.ref) || input.ref;
  const branch = branchOf(ref);
  const defaultBranch = str(obj(p.repository).default_branch);
  const common = {
    category: 'keywarden/push' as const,
    headSha: after,
    incidentContext: `branch:${branch}`,
    incidentDefault: defaultBranch !== '' && branch === defaultBranch,
    describe: `push to ${branch}`,
  };
  if (p.deleted === true || ZERO_SHA.test(after)) return { ...common, plan: { kind: 'nothing', reason: `branch ${branch} was deleted` }, headSha: before };
  const sarif = { commitSha: after, ref };
  const newBranch: NewBranchPlan = { kind: 'new-branch', head: after, branch, defaultBranch };
  if (p.created === true || !before || ZERO_SHA.test(before)) return { ...common, sarif, plan: newBranch, describe: `new branch ${branch}` };
  return { ...common, sarif, plan: { kind: 'diff', base: before, head: after, orElse: newBranch } };
}

function mergeGroupContext(input: EventInput): RunContext {
  const mg = obj(input.payload.merge_group);
  const base = str(mg.base_sha);
  const head = str(mg.head_sha) || input.sha;
  if (!base) throw new EventError('the merge_group payload has no base_sha');
  const ref = str(mg.head_ref) || input.ref;
  return {
    plan: { kind: 'diff', base, head },
    category: 'keywarden/push',
    headSha: head,
    sarif: { commitSha: head, ref },
    incidentContext: `branch:${branchOf(str(mg.base_ref) || ref)}`,
    incidentDefault: false,
    describe: `merge queue entry ${head.slice(0, 7)}`,
  };
}

function historyContext(input: EventInput): RunContext {
  return {
    plan: { kind: 'history' },
    category: 'keywarden/history',
    headSha: input.sha,
    sarif: { commitSha: input.sha, ref: input.ref },
    incidentContext: 'history',
    incidentDefault: true,
    describe: 'the git history',
  };
}

function treeContext(input: EventInput): RunContext {
  const pr = PR_EVENTS.has(input.eventName) ? pullRequestContext(input) : undefined;
  return {
    plan: { kind: 'tree' },
    category: 'keywarden/tree',
    pullRequest: pr?.pullRequest,
    headSha: input.sha,
    sarif: pr?.sarif ?? { commitSha: input.sha, ref: input.ref },
    incidentContext: pr ? pr.incidentContext : `branch:${branchOf(input.ref)}`,
    incidentDefault: false,
    describe: 'the checked-out files',
  };
}

/** The base commit of a pull request or merge queue event, whatever the mode; undefined for others. */
function configBaseOf(input: EventInput): string | undefined {
  if (PR_EVENTS.has(input.eventName)) return str(obj(obj(input.payload.pull_request).base).sha) || undefined;
  if (input.eventName === 'merge_group') return str(obj(input.payload.merge_group).base_sha) || undefined;
  return undefined;
}

/** The run context for an event and a `mode` input. Throws `EventError` for impossible combinations. */
export function contextFor(input: EventInput, mode: Mode): RunContext {
  const ctx = planFor(input, mode);
  const configBase = configBaseOf(input);
  return configBase ? { ...ctx, configBase } : ctx;
}

function planFor(input: EventInput, mode: Mode): RunContext {
  const e = input.eventName;
  if (mode === 'tree') return treeContext(input);
  if (mode === 'history' || mode === 'merge') {
    const h = historyContext(input);
    return PR_EVENTS.has(e) ? { ...h, pullRequest: pullRequestContext(input).pullRequest } : h;
  }
  if (PR_EVENTS.has(e)) return pullRequestContext(input);
  if (e === 'push') return pushContext(input);
  if (e === 'merge_group') return mergeGroupContext(input);
  if (mode === 'diff') throw new EventError(`mode "diff" needs a pull_request, push or merge_group event, not "${e}"`);
  if (HISTORY_EVENTS.has(e)) return historyContext(input);
  return treeContext(input);
}
