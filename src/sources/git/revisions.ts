// Resolving the two ends of a diff scan. The scan covers what HEAD adds relative to the merge base
// of BASE and HEAD (as `git diff BASE...HEAD` does), so a base branch that moved on, or a force-push
// whose old tip shares only part of the history, never shows its own lines as added. Missing
// commits are fetched when a remote is configured (shallow CI checkouts); otherwise the error says
// how to get them.
import { GitSourceError, SHALLOW_HINT } from './errors.ts';
import { git, gitText } from './run.ts';

/** The commits a diff scan compares. */
export interface DiffRange {
  base: string;
  head: string;
  /** The side lines are compared against: the merge base, or `base` for unrelated histories. */
  from: string;
  /** True when base and head are the same commit: nothing to scan. */
  empty: boolean;
}

/** Depths tried, in turn, to find the merge base in a shallow clone before fetching everything. */
const DEEPEN_STEPS = [50, 500];

/** Resolves `baseRev..headRev` to commits and their merge base, fetching what a shallow clone lacks. */
export async function resolveRange(root: string, baseRev: string, headRev: string): Promise<DiffRange> {
  const repo = { root, remote: await pickRemote(root), shallow: await isShallow(root) };
  const base = await commitOrFetch(repo, baseRev);
  const head = await commitOrFetch(repo, headRev);
  if (base === head) return { base, head, from: base, empty: true };
  let mb = await mergeBase(root, base, head);
  if (!mb && repo.shallow) {
    if (!repo.remote) throw new GitSourceError(`shallow clone: the history between ${short(base)} and ${short(head)} is missing; ${SHALLOW_HINT}`);
    for (const depth of DEEPEN_STEPS) {
      await fetch(repo, [`--deepen=${depth}`, base, head]);
      if ((mb = await mergeBase(root, base, head))) break;
    }
    if (!mb && (await isShallow(root))) {
      await fetch(repo, ['--unshallow', base, head]);
      mb = await mergeBase(root, base, head);
    }
  }
  return { base, head, from: mb ?? base, empty: false };
}

interface Repo {
  root: string;
  remote: string | undefined;
  shallow: boolean;
}

async function commitOrFetch(repo: Repo, rev: string): Promise<string> {
  const found = await resolveCommit(repo.root, rev);
  if (found) return found;
  if (repo.remote && !rev.startsWith('-') && rev !== '') {
    const fetched = await fetch(repo, [rev]).then(
      () => true,
      () => false,
    );
    const after = fetched ? ((await resolveCommit(repo.root, rev)) ?? (await resolveCommit(repo.root, 'FETCH_HEAD'))) : undefined;
    if (after) return after;
  }
  if (repo.shallow) throw new GitSourceError(`commit ${rev} is not in this shallow clone${repo.remote ? ` and could not be fetched from ${repo.remote}` : ''}; ${SHALLOW_HINT}`);
  throw new GitSourceError(`unknown revision '${rev}'${repo.remote ? ` (not found locally nor on ${repo.remote})` : ''}`);
}

/** Full id of the commit `rev` names, or undefined. */
export async function resolveCommit(root: string, rev: string): Promise<string | undefined> {
  if (rev === '' || rev.startsWith('-')) return undefined;
  const out = await gitText(root, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], { okCodes: [1, 128] });
  return /^[0-9a-f]{40,64}$/.test(out) ? out : undefined;
}

async function mergeBase(root: string, a: string, b: string): Promise<string | undefined> {
  const out = await gitText(root, ['merge-base', a, b], { okCodes: [1] });
  return out || undefined;
}

async function isShallow(root: string): Promise<boolean> {
  return (await gitText(root, ['rev-parse', '--is-shallow-repository'])) === 'true';
}

async function pickRemote(root: string): Promise<string | undefined> {
  const remotes = (await gitText(root, ['remote'])).split('\n').filter(Boolean);
  return remotes.includes('origin') ? 'origin' : remotes[0];
}

async function fetch(repo: Repo, args: string[]): Promise<void> {
  const refs = args.filter((a) => !a.startsWith('-'));
  const opts = args.filter((a) => a.startsWith('-'));
  await git(repo.root, ['fetch', '--quiet', '--no-tags', '--no-recurse-submodules', ...opts, repo.remote!, ...refs]);
}

function short(sha: string): string {
  return sha.slice(0, 12);
}
