// The API side of a run: the sticky pull request comment, the code-scanning upload and the incident
// issue. Each step fails on its own: a 403 (read-only token, code scanning off), a rate limit, a
// timeout or a 5xx that survived the retries becomes one warning and a note in the job summary, never
// a failed scan. The whole phase has a deadline: past it, requests in flight are aborted and the
// remaining steps skipped, with a warning.
import type { ScanResult, Secret } from '../core/types.ts';
import { describeApiError, isPermissionError, type GitHubClient, type RepoRef } from '../github/client.ts';
import { CodeScanningUnavailableError, uploadSarif, waitForSarif } from '../github/code-scanning.ts';
import { upsertComment } from '../github/comments.ts';
import { tokenLogin } from '../github/identity.ts';
import { syncIncident } from '../github/incident.ts';
import type { Logger } from '../logger.ts';
import type { PlaybookSet } from '../playbook/types.ts';
import { COMMENT_FINGERPRINT_CHARS, commentFingerprints, listedAllowedInline, PR_COMMENT_MARKER, renderPrComment, renderPrCommentResolved, type PrCommentContext } from '../reporters/pr-comment.ts';
import type { RunContext } from './event.ts';
import type { ActionSettings } from './inputs.ts';

/** Everything the API steps need. */
export interface PublishInput {
  settings: ActionSettings;
  ctx: RunContext;
  result: ScanResult;
  sarifJson: string;
  repo: RepoRef;
  comment: PrCommentContext;
  playbooks?: PlaybookSet;
  runUrl?: string;
}

/** What the API steps did, for the summary and the outputs. */
export interface PublishOutcome {
  /** One line per problem, shown in the job summary. */
  notes: string[];
  incident?: { number: number; url: string };
  /** Fingerprints an earlier run already reported (comment or incident issue); undefined = no earlier report known. */
  known?: Set<string>;
  /** Set at the deadline: steps still running report nothing more. */
  closed?: boolean;
}

/** The publishing phase's limits. */
export interface PublishLimits {
  /** ms for all steps together. */
  deadlineMs: number;
  /** Aborted at the deadline; the client's requests listen to it. */
  abort: AbortController;
}

function warn(out: PublishOutcome, logger: Logger, note: string): void {
  if (out.closed) return; // a step abandoned at the deadline: its failure is already accounted for
  logger.warn(note);
  out.notes.push(note);
}

async function prComment(client: GitHubClient, input: PublishInput, out: PublishOutcome, logger: Logger): Promise<void> {
  const pr = input.ctx.pullRequest;
  if (!input.settings.comment || !pr) return;
  const secrets = input.result.secrets;
  try {
    const author = await tokenLogin(client);
    const res = await upsertComment(client, { ...input.repo, issueNumber: pr.number, author }, PR_COMMENT_MARKER, (previous) => {
      const before = commentFingerprints(previous?.body);
      if (previous) {
        const reported = new Set(before);
        const known = secrets.filter((s) => reported.has(s.fingerprint.slice(0, COMMENT_FINGERPRINT_CHARS))).map((s) => s.fingerprint);
        out.known = new Set([...(out.known ?? []), ...known]);
      }
      // Secrets allowed inline are listed too, so a reviewer sees what a `keywarden:allow` marker waved through.
      const allowed = input.result.allowedInline?.length ?? 0;
      if (secrets.length) return renderPrComment(input.result, input.comment);
      if (!previous) return allowed ? renderPrComment(input.result, input.comment) : undefined;
      if (before.length) return renderPrCommentResolved(before.length, input.comment, input.result);
      return allowed || listedAllowedInline(previous.body) ? renderPrComment(input.result, input.comment) : (previous.body ?? undefined);
    });
    if (res.action !== 'skipped') logger.info(`pull request comment ${res.action}${res.comment.html_url ? `: ${res.comment.html_url}` : ''}`);
  } catch (e) {
    if (isPermissionError(e)) {
      warn(out, logger, `Could not write the pull request comment (${describeApiError(e)}): the token is read-only, as on pull requests from forks, or lacks \`pull-requests: write\`. The findings are in this summary and the annotations.`);
    } else {
      warn(out, logger, `Could not write the pull request comment: ${describeApiError(e)}`);
    }
  }
}

async function codeScanning(client: GitHubClient, input: PublishInput, out: PublishOutcome, logger: Logger): Promise<void> {
  if (!input.settings.uploadSarif) return;
  if (!input.ctx.sarif) {
    logger.info('nothing to attach a code-scanning analysis to; upload skipped');
    return;
  }
  try {
    const { id } = await uploadSarif(client, input.repo, input.sarifJson, input.ctx.sarif);
    const processing = await waitForSarif(client, input.repo, id);
    if (processing.status === 'failed') warn(out, logger, `Code scanning rejected the SARIF upload ${id}: ${processing.errors.join('; ') || 'no reason given'}`);
    else logger.info(`SARIF upload ${id}: ${processing.status === 'complete' ? 'processed' : 'still processing'}`);
  } catch (e) {
    if (e instanceof CodeScanningUnavailableError) warn(out, logger, `SARIF not uploaded: ${e.message}. The file is at ${input.settings.sarifFile}.`);
    else warn(out, logger, `SARIF upload failed: ${describeApiError(e)}. The file is at ${input.settings.sarifFile}.`);
  }
}

async function incidentIssue(client: GitHubClient, input: PublishInput, out: PublishOutcome, logger: Logger): Promise<void> {
  const enabled = input.settings.incidentIssues ?? input.ctx.incidentDefault;
  const secrets: readonly Secret[] = input.result.secrets;
  if (!enabled || !secrets.length) return;
  if (!input.playbooks) {
    warn(out, logger, 'Incident issue not opened: the playbooks could not be loaded.');
    return;
  }
  const repo = input.settings.incidentRepo ?? input.repo;
  // In a shared incident repository each scanned repository keeps its own issue per context.
  const own = repo.owner.toLowerCase() === input.repo.owner.toLowerCase() && repo.repo.toLowerCase() === input.repo.repo.toLowerCase();
  try {
    const res = await syncIncident(client, secrets, {
      repo,
      context: own ? input.ctx.incidentContext : `${input.repo.owner}/${input.repo.repo}:${input.ctx.incidentContext}`,
      playbooks: input.playbooks,
      maxSecrets: input.settings.maxIssueSecrets,
      assignees: input.settings.incidentAssignees,
      runUrl: input.runUrl,
    });
    for (const w of res.warnings) warn(out, logger, w);
    const fresh = new Set(res.freshFingerprints);
    out.known = new Set([...(out.known ?? []), ...secrets.map((s) => s.fingerprint).filter((fp) => !fresh.has(fp))]);
    if (res.issue) out.incident = res.issue;
    logger.info(`incident issue: ${res.action}${res.issue ? ` #${res.issue.number} ${res.issue.url}` : ''} (${res.added} new, ${res.suppressed} already resolved)`);
  } catch (e) {
    const hint = isPermissionError(e) ? ` The token needs \`issues: write\` on ${repo.owner}/${repo.repo}.` : '';
    warn(out, logger, `Could not open or update the incident issue: ${describeApiError(e)}.${hint}`);
  }
}

const STEPS = [
  ['the pull request comment', prComment, (i: PublishInput) => i.settings.comment && !!i.ctx.pullRequest],
  ['the code-scanning upload', codeScanning, (i: PublishInput) => i.settings.uploadSarif && !!i.ctx.sarif],
  ['the incident issue', incidentIssue, (i: PublishInput) => (i.settings.incidentIssues ?? i.ctx.incidentDefault) && i.result.secrets.length > 0],
] as const;

/** Runs the API steps in order within the deadline; never throws for an API failure. */
export async function publish(client: GitHubClient, input: PublishInput, logger: Logger, limits: PublishLimits): Promise<PublishOutcome> {
  const out: PublishOutcome = { notes: [] };
  let current = 0;
  const steps = async (): Promise<void> => {
    for (const [, step] of STEPS) {
      if (limits.abort.signal.aborted) return;
      await step(client, input, out, logger);
      current++;
    }
  };
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'deadline'>((resolve) => (timer = setTimeout(() => resolve('deadline'), limits.deadlineMs)));
  const ended = await Promise.race([steps().then(() => 'done' as const), deadline]);
  clearTimeout(timer);
  if (ended === 'deadline') {
    limits.abort.abort();
    const skipped = STEPS.slice(current).filter(([, , applies]) => applies(input)).map(([name]) => name);
    warn(out, logger, `The GitHub API steps did not finish within ${Math.round(limits.deadlineMs / 1000)} s and were stopped: ${skipped.join(' and ')} ${skipped.length === 1 ? 'was' : 'were'} not written. The findings are in this summary, the annotations and the SARIF file.`);
    out.closed = true;
  }
  return out;
}
