// Turns a ScanPlan into a scan Target, making sure the commits it needs are in the checkout.
// actions/checkout fetches one commit by default (`fetch-depth: 1`): missing commits are fetched by id
// (the diff source then deepens a shallow clone until it finds the merge base), a new branch gets the
// default branch's tip fetched as its base, and history scans unshallow the clone. When that fails
// (no credentials, a mirror without the commit) the error says to set `fetch-depth: 0`.
import type { Logger } from '../logger.ts';
import { tryGit } from '../sources/git/run.ts';
import type { Target } from '../settings.ts';
import type { NewBranchPlan, ScanPlan } from './event.ts';

/** Runs git in the workspace; never throws for a non-zero exit. */
export type Git = (args: string[]) => Promise<{ code: number; stdout: string; stderr: string }>;

/** The `git` binary, run in `cwd` with keywarden's one set of safe options (sources/git/run.ts). */
export function gitIn(cwd: string): Git {
  return (args) => tryGit(cwd, args);
}

/** The checkout lacks history the scan needs. */
export class ShallowCheckoutError extends Error {
  constructor(message: string) {
    super(`${message}. Set \`fetch-depth: 0\` on actions/checkout so that the history keywarden scans is in the checkout.`);
    this.name = 'ShallowCheckoutError';
  }
}

async function hasCommit(git: Git, sha: string): Promise<boolean> {
  return (await git(['cat-file', '-e', `${sha}^{commit}`])).code === 0;
}

async function isShallow(git: Git): Promise<boolean> {
  return (await git(['rev-parse', '--is-shallow-repository'])).stdout.trim() === 'true';
}

/** Fetches the commits that are missing (by id, as actions/checkout does); true when all are there. */
export async function ensureCommits(git: Git, shas: string[], logger: Logger): Promise<boolean> {
  const missing: string[] = [];
  for (const sha of shas) if (!(await hasCommit(git, sha))) missing.push(sha);
  if (!missing.length) return true;
  logger.info(`fetching ${missing.map((s) => s.slice(0, 12)).join(', ')}`);
  const depth = (await isShallow(git)) ? ['--depth=1'] : [];
  const res = await git(['fetch', '--no-tags', '--no-recurse-submodules', ...depth, 'origin', ...missing]);
  if (res.code !== 0) logger.debug(`git fetch: ${res.stderr.trim()}`);
  for (const sha of missing) if (!(await hasCommit(git, sha))) return false;
  return true;
}

/** A history target over every ref, after unshallowing the checkout if needed. */
async function historyTarget(git: Git, logger: Logger, branches?: string[]): Promise<Target> {
  if (await isShallow(git)) {
    logger.info('shallow checkout: fetching the full history of every branch');
    const res = await git(['fetch', '--no-tags', '--no-recurse-submodules', '--unshallow', 'origin', '+refs/heads/*:refs/remotes/origin/*']);
    if (res.code !== 0 || (await isShallow(git))) throw new ShallowCheckoutError('a history scan needs the full history and the checkout is shallow');
  }
  return branches ? { kind: 'history', branches } : { kind: 'history' };
}

/** A pushed new branch: the commits since it left the default branch (or all of it). */
async function newBranchTarget(git: Git, plan: NewBranchPlan, logger: Logger): Promise<Target> {
  if (!(await ensureCommits(git, [plan.head], logger))) throw new ShallowCheckoutError(`commit ${plan.head.slice(0, 12)} is not in the checkout`);
  if (!plan.defaultBranch || plan.branch === plan.defaultBranch) return historyTarget(git, logger, [plan.head]);
  const remote = `refs/remotes/origin/${plan.defaultBranch}`;
  const depth = (await isShallow(git)) ? ['--depth=1'] : [];
  await git(['fetch', '--no-tags', '--no-recurse-submodules', ...depth, 'origin', `+refs/heads/${plan.defaultBranch}:${remote}`]);
  const base = (await git(['rev-parse', '--verify', '--quiet', `${remote}^{commit}`])).stdout.trim();
  if (!base) {
    logger.warn(`default branch ${plan.defaultBranch} not found; scanning all of ${plan.branch}`);
    return historyTarget(git, logger, [plan.head]);
  }
  // The diff source compares against the merge base, deepening a shallow clone until it finds it.
  return { kind: 'diff', base, head: plan.head };
}

/** The scan target for `plan`, with the commits it needs present; undefined for `nothing`. */
export async function resolveTarget(plan: ScanPlan, git: Git, logger: Logger): Promise<Target | undefined> {
  switch (plan.kind) {
    case 'nothing':
      return undefined;
    case 'tree':
      return { kind: 'files', paths: ['.'] };
    case 'history':
      return historyTarget(git, logger);
    case 'new-branch':
      return newBranchTarget(git, plan, logger);
    case 'diff':
      if (!(await ensureCommits(git, [plan.head], logger))) throw new ShallowCheckoutError(`commit ${plan.head.slice(0, 12)} could not be fetched`);
      if (plan.orElse && !(await ensureCommits(git, [plan.base], logger))) {
        // A force push can make `before` unreachable: scan what the branch adds instead.
        logger.warn(`commit ${plan.base.slice(0, 12)} (before the push) is gone; scanning the commits the branch adds instead`);
        return newBranchTarget(git, plan.orElse, logger);
      }
      // The diff source fetches a missing base and finds the merge base (deepening a shallow clone).
      return { kind: 'diff', base: plan.base, head: plan.head };
  }
}
