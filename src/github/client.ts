// The REST port every GitHub adapter in this folder uses. The Action passes an Octokit (with the retry
// and throttling plugins) wrapped by `src/action/octokit.ts`; tests pass fakes. Routes are Octokit's
// `METHOD /path/{param}` strings, so the adapters read like the REST documentation.

/** The response parts the adapters read. */
export interface ApiResponse<T> {
  status: number;
  data: T;
}

/** A minimal REST client: one request, or the pages of a list endpoint. */
export interface GitHubClient {
  request<T>(route: string, params?: Record<string, unknown>): Promise<ApiResponse<T>>;
  /** The items of each page of a list endpoint, page by page (`per_page` is the caller's choice). */
  pages<T>(route: string, params?: Record<string, unknown>): AsyncIterable<T[]>;
}

/** A repository, as `owner/name` splits. */
export interface RepoRef {
  owner: string;
  repo: string;
}

/** The HTTP status of an API error (Octokit's RequestError carries `status`), or undefined. */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** A response header of an API error (Octokit's RequestError carries `response.headers`), or undefined. */
function headerOf(error: unknown, name: string): string | undefined {
  const value = (error as { response?: { headers?: Record<string, unknown> } } | null)?.response?.headers?.[name];
  return value === undefined || value === null ? undefined : String(value);
}

/** A rate-limit refusal: which limit, and when the primary one resets (epoch seconds). */
export interface RateLimit {
  kind: 'primary' | 'secondary';
  reset?: number;
}

/** The rate limit behind a 403/429, or undefined when the error is something else. */
export function rateLimitOf(error: unknown): RateLimit | undefined {
  const status = statusOf(error);
  if (status !== 403 && status !== 429) return undefined;
  if (headerOf(error, 'x-ratelimit-remaining') === '0') {
    const reset = Number(headerOf(error, 'x-ratelimit-reset'));
    return { kind: 'primary', reset: Number.isFinite(reset) && reset > 0 ? reset : undefined };
  }
  const message = error instanceof Error ? error.message : '';
  if (status === 429 || headerOf(error, 'retry-after') !== undefined || /secondary rate limit/i.test(message)) return { kind: 'secondary' };
  return undefined;
}

/** "the GitHub API rate limit is used up until 08:15:00 UTC (in 12 min)" */
function describeRateLimit(limit: RateLimit, now: number): string {
  if (limit.kind === 'secondary') return "GitHub's secondary rate limit (too many requests at once) refused the request; a later run will succeed";
  if (!limit.reset) return 'the GitHub API rate limit for this token is used up';
  const minutes = Math.max(0, Math.ceil((limit.reset * 1000 - now) / 60_000));
  return `the GitHub API rate limit for this token is used up until ${new Date(limit.reset * 1000).toISOString().slice(11, 19)} UTC (in ${minutes} min)`;
}

/** One line describing an API error, without request bodies or headers (they may hold tokens). */
export function describeApiError(error: unknown, now = Date.now()): string {
  const status = statusOf(error);
  const limit = rateLimitOf(error);
  if (limit) return `HTTP ${status}: ${describeRateLimit(limit, now)}`;
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]?.slice(0, 300) ?? '';
  // Octokit gives an aborted request (our timeout or deadline) status 500: there was no answer at all.
  return status && !(error instanceof Error && error.name === 'AbortError') ? `HTTP ${status}: ${message}` : message;
}

/** True for the "you may not" answers: read-only tokens (fork pull requests), missing permissions. A rate limit is not one. */
export function isPermissionError(error: unknown): boolean {
  const status = statusOf(error);
  return (status === 401 || status === 403) && !rateLimitOf(error);
}
