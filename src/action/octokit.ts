// The GitHubClient port over @actions/github's Octokit, with the retry plugin (5xx and network errors,
// with backoff) and the throttling plugin (primary and secondary rate limits). GITHUB_API_URL, read by
// @actions/github when it loads, points it at GitHub Enterprise Server. Every request has a timeout
// and can be cut short by the publishing phase's deadline (`signal`): a stalled endpoint cannot hold
// the job. A timed-out request is not retried (a POST may have been applied).
import * as github from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import type { GitHubClient } from '../github/client.ts';
import type { Logger } from '../logger.ts';

/** Rate-limit waits longer than this are not worth holding the job for; the call fails instead. */
const MAX_RATE_LIMIT_WAIT_S = 60;

/** How long requests may take. */
export interface ClientLimits {
  /** Per request, ms. */
  timeoutMs: number;
  /** Aborts every request in flight and every later one (the publishing deadline). */
  signal?: AbortSignal;
}

/** An error Octokit passes through without retrying (its name is `AbortError`), with a readable message. */
function abortError(message: string): Error {
  const e = new Error(message);
  e.name = 'AbortError';
  return e;
}

/** `fetch` with the per-request timeout and the phase signal. */
export function limitedFetch(limits: ClientLimits, base: typeof fetch = fetch): typeof fetch {
  return async (url, init) => {
    const timeout = AbortSignal.timeout(limits.timeoutMs);
    const signals = [timeout, limits.signal, init?.signal].filter((s): s is AbortSignal => !!s);
    try {
      return await base(url, { ...init, signal: AbortSignal.any(signals) });
    } catch (e) {
      if (limits.signal?.aborted) throw abortError('stopped at the publishing deadline');
      if (timeout.aborted) throw abortError(`no answer within ${Math.round(limits.timeoutMs / 1000)} s (request timeout)`);
      throw e;
    }
  };
}

/** A client for `token`; rate-limited calls are retried twice when the wait is short. */
export function createGitHubClient(token: string, logger: Logger, limits: ClientLimits): GitHubClient {
  const onLimit =
    (kind: string) =>
    (retryAfter: number, options: { method?: string; url?: string }, _octokit: unknown, retryCount: number): boolean => {
      const retrying = retryCount < 2 && retryAfter <= MAX_RATE_LIMIT_WAIT_S && !limits.signal?.aborted;
      logger.warn(`${kind} rate limit on ${options.method ?? ''} ${options.url ?? ''}; ${retrying ? `retrying in ${retryAfter} s` : 'giving up'}`);
      return retrying;
    };
  const octokit = github.getOctokit(
    token,
    {
      throttle: { onRateLimit: onLimit('primary'), onSecondaryRateLimit: onLimit('secondary') },
      request: { fetch: limitedFetch(limits) },
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
