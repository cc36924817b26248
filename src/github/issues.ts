// The issues endpoints the incident tracker uses: list by label, create, update, comment.
import type { GitHubClient, RepoRef } from './client.ts';

/** What we read of an issue. */
export interface Issue {
  number: number;
  title: string;
  body?: string | null;
  state: 'open' | 'closed';
  html_url: string;
  labels?: (string | { name?: string })[];
  /** Present when the "issue" is a pull request (the issues API lists both). */
  pull_request?: unknown;
}

/** Every issue (open and closed, not pull requests) carrying `label`, oldest first. */
export async function listLabelledIssues(client: GitHubClient, repo: RepoRef, label: string): Promise<Issue[]> {
  const out: Issue[] = [];
  const pages = client.pages<Issue>('GET /repos/{owner}/{repo}/issues', {
    owner: repo.owner,
    repo: repo.repo,
    labels: label,
    state: 'all',
    sort: 'created',
    direction: 'asc',
    per_page: 100,
  });
  for await (const page of pages) for (const issue of page) if (!issue.pull_request) out.push(issue);
  return out;
}

/** Fields of a new issue. */
export interface NewIssue {
  title: string;
  body: string;
  labels: string[];
  assignees?: string[];
}

/** Opens an issue; returns it as created (labels may be dropped if the token cannot set them). */
export async function createIssue(client: GitHubClient, repo: RepoRef, issue: NewIssue): Promise<Issue> {
  const params: Record<string, unknown> = { owner: repo.owner, repo: repo.repo, title: issue.title, body: issue.body, labels: issue.labels };
  if (issue.assignees?.length) params.assignees = issue.assignees;
  return (await client.request<Issue>('POST /repos/{owner}/{repo}/issues', params)).data;
}

/** Changes the title and/or body of an issue. */
export async function updateIssue(client: GitHubClient, repo: RepoRef, number: number, fields: { title?: string; body?: string }): Promise<Issue> {
  return (await client.request<Issue>('PATCH /repos/{owner}/{repo}/issues/{issue_number}', { owner: repo.owner, repo: repo.repo, issue_number: number, ...fields })).data;
}

/** Adds a comment to an issue. */
export async function commentOnIssue(client: GitHubClient, repo: RepoRef, number: number, body: string): Promise<void> {
  await client.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { owner: repo.owner, repo: repo.repo, issue_number: number, body });
}

/** The label names of an issue. */
export function labelNames(issue: Issue): string[] {
  return (issue.labels ?? []).map((l) => (typeof l === 'string' ? l : (l.name ?? '')));
}
