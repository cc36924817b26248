// run(): inputs → event → target → scan → masks, SARIF file, annotations → API steps (comment, code
// scanning, incident issue) → job summary → outputs → pass or fail. Everything that needs no token is
// done before the API steps, and the API steps cannot fail the run: only the scan and `fail-on` can.
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
import { getActionSettings, type ActionSettings } from './inputs.ts';
import { actionsLogger } from './logger.ts';
import type { RunnerEvent } from './runner-event.ts';
import { createGitHubClient } from './octokit.ts';
import { loadPlaybooks, playbookLookup, playbookUrl, sarifHelp } from './playbooks.ts';
import { publish, type PublishOutcome } from './publish.ts';
import { annotate, maskSecrets, writeSarifFile, writeSummary } from './report.ts';

function short(sha: string): string {
  return sha.slice(0, 7);
}

/** "pull request #7 (a1b2c3d..e4f5a6b)" */
function describeScan(ctx: RunContext, target: Target | undefined): string {
  if (!target) return `nothing: ${ctx.plan.kind === 'nothing' ? ctx.plan.reason : 'no target'}`;
  if (target.kind === 'diff') return `${ctx.describe} (lines added in ${short(target.base)}..${short(target.head)})`;
  if (target.kind === 'history') return target.branches ? `${ctx.describe} (history of ${target.branches.map(short).join(', ')})` : `${ctx.describe} (every branch)`;
  return ctx.describe;
}

/** The files that say what to skip: the base commit's on pull requests and merge queues (./base-config.ts). */
async function configFiles(settings: ActionSettings, ctx: RunContext, logger: Logger): Promise<Pick<ScanSettings, 'configPath' | 'baselinePath' | 'ignorePath'> & { notices: string[] }> {
  if (!ctx.configBase) return { configPath: settings.configPath, baselinePath: settings.baselinePath, notices: [] };
  return configFromBase(gitIn(settings.workspace), ctx.configBase, settings, logger);
}

/** Resolves the target and scans it; a deleted branch yields an empty result. */
async function scanFor(settings: ActionSettings, ctx: RunContext, logger: Logger): Promise<{ result: ScanResult; scanned: string; notices: string[] }> {
  const target = await resolveTarget(ctx.plan, gitIn(settings.workspace), logger);
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

/** The Action's work for the runner's `event` (./runner-event.ts). */
export async function run(event: RunnerEvent): Promise<void> {
  const logger = actionsLogger();
  try {
    const settings = getActionSettings();
    const ctx = contextFor(event, settings.mode);
    const repo = event.repo;
    const { repoUrl, runUrl } = urls(repo);
    const { result, scanned, notices } = await scanFor(settings, ctx, logger);
    maskSecrets(result.secrets);

    const set = loadPlaybooks(logger);
    const lookup = playbookLookup(set);
    const playbookOfRule = (id: string): string | undefined => result.rules.find((r) => r.id === id)?.playbook;
    const sarif = await writeSarifFile(result, { category: ctx.category, helpFor: sarifHelp(set, playbookOfRule) }, settings.workspace, settings.sarifFile, logger);
    if (sarif.notice) {
      logger.warn(sarif.notice);
      notices.push(sarif.notice);
    }
    const sarifJson = sarif.json;
    if (settings.annotations) annotate(result.secrets);

    // The summary is written before any API call, so that a stalled or refused API loses nothing; what
    // the API steps did is appended after them.
    const summary = renderJobSummary(result, { repoUrl, headSha: ctx.headSha, scanned, playbooks: lookup, stepsUrl: playbookUrl, notices });
    await writeSummary(summary, logger).catch((e: unknown) => logger.warn(`could not write the job summary: ${(e as Error).message}`));

    const comment = { repoUrl, headSha: ctx.headSha, playbooks: lookup, runUrl, notices };
    const abort = new AbortController();
    const client = createGitHubClient(settings.token, logger, { timeoutMs: settings.apiTimeoutMs, signal: abort.signal });
    const published = await publish(client, { settings, ctx, result, sarifJson, repo, comment, playbooks: set, runUrl }, logger, { deadlineMs: settings.publishDeadlineMs, abort });
    const after = renderPublished(published);
    if (after) await writeSummary(after, logger, 16 * 1024).catch((e: unknown) => logger.warn(`could not write the job summary: ${(e as Error).message}`));
    setOutputs(settings, result, published);
    const reason = failureReason(result, settings.failOn);
    if (reason) core.setFailed(reason);
    else if (result.secrets.length) logger.info(`${result.secrets.length} secret${result.secrets.length === 1 ? '' : 's'} below fail-on "${settings.failOn}"`);
    else logger.info('no secrets found');
  } catch (e) {
    core.setFailed(e instanceof Error ? (e.message.split('\n')[0] ?? '') : String(e));
  }
}
