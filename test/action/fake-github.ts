// A loopback fake of the GitHub REST endpoints the Action calls, with state (comments, issues, SARIF
// uploads) and a record of every request. Failures are injected per route: a status for the next N
// matching requests, a stall (never answers), a primary rate limit, a read-only token (403 on every
// write), or code scanning turned off. GitHub's limits are enforced: bodies over 65,536 characters get
// 422, SARIF uploads over 10 MB gzipped get 413, and more than 25,000 results in a run (or more than
// 20 runs) get 422.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

/** One request as the server saw it. */
export interface RecordedRequest {
  method: string;
  /** Path without the query string (and without GHES's `/api/v3` prefix). */
  path: string;
  /** The request came under `/api/v3` (GitHub Enterprise Server layout). */
  ghes: boolean;
  query: Record<string, string>;
  authorization?: string;
  /** The raw body text ('' for none). */
  raw: string;
  /** The parsed JSON body, if any. */
  body?: Record<string, unknown>;
}

export interface FakeComment {
  id: number;
  body: string;
  html_url: string;
  user: { login: string };
}

export interface FakeIssue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  labels: { name: string }[];
  assignees: { login: string }[];
  html_url: string;
  comments: FakeComment[];
}

export interface SarifUpload {
  id: string;
  repo: string;
  commit_sha: string;
  ref: string;
  /** The decoded (gunzipped, parsed) SARIF log. */
  log: Record<string, unknown>;
  /** The decoded JSON text. */
  text: string;
}

interface Failure {
  method: string;
  path: RegExp;
  status: number;
  times: number;
  message: string;
  headers?: Record<string, string>;
}

/** GitHub's limits, as the fake enforces them. */
export const LIMITS = { body: 65_536, sarifGzipped: 10 * 1024 * 1024, resultsPerRun: 25_000, runsPerFile: 20 } as const;

type Handler = (req: RecordedRequest, m: readonly [string, string, string]) => { status: number; body?: unknown; headers?: Record<string, string> };

/** The fake API. `url` is its base URL (use it as GITHUB_API_URL). */
export class FakeGitHub {
  readonly requests: RecordedRequest[] = [];
  /** `owner/repo#number` → comments. */
  readonly comments = new Map<string, FakeComment[]>();
  /** `owner/repo` → issues. */
  readonly issues = new Map<string, FakeIssue[]>();
  readonly sarifs: SarifUpload[] = [];
  /** `org` → its repositories, as `GET /orgs/{org}/repos` lists them (paged like every list). */
  readonly orgRepos = new Map<string, Record<string, unknown>[]>();
  /** Every write answers 403, as with the read-only token of a fork pull request. */
  readOnly = false;
  /** Code scanning off: uploads answer 403 "Advanced Security must be enabled". */
  codeScanningEnabled = true;
  /** Page size cap, as GitHub's (100); lower it to exercise pagination. */
  maxPerPage = 100;
  /** The login `GET /user` answers; undefined = 403, as for a GITHUB_TOKEN. Comments are written as it. */
  tokenUser: string | undefined;
  url = '';
  private server: Server | undefined;
  private failures: Failure[] = [];
  private stalls: { method: string; path: RegExp }[] = [];
  private nextId = 1000;

  /** Answers `status` to the next `times` requests matching `method` and `path`. */
  fail(method: string, path: RegExp, status: number, times = 1, message = 'Server Error'): void {
    this.failures.push({ method, path, status, times, message });
  }

  /** Requests matching `method` and `path` are read and never answered. */
  stall(method: string, path: RegExp): void {
    this.stalls.push({ method, path });
  }

  /** The next `times` matching requests hit the primary rate limit, which resets at `reset` (epoch s). */
  rateLimit(method: string, path: RegExp, reset: number, times = 1): void {
    const headers = { 'x-ratelimit-limit': '1000', 'x-ratelimit-remaining': '0', 'x-ratelimit-used': '1000', 'x-ratelimit-reset': String(reset), 'x-ratelimit-resource': 'core' };
    this.failures.push({ method, path, status: 403, times, message: 'API rate limit exceeded for installation ID 1.', headers });
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** Requests made with `method` to paths matching `path`. */
  calls(method: string, path: RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && path.test(r.path));
  }

  issuesOf(repo: string): FakeIssue[] {
    let list = this.issues.get(repo);
    if (!list) this.issues.set(repo, (list = []));
    return list;
  }

  commentsOn(repo: string, n: number): FakeComment[] {
    const key = `${repo}#${n}`;
    let list = this.comments.get(key);
    if (!list) this.comments.set(key, (list = []));
    return list;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.url);
    // GitHub Enterprise Server serves the API under /api/v3.
    const ghes = url.pathname.startsWith('/api/v3/');
    const rec: RecordedRequest = { method: req.method ?? 'GET', path: ghes ? url.pathname.slice('/api/v3'.length) : url.pathname, ghes, query: Object.fromEntries(url.searchParams), raw, authorization: req.headers.authorization };
    if (raw) {
      try {
        rec.body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        // Not JSON: kept raw.
      }
    }
    this.requests.push(rec);
    if (this.stalls.some((st) => st.method === rec.method && st.path.test(rec.path))) return;
    const out = this.route(rec);
    res.writeHead(out.status, { 'content-type': 'application/json; charset=utf-8', ...out.headers });
    res.end(out.body === undefined ? '' : JSON.stringify(out.body));
  }

  private route(req: RecordedRequest): { status: number; body?: unknown; headers?: Record<string, string> } {
    const failure = this.failures.find((f) => f.times > 0 && f.method === req.method && f.path.test(req.path));
    if (failure) {
      failure.times--;
      return { status: failure.status, body: { message: failure.message }, headers: failure.headers };
    }
    if (this.readOnly && req.method !== 'GET') return { status: 403, body: { message: 'Resource not accessible by integration' } };
    const body = req.body?.body;
    if (typeof body === 'string' && body.length > LIMITS.body) {
      return { status: 422, body: { message: 'Validation Failed', errors: [{ resource: 'IssueComment', code: 'custom', field: 'body', message: `body is too long (maximum is ${LIMITS.body} characters)` }] } };
    }
    for (const [method, re, handler] of this.routes) {
      const m = re.exec(req.path);
      if (m && method === req.method) return handler(req, [m[0], m[1] ?? '', m[2] ?? '']);
    }
    return { status: 404, body: { message: 'Not Found' } };
  }

  private page<T>(req: RecordedRequest, items: T[]): { status: number; body: T[]; headers: Record<string, string> } {
    const per = Math.min(Number(req.query.per_page ?? 30), this.maxPerPage);
    const page = Number(req.query.page ?? 1);
    const headers: Record<string, string> = {};
    if (page * per < items.length) {
      const next = new URL((req.ghes ? '/api/v3' : '') + req.path, this.url);
      for (const [k, v] of Object.entries({ ...req.query, page: String(page + 1) })) next.searchParams.set(k, v);
      headers.link = `<${next}>; rel="next"`;
    }
    return { status: 200, body: items.slice((page - 1) * per, page * per), headers };
  }

  private readonly routes: [string, RegExp, Handler][] = [
    ['GET', /^\/user$/, () => (this.tokenUser ? { status: 200, body: { login: this.tokenUser, type: 'User' } } : { status: 403, body: { message: 'Resource not accessible by integration' } })],
    ['GET', /^\/repos\/([^/]+\/[^/]+)\/issues\/(\d+)\/comments$/, (req, m) => this.page(req, this.commentsOn(m[1], Number(m[2])))],
    ['POST', /^\/repos\/([^/]+\/[^/]+)\/issues\/(\d+)\/comments$/, (req, m) => this.addComment(m[1], Number(m[2]), String(req.body?.body ?? ''))],
    ['PATCH', /^\/repos\/([^/]+\/[^/]+)\/issues\/comments\/(\d+)$/, (req, m) => this.editComment(Number(m[2]), String(req.body?.body ?? ''))],
    ['POST', /^\/repos\/([^/]+\/[^/]+)\/code-scanning\/sarifs$/, (req, m) => this.upload(m[1], req)],
    ['GET', /^\/repos\/([^/]+\/[^/]+)\/code-scanning\/sarifs\/([^/]+)$/, (_req, m) => ({ status: 200, body: { processing_status: 'complete', analyses_url: `${this.url}/repos/${m[1]}/code-scanning/analyses?sarif_id=${m[2]}` } })],
    ['GET', /^\/repos\/([^/]+\/[^/]+)\/issues$/, (req, m) => this.listIssues(m[1], req)],
    ['POST', /^\/repos\/([^/]+\/[^/]+)\/issues$/, (req, m) => this.createIssue(m[1], req)],
    ['PATCH', /^\/repos\/([^/]+\/[^/]+)\/issues\/(\d+)$/, (req, m) => this.editIssue(m[1], Number(m[2]), req)],
    ['GET', /^\/orgs\/([^/]+)\/repos$/, (req, m) => {
      const repos = this.orgRepos.get(m[1]);
      return repos ? this.page(req, repos) : { status: 404, body: { message: 'Not Found' } };
    }],
  ];

  private addComment(repo: string, n: number, body: string): { status: number; body: FakeComment } {
    const c: FakeComment = { id: this.nextId++, body, html_url: `https://github.test/${repo}/pull/${n}#issuecomment-${this.nextId}`, user: { login: this.tokenUser ?? 'github-actions[bot]' } };
    const issue = this.issuesOf(repo).find((i) => i.number === n);
    (issue ? issue.comments : this.commentsOn(repo, n)).push(c);
    return { status: 201, body: c };
  }

  private editComment(id: number, body: string): { status: number; body?: unknown } {
    const c = [...this.comments.values()].flat().find((x) => x.id === id);
    if (!c) return { status: 404, body: { message: 'Not Found' } };
    c.body = body;
    return { status: 200, body: c };
  }

  private upload(repo: string, req: RecordedRequest): { status: number; body: unknown } {
    if (!this.codeScanningEnabled) return { status: 403, body: { message: 'Advanced Security must be enabled for this repository to use code scanning.' } };
    const gzipped = Buffer.from(String(req.body?.sarif ?? ''), 'base64');
    if (gzipped.length > LIMITS.sarifGzipped) return { status: 413, body: { message: 'Request Entity Too Large' } };
    const text = gunzipSync(gzipped).toString('utf8');
    const log = JSON.parse(text) as { runs?: { results?: unknown[] }[] };
    const runs = log.runs ?? [];
    if (runs.length > LIMITS.runsPerFile) return { status: 422, body: { message: `SARIF has ${runs.length} runs, more than the ${LIMITS.runsPerFile} allowed` } };
    const big = runs.find((r) => (r.results?.length ?? 0) > LIMITS.resultsPerRun);
    if (big) return { status: 422, body: { message: `a run has ${big.results?.length} results, more than the ${LIMITS.resultsPerRun} allowed` } };
    const id = `sarif-${this.nextId++}`;
    this.sarifs.push({ id, repo, commit_sha: String(req.body?.commit_sha), ref: String(req.body?.ref), text, log: log as Record<string, unknown> });
    return { status: 202, body: { id, url: `${this.url}/repos/${repo}/code-scanning/sarifs/${id}` } };
  }

  private listIssues(repo: string, req: RecordedRequest): { status: number; body: unknown; headers?: Record<string, string> } {
    const labels = (req.query.labels ?? '').split(',').filter(Boolean);
    const state = req.query.state ?? 'open';
    const list = this.issuesOf(repo).filter((i) => (state === 'all' || i.state === state) && labels.every((l) => i.labels.some((x) => x.name === l)));
    return this.page(req, list.map(({ comments: _c, ...issue }) => issue));
  }

  private createIssue(repo: string, req: RecordedRequest): { status: number; body: unknown } {
    const b = req.body ?? {};
    const issues = this.issuesOf(repo);
    const number = issues.length + 1;
    const issue: FakeIssue = {
      number,
      title: String(b.title),
      body: String(b.body ?? ''),
      state: 'open',
      labels: ((b.labels as string[] | undefined) ?? []).map((name) => ({ name })),
      assignees: ((b.assignees as string[] | undefined) ?? []).map((login) => ({ login })),
      html_url: `https://github.test/${repo}/issues/${number}`,
      comments: [],
    };
    issues.push(issue);
    this.comments.set(`${repo}#${number}`, issue.comments);
    const { comments: _c, ...out } = issue;
    return { status: 201, body: out };
  }

  private editIssue(repo: string, n: number, req: RecordedRequest): { status: number; body: unknown } {
    const issue = this.issuesOf(repo).find((i) => i.number === n);
    if (!issue) return { status: 404, body: { message: 'Not Found' } };
    const b = req.body ?? {};
    if (typeof b.title === 'string') issue.title = b.title;
    if (typeof b.body === 'string') issue.body = b.body;
    if (b.state === 'open' || b.state === 'closed') issue.state = b.state;
    const { comments: _c, ...out } = issue;
    return { status: 200, body: out };
  }
}
