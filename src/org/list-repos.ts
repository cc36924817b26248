// An organisation's repositories from the REST API: `GET /orgs/{org}/repos`, 100 per page, following the
// Link header's `next` (only on the API's own origin, so the token goes nowhere else). A 5xx or a
// network error is retried with backoff; a rate limit is waited out when GitHub says it ends within a
// minute; anything else, or a problem that outlasts the retries, is one line naming it (OrgApiError).
import type { OrgRepo } from './plan.ts';

/** The API refused or failed; the message is one line and holds no token. */
export class OrgApiError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OrgApiError';
  }
}

export interface ListOptions {
  /** API base URL, e.g. https://api.github.com or GHES's https://host/api/v3. */
  api: string;
  token: string;
  org: string;
  /** Retries of a 5xx, a network error or a short rate limit. Default: 3. */
  retries?: number;
  /** First backoff, doubled on each retry, ms. Default: 1000. */
  retryDelayMs?: number;
  /** Longest rate-limit wait worth taking, s. Default: 60. */
  maxWaitS?: number;
  fetch?: typeof fetch;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The `rel="next"` URL of a Link header. */
export function nextLink(link: string | null): string | undefined {
  for (const part of (link ?? '').split(',')) {
    const m = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (m?.[1]) return m[1];
  }
  return undefined;
}

/** Seconds until a rate limit ends, from `retry-after` or `x-ratelimit-reset`; undefined when the answer is no rate limit. */
function rateLimitWait(res: Response): number | undefined {
  if (res.status !== 403 && res.status !== 429) return undefined;
  const after = res.headers.get('retry-after');
  if (after !== null && Number.isFinite(Number(after))) return Number(after);
  if (res.headers.get('x-ratelimit-remaining') !== '0') return res.status === 429 ? 60 : undefined;
  const reset = Number(res.headers.get('x-ratelimit-reset'));
  return Number.isFinite(reset) ? Math.max(0, Math.ceil(reset - Date.now() / 1000)) : 3600;
}

async function messageOf(res: Response): Promise<string> {
  const body = (await res.json().catch(() => ({}))) as { message?: unknown };
  return typeof body.message === 'string' ? body.message.split('\n')[0]?.slice(0, 200) ?? '' : '';
}

/** One GET with the retries; returns a 2xx response or throws OrgApiError. */
async function get(url: string, opts: ListOptions): Promise<Response> {
  const doFetch = opts.fetch ?? fetch;
  const retries = opts.retries ?? 3;
  const where = `GET ${new URL(url).pathname}`;
  for (let attempt = 0; ; attempt++) {
    const delay = (opts.retryDelayMs ?? 1000) * 2 ** attempt;
    let res: Response;
    try {
      res = await doFetch(url, { headers: { authorization: `Bearer ${opts.token}`, accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28', 'user-agent': 'keywarden-org-plan' } });
    } catch (e) {
      if (attempt < retries) {
        await sleep(delay);
        continue;
      }
      throw new OrgApiError(`${where}: no answer after ${retries + 1} attempts (${(e as Error).cause instanceof Error ? ((e as Error).cause as Error).message : (e as Error).message})`);
    }
    if (res.ok) return res;
    const wait = rateLimitWait(res);
    if (wait !== undefined) {
      if (attempt < retries && wait <= (opts.maxWaitS ?? 60)) {
        await sleep(wait * 1000);
        continue;
      }
      const at = new Date(Date.now() + wait * 1000).toISOString().slice(11, 19);
      throw new OrgApiError(`${where}: rate limit exhausted until ${at} UTC (${res.status}); run the plan again then, or use a token with its own limit (a GitHub App)`);
    }
    if (res.status >= 500 && attempt < retries) {
      await sleep(delay);
      continue;
    }
    const message = await messageOf(res);
    if (res.status === 401) throw new OrgApiError(`${where}: the token was refused (401${message ? `: ${message}` : ''})`);
    if (res.status === 404) throw new OrgApiError(`${where}: organisation "${opts.org}" not found, or the token cannot see it (404)`);
    throw new OrgApiError(`${where}: ${res.status}${message ? ` ${message}` : ''}${res.status >= 500 ? ` after ${retries + 1} attempts` : ''}`);
  }
}

/** Every repository of `opts.org` the token can see, all pages. */
export async function listOrgRepos(opts: ListOptions): Promise<OrgRepo[]> {
  if (!/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/.test(opts.org)) throw new OrgApiError(`"${opts.org.slice(0, 40)}" is not an organisation login`);
  const base = opts.api.replace(/\/+$/, '');
  const origin = new URL(base).origin;
  const repos: OrgRepo[] = [];
  let url: string | undefined = `${base}/orgs/${opts.org}/repos?per_page=100&type=all`;
  for (let pages = 0; url; pages++) {
    if (pages >= 1000) throw new OrgApiError(`GET /orgs/${opts.org}/repos: more than 1000 pages; stopped`);
    const res = await get(url, opts);
    const page = (await res.json().catch(() => undefined)) as unknown;
    if (!Array.isArray(page)) throw new OrgApiError(`GET ${new URL(url).pathname}: the answer is not a list of repositories`);
    for (const r of page as Partial<OrgRepo>[]) {
      if (typeof r.full_name !== 'string' || typeof r.name !== 'string') continue;
      repos.push({ full_name: r.full_name, name: r.name, archived: r.archived === true, disabled: r.disabled === true, size: typeof r.size === 'number' ? r.size : 0 });
    }
    const next = nextLink(res.headers.get('link'));
    if (next && new URL(next).origin !== origin) throw new OrgApiError(`GET /orgs/${opts.org}/repos: the next page is on another host (${new URL(next).host}); not sending the token there`);
    url = next;
  }
  return repos;
}
