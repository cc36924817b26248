// A shard job of a sharded history scan (inputs `shard` and `shards`, one matrix job each). It leaves
// partial results only: its JSON report for actions/upload-artifact (the `shard-report` output), a
// SARIF file marked partial, and a job summary headed "partial: shard I/N". It posts no comment,
// uploads nothing to code scanning, opens no incident issue and does not fail on findings: a failed
// shard would cancel its siblings (matrix fail-fast) and skip the merge job, which is the one gate
// (`mode: merge`, ./merge-job.ts), as one unsharded scan would be.
import * as core from '@actions/core';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Log } from 'sarif';
import type { ScanResult, ShardInfo } from '../core/types.ts';
import type { Logger } from '../logger.ts';
import { renderJobSummary } from '../reporters/job-summary.ts';
import { jsonReporter } from '../reporters/json.ts';
import type { RunContext } from './event.ts';
import type { ActionSettings } from './inputs.ts';
import type { Scanned } from './main.ts';
import { loadPlaybooks, playbookLookup, playbookUrl, sarifHelp } from './playbooks.ts';
import { maskSecrets, writeSarifFile, writeSummary } from './report.ts';

/** Where shard I of N writes its JSON report: `<workspace>/keywarden-shard-I-of-N.json` (what `shard-reports` finds by default). */
export function shardReportPath(workspace: string, shard: Pick<ShardInfo, 'index' | 'count'>): string {
  return join(workspace, `keywarden-shard-${shard.index}-of-${shard.count}.json`);
}

/** The API steps a shard job leaves to the merge job, when asked for: said once, not silently dropped. */
function deferred(settings: ActionSettings): string[] {
  const out: string[] = [];
  if (settings.uploadSarif) out.push('the code-scanning upload');
  if (settings.incidentIssues) out.push('the incident issue');
  return out;
}

/**
 * The result with each occurrence's SARIF line hash, when the shard could compute one: the merge job
 * has no raw values to hash the masked line with. A file's other secrets are masked as far as this
 * shard knows them, which is all of them when one blob (the checked-out one) holds them all.
 */
export function withLineHashes(result: ScanResult, log: Log): ScanResult {
  const results = log.runs[0]?.results ?? [];
  let i = 0;
  const secrets = result.secrets.map((s) => {
    const occurrences = s.occurrences.map((o) => {
      const hash = results[i++]?.partialFingerprints?.primaryLocationLineHash;
      return hash ? { ...o, lineHash: hash } : o;
    });
    return { ...s, occurrences }; // for the JSON report: the raw value (non-enumerable) is not carried over
  });
  return { ...result, secrets };
}

/** Writes a shard's partial report and outputs; never fails the step for findings. */
export async function reportShard(settings: ActionSettings, ctx: RunContext, { result, scanned, notices }: Scanned, links: { repoUrl: string }, logger: Logger): Promise<void> {
  const shard = result.shard;
  if (!shard) throw new Error('not a shard result');
  const label = `partial: shard ${shard.index}/${shard.count}`;
  maskSecrets(result.secrets);
  const set = loadPlaybooks(logger);
  const playbookOfRule = (id: string): string | undefined => result.rules.find((r) => r.id === id)?.playbook;
  const sarif = await writeSarifFile(result, { category: ctx.category, helpFor: sarifHelp(set, playbookOfRule) }, settings.workspace, settings.sarifFile, logger);
  if (sarif.notice) notices.push(sarif.notice);

  const reportFile = shardReportPath(settings.workspace, shard);
  await mkdir(dirname(reportFile), { recursive: true });
  await writeFile(reportFile, jsonReporter(withLineHashes(result, sarif.log)));
  const later = deferred(settings);
  if (later.length) logger.info(`${label}: ${later.join(' and ')} ${later.length === 1 ? 'is' : 'are'} done once, by the merge job (mode: merge)`);

  const summary = renderJobSummary(result, { repoUrl: links.repoUrl, headSha: ctx.headSha, scanned, playbooks: playbookLookup(set), stepsUrl: playbookUrl, notices });
  await writeSummary(summary, logger).catch((e: unknown) => logger.warn(`could not write the job summary: ${(e as Error).message}`));

  const fingerprints = result.secrets.map((s) => s.fingerprint).sort();
  core.setOutput('findings', result.secrets.length);
  core.setOutput('new-findings', result.secrets.length);
  core.setOutput('sarif-file', settings.sarifFile);
  core.setOutput('fingerprints', JSON.stringify(fingerprints));
  core.setOutput('shard-report', reportFile);
  const n = result.secrets.length;
  logger.info(`${label}: ${n ? `${n} secret${n === 1 ? '' : 's'} in this shard's part of the history` : 'no secrets in this part of the history'}; the merge job (mode: merge) reports the whole scan and passes or fails it. Report: ${reportFile}`);
}
