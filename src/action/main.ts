// run(): inputs → event → target → scan → masks, SARIF file, annotations → API steps (comment, code
// scanning, incident issue) → job summary → outputs → pass or fail. Everything that needs no token is
// done before the API steps, and the API steps cannot fail the run: only the scan and `fail-on` can.
// A sharded history scan takes two kinds of job: each shard job scans its part and leaves a partial
// report for the artifacts (./shard-job.ts); the merge job (`mode: merge`, ./merge-job.ts) merges them
// and then reports exactly as one unsharded scan does.
import * as core from '@actions/core';
import { emptyStats, type ScanResult } from '../core/types.ts';
import type { Logger } from '../logger.ts';
import { renderJobSummary, renderPublished } from '../reporters/job-summary.ts';
import { severityCounts } from '../reporters/text.ts';
import { atLeastSeverity } from '../engine/thresholds.ts';
import { loadRuleSet, scan } from '../scan.ts';
import { defaultSettings, defaultThreads, type ScanSettings, type Target } from '../settings.ts';
import { VERSION } from '../version.ts';
import { gitIn, resolveTarget } from './commits.ts';
import { configFromBase } from './base-config.ts';
import { contextFor, type RunContext } from './event.ts';
import { getActionSettings, InputError, type ActionSettings } from './inputs.ts';
import { actionsLogger } from './logger.ts';
import type { RunnerEvent } from './runner-event.ts';
import { createGitHubClient } from './octokit.ts';
import { loadPlaybooks, playbookLookup, playbookUrl, sarifHelp } from './playbooks.ts';
import { publish, type PublishOutcome } from './publish.ts';
import { annotate, maskSecrets, writeHtmlReport, writeSarifFile, writeSummary } from './report.ts';
import { MergeError } from '../engine/merge.ts';
import { mergeReports } from './merge-job.ts';
import { reportShard } from './shard-job.ts';
import { eventForCheckout } from './other-repo.ts';
import type { RepoRef } from '../github/client.ts';
import type { FittedSarif } from '../github/sarif-limits.ts';
import type { PlaybookSet } from '../playbook/types.ts';

function short(sha: string): string {
  return sha.slice(0, 7);
}

/** "pull request #7 (a1b2c3d..e4f5a6b)" */
function describeScan(ctx: RunContext, target: Target | undefined): string {
  if (!target) return `nothing: ${ctx.plan.kind === 'nothing' ? ctx.plan.reason : 'no target'}`;
  if (target.kind === 'diff') return `${ctx.describe} (lines added in ${short(target.base)}..${short(target.head)})`;
  if (target.kind === 'history') {
    const shard = target.shard ? `, shard ${target.shard.index}/${target.shard.count}` : '';
    return target.branches ? `${ctx.describe} (history of ${target.branches.map(short).join(', ')}${shard})` : `${ctx.describe} (every branch${shard})`;
  }
  return ctx.describe;
}

/** The files that say what to skip: the base commit's on pull requests and merge queues (./base-config.ts). */
async function configFiles(settings: ActionSettings, ctx: RunContext, logger: Logger): Promise<Pick<ScanSettings, 'configPath' | 'baselinePath' | 'ignorePath'> & { notices: string[] }> {
  if (!ctx.configBase) return { configPath: settings.configPath, baselinePath: settings.baselinePath, notices: [] };
  return configFromBase(gitIn(settings.workspace), ctx.configBase, settings, logger);
}

/** Resolves the target and scans it (a shard job: its shard of the history); a deleted branch yields an empty result. */
async function scanFor(settings: ActionSettings, ctx: RunContext, logger: Logger): Promise<Scanned> {
  const resolved = await resolveTarget(ctx.plan, gitIn(settings.workspace), logger);
  const target = settings.shard && resolved?.kind === 'history' ? { ...resolved, shard: settings.shard } : resolved;
  const { notices, ...files } = await configFiles(settings, ctx, logger);
  const scanSettings: ScanSettings = { ...defaultSettings(settings.workspace, target), threads: defaultThreads(), ...files, fingerprintKey: settings.fingerprintKey, ...(settings.inlineAllow ? {} : { ignoreInlineAllow: true }) };
  const scanned = describeScan(ctx, target);
  logger.info(`keywarden ${VERSION}: scanning ${scanned}`);
  if (!target) {
    const rules = loadRuleSet(scanSettings).rules;
    return { result: { secrets: [], stats: { ...emptyStats(), rules: rules.length }, errors: [], rules }, scanned, notices };
  }
  return { result: await scan(scanSettings, { logger }), scanned, notices };
}

function setOutputs(settings: ActionSettings, result: ScanResult, published: PublishOutcome): void {
  const fingerprints = result.secrets.map((s) => s.fingerprint).sort();
  const known = published.known;
  core.setOutput('findings', result.secrets.length);
  core.setOutput('new-findings', known ? result.secrets.filter((s) => !known.has(s.fingerprint)).length : result.secrets.length);
  core.setOutput('sarif-file', settings.sarifFile);
  core.setOutput('fingerprints', JSON.stringify(fingerprints));
  if (settings.htmlReportFile) core.setOutput('html-report-path', settings.htmlReportFile);
}

/** The one-line failure reason when findings reach `fail-on`, else undefined. */
export function failureReason(result: ScanResult, failOn: ActionSettings['failOn']): string | undefined {
  if (failOn === 'none') return undefined;
  const failing = result.secrets.filter((s) => atLeastSeverity(s.severity, failOn));
  if (!failing.length) return undefined;
  return `keywarden found ${failing.length} leaked secret${failing.length === 1 ? '' : 's'} (${severityCounts(failing)}) at or above fail-on "${failOn}": revoke and rotate them, see the job summary`;
}

function urls(repo: { owner: string; repo: string }): { repoUrl: string; runUrl?: string } {
  const server = (process.env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '');
  const repoUrl = `${server}/${repo.owner}/${repo.repo}`;
  return { repoUrl, runUrl: process.env.GITHUB_RUN_ID ? `${repoUrl}/actions/runs/${process.env.GITHUB_RUN_ID}` : undefined };
}

/** What one run scanned (or merged), before anything is reported. */
export interface Scanned {
  result: ScanResult;
  /** Human description for the log and the summary. */
  scanned: string;
  /** Warnings shown under the summary's heading. */
  notices: string[];
}

/** The Action's work for the runner's `event` (./runner-event.ts). */
export async function run(runnerEvent: RunnerEvent): Promise<void> {
  const logger = actionsLogger();
  try {
    const settings = getActionSettings();
    // An organisation scan: the workspace holds another repository than the workflow's (./other-repo.ts).
    const event = settings.repository ? await eventForCheckout(runnerEvent, settings.repository, gitIn(settings.workspace)) : runnerEvent;
    const ctx = contextFor(event, settings.mode);
    if (settings.shard && ctx.plan.kind !== 'history') throw new InputError(`inputs "shard" and "shards" split a history scan, and ${ctx.describe} is not one: set \`mode: history\``);
    const scanned = settings.mode === 'merge' ? await mergeReports(settings, ctx, logger) : await scanFor(settings, ctx, logger);
    if (scanned.result.shard) await reportShard(settings, ctx, scanned, urls(event.repo), logger);
    else await report(settings, ctx, event.repo, scanned, logger);
  } catch (e) {
    const line = e instanceof Error ? (e.message.split('\n')[0] ?? '') : String(e);
    core.setFailed(e instanceof MergeError ? `keywarden merge: ${line}` : line);
  }
}

/** A whole scan's report (an unsharded scan, or the merge of a shard set): files, API steps, outputs, pass or fail. */
async function report(settings: ActionSettings, ctx: RunContext, repo: RepoRef, { result, scanned, notices }: Scanned, logger: Logger): Promise<void> {
  const { repoUrl, runUrl } = urls(repo);
  maskSecrets(result.secrets);

  const set = loadPlaybooks(logger);
  const lookup = playbookLookup(set);
  const sarif = await writeSarif(result, ctx, settings, set, logger);
  if (sarif.notice) {
    logger.warn(sarif.notice);
    notices.push(sarif.notice);
  }
  if (settings.htmlReportFile) await writeHtmlReport(result, lookup, settings.htmlReportFile);
  if (settings.annotations) annotate(result.secrets);

  // The summary is written before any API call, so that a stalled or refused API loses nothing; what
  // the API steps did is appended after them.
  const summary = renderJobSummary(result, { repoUrl, headSha: ctx.headSha, scanned, playbooks: lookup, stepsUrl: playbookUrl, notices });
  await writeSummary(summary, logger).catch((e: unknown) => logger.warn(`could not write the job summary: ${(e as Error).message}`));

  const comment = { repoUrl, headSha: ctx.headSha, playbooks: lookup, runUrl, notices };
  const abort = new AbortController();
  const client = createGitHubClient(settings.token, logger, { timeoutMs: settings.apiTimeoutMs, signal: abort.signal });
  const published = await publish(client, { settings, ctx, result, sarifJson: sarif.json, repo, comment, playbooks: set, runUrl }, logger, { deadlineMs: settings.publishDeadlineMs, abort });
  const after = renderPublished(published);
  if (after) await writeSummary(after, logger, 16 * 1024).catch((e: unknown) => logger.warn(`could not write the job summary: ${(e as Error).message}`));
  setOutputs(settings, result, published);
  const reason = failureReason(result, settings.failOn);
  if (reason) core.setFailed(reason);
  else if (result.secrets.length) logger.info(`${result.secrets.length} secret${result.secrets.length === 1 ? '' : 's'} below fail-on "${settings.failOn}"`);
  else logger.info('no secrets found');
}

/** The SARIF file, with the playbooks' help on each rule. */
function writeSarif(result: ScanResult, ctx: RunContext, settings: ActionSettings, set: PlaybookSet | undefined, logger: Logger): Promise<FittedSarif> {
  const playbookOfRule = (id: string): string | undefined => result.rules.find((r) => r.id === id)?.playbook;
  return writeSarifFile(result, { category: ctx.category, helpFor: sarifHelp(set, playbookOfRule) }, settings.workspace, settings.sarifFile, logger);
}
