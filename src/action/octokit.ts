// The GitHubClient port over @actions/github's Octokit, with the retry plugin (5xx and network errors,
// with backoff) and the throttling plugin (primary and secondary rate limits). GITHUB_API_URL, read by
// @actions/github when it loads, points it at GitHub Enterprise Server.
import * as github from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import type { GitHubClient } from '../github/client.ts';
import type { Logger } from '../logger.ts';

/** Rate-limit waits longer than this are not worth holding the job for; the call fails instead. */
const MAX_RATE_LIMIT_WAIT_S = 60;

/** A client for `token`; rate-limited calls are retried twice when the wait is short. */
export function createGitHubClient(token: string, logger: Logger): GitHubClient {
  const onLimit =
    (kind: string) =>
    (retryAfter: number, options: { method?: string; url?: string }, _octokit: unknown, retryCount: number): boolean => {
      const retrying = retryCount < 2 && retryAfter <= MAX_RATE_LIMIT_WAIT_S;
      logger.warn(`${kind} rate limit on ${options.method ?? ''} ${options.url ?? ''}; ${retrying ? `retrying in ${retryAfter} s` : 'giving up'}`);
      return retrying;
    };
  const octokit = github.getOctokit(
    token,
    {
      throttle: { onRateLimit: onLimit('primary'), onSecondaryRateLimit: onLimit('secondary') },
      log: { debug: (m: string) => logger.debug(m), info: (m: string) => logger.debug(m), warn: (m: string) => logger.debug(m), error: (m: string) => logger.debug(m) },
    },
    retry,
    throttling,
  );
  return clientFromOctokit(octokit);
}

/** The port over any Octokit built by `getOctokit` (tests build one without the plugins). */
export function clientFromOctokit(octokit: ReturnType<typeof github.getOctokit>): GitHubClient {
  return {
    request: async <T>(route: string, params?: Record<string, unknown>) => {
      const res = await octokit.request(route, params);
      return { status: res.status, data: res.data as T };
    },
    pages: async function* <T>(route: string, params?: Record<string, unknown>) {
      for await (const res of octokit.paginate.iterator(route, params)) yield res.data as T[];
    },
  };
}
