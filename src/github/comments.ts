// One sticky comment per pull request, found by a hidden marker and its author, and updated in place.
// Lists the comments page by page and stops at the first page holding our marked comment. A marked
// comment by anyone else is left alone: the marker alone is no proof that keywarden wrote it.
import type { GitHubClient, RepoRef } from './client.ts';

/** What we read of an issue comment. */
export interface IssueComment {
  id: number;
  body?: string | null;
  html_url?: string;
  user?: { login?: string } | null;
}

/** Where the comment lives and who writes it. */
export interface CommentTarget extends RepoRef {
  issueNumber: number;
  /** The login the token writes as (see ./identity.ts); only its comments are found. */
  author: string;
}

/** The outcome of `upsertComment`. */
export type UpsertResult =
  | { action: 'created' | 'updated'; comment: IssueComment; previous?: IssueComment }
  | { action: 'unchanged'; comment: IssueComment; previous: IssueComment }
  | { action: 'skipped' };

/** The first comment on issue/PR `issueNumber` by `author` whose body contains `marker`, or undefined. */
export async function findComment(client: GitHubClient, where: CommentTarget, marker: string): Promise<IssueComment | undefined> {
  const pages = client.pages<IssueComment>('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', {
    owner: where.owner,
    repo: where.repo,
    issue_number: where.issueNumber,
    per_page: 100,
  });
  for await (const page of pages) {
    const hit = page.find((c) => c.user?.login === where.author && c.body?.includes(marker));
    if (hit) return hit;
  }
  return undefined;
}

/**
 * Creates or updates the comment carrying `marker` (which `body` must contain).
 * `body(previous)` gets the existing comment so it can decide; returning undefined writes nothing
 * (e.g. a clean first run posts no comment). An identical body is not rewritten.
 */
export async function upsertComment(
  client: GitHubClient,
  where: CommentTarget,
  marker: string,
  body: (previous: IssueComment | undefined) => string | undefined,
): Promise<UpsertResult> {
  const previous = await findComment(client, where, marker);
  const text = body(previous);
  if (text === undefined) return { action: 'skipped' };
  if (!text.includes(marker)) throw new Error('the comment body must contain its marker');
  if (previous && previous.body === text) return { action: 'unchanged', comment: previous, previous };
  if (previous) {
    const res = await client.request<IssueComment>('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', {
      owner: where.owner,
      repo: where.repo,
      comment_id: previous.id,
      body: text,
    });
    return { action: 'updated', comment: res.data, previous };
  }
  const res = await client.request<IssueComment>('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
    owner: where.owner,
    repo: where.repo,
    issue_number: where.issueNumber,
    body: text,
  });
  return { action: 'created', comment: res.data };
}
