// Whose comments are ours: the login the token writes as. A GITHUB_TOKEN (and an app installation
// token) cannot call `GET /user` (403 "Resource not accessible by integration") and writes as
// `github-actions[bot]`; a personal or OAuth token writes as its user. Anyone can plant keywarden's
// marker in a comment of their own, so the sticky comment is only ever one written by this identity.
import { rateLimitOf, statusOf, type GitHubClient } from './client.ts';

/** The login a workflow's GITHUB_TOKEN writes as. */
export const ACTIONS_BOT = 'github-actions[bot]';

/** The login the client's token writes as: `GET /user`, or `github-actions[bot]` when that is refused. */
export async function tokenLogin(client: GitHubClient): Promise<string> {
  try {
    const res = await client.request<{ login?: unknown }>('GET /user');
    return typeof res.data.login === 'string' && res.data.login ? res.data.login : ACTIONS_BOT;
  } catch (e) {
    const status = statusOf(e);
    if ((status === 401 || status === 403 || status === 404) && !rateLimitOf(e)) return ACTIONS_BOT;
    throw e;
  }
}
