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

/** One line describing an API error, without request bodies or headers (they may hold tokens). */
export function describeApiError(error: unknown): string {
  const status = statusOf(error);
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]?.slice(0, 300) ?? '';
  return status ? `HTTP ${status}: ${message}` : message;
}

/** True for the "you may not" answers: read-only tokens (fork pull requests), missing permissions. */
export function isPermissionError(error: unknown): boolean {
  const status = statusOf(error);
  return status === 401 || status === 403;
}
