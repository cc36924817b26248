// Direct SARIF upload to GitHub code scanning: `POST /repos/{o}/{r}/code-scanning/sarifs` with the log
// gzipped and base64-encoded, then a short poll of the processing status.
import { gzipSync } from 'node:zlib';
import type { GitHubClient, RepoRef } from './client.ts';
import { rateLimitOf, statusOf } from './client.ts';

import { MAX_GZIPPED_SARIF } from './sarif-limits.ts';

/** Where the analysis belongs: a commit and the ref it was analysed for. */
export interface SarifTarget {
  /** 40-hex commit id; on `pull_request` the merge commit (GITHUB_SHA). */
  commitSha: string;
  /** `refs/heads/<branch>`, `refs/pull/<n>/merge` or `refs/pull/<n>/head`. */
  ref: string;
}

/** The upload could not happen for a reason the user fixes in settings, not a transient failure. */
export class CodeScanningUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CodeScanningUnavailableError';
  }
}

/** `gzip(json) → base64`, as the endpoint wants it. */
export function encodeSarif(sarifJson: string): string {
  return gzipSync(Buffer.from(sarifJson, 'utf8')).toString('base64');
}

/** Uploads one SARIF log; returns the id to poll. 403/404 become `CodeScanningUnavailableError`. */
export async function uploadSarif(client: GitHubClient, repo: RepoRef, sarifJson: string, target: SarifTarget): Promise<{ id: string }> {
  const sarif = encodeSarif(sarifJson);
  if ((sarif.length * 3) / 4 > MAX_GZIPPED_SARIF) throw new CodeScanningUnavailableError(`the gzipped SARIF is larger than GitHub's 10 MB limit`);
  try {
    const res = await client.request<{ id: string }>('POST /repos/{owner}/{repo}/code-scanning/sarifs', {
      owner: repo.owner,
      repo: repo.repo,
      commit_sha: target.commitSha,
      ref: target.ref,
      sarif,
      tool_name: 'keywarden',
    });
    return { id: res.data.id };
  } catch (e) {
    const status = statusOf(e);
    if ((status === 403 && !rateLimitOf(e)) || status === 404) {
      throw new CodeScanningUnavailableError(
        `code scanning is not available for this repository or token (HTTP ${status}): enable code scanning (GitHub Code Security on private repositories) and grant \`security-events: write\``,
      );
    }
    throw e;
  }
}

/** The processing outcome of an upload. `pending` = still processing when we stopped asking. */
export interface SarifProcessing {
  status: 'complete' | 'failed' | 'pending';
  errors: string[];
}

/** Options for `waitForSarif`. */
export interface WaitOptions {
  /** Status requests at most. Default: 6. */
  attempts?: number;
  /** Pause between requests, ms. Default: 2000. */
  delayMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls `GET …/code-scanning/sarifs/{id}` until processing completes or fails, or attempts run out. */
export async function waitForSarif(client: GitHubClient, repo: RepoRef, id: string, options: WaitOptions = {}): Promise<SarifProcessing> {
  const attempts = options.attempts ?? 6;
  const sleep = options.sleep ?? defaultSleep;
  for (let i = 0; i < attempts; i++) {
    if (i > 0) await sleep(options.delayMs ?? 2000);
    const res = await client.request<{ processing_status?: string; errors?: string[] | null }>('GET /repos/{owner}/{repo}/code-scanning/sarifs/{sarif_id}', {
      owner: repo.owner,
      repo: repo.repo,
      sarif_id: id,
    });
    const status = res.data.processing_status;
    if (status === 'complete' || status === 'failed') return { status, errors: res.data.errors ?? [] };
  }
  return { status: 'pending', errors: [] };
}
