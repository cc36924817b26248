// An organisation scan runs the Action in one repository's workflow on a checkout of another (input
// `repository`). The event then describes the wrong repository and commit: the scanned repository,
// its checked-out commit and branch take the place of GITHUB_REPOSITORY, GITHUB_SHA and GITHUB_REF, so
// that links, the default incident repository and a code-scanning upload go to the repository scanned.
import type { RepoRef } from '../github/client.ts';
import type { Git } from './commits.ts';
import { InputError } from './inputs.ts';
import type { RunnerEvent } from './runner-event.ts';

/** `event` about the checkout of `repo` in the workspace. */
export async function eventForCheckout(event: RunnerEvent, repo: RepoRef, git: Git): Promise<RunnerEvent> {
  const sha = (await git(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'])).stdout.trim();
  if (!/^[0-9a-f]{40,64}$/.test(sha)) throw new InputError(`input "repository": the workspace has no checked-out commit of ${repo.owner}/${repo.repo} (check it out with actions/checkout and \`repository:\`)`);
  const ref = (await git(['symbolic-ref', '--quiet', 'HEAD'])).stdout.trim();
  return { ...event, repo, sha, ref: ref || event.ref };
}
