// What the Action leaves on the runner whatever the API does: masks, the SARIF file, the HTML report,
// annotations and the job summary. None of these needs a token, so they also work on fork pull requests.
import * as core from '@actions/core';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { Log } from 'sarif';
import { secretOf } from '../core/match.ts';
import type { ScanResult, Secret } from '../core/types.ts';
import { addLineHashes } from '../github/sarif-line-hashes.ts';
import { fitSarif, type FittedSarif } from '../github/sarif-limits.ts';
import type { Logger } from '../logger.ts';
import { htmlReporter } from '../reporters/html.ts';
import type { PlaybookLookup } from '../reporters/pr-comment.ts';
import type { ReportContext } from '../reporters/reporter.ts';
import { sarifReporter } from '../reporters/sarif.ts';

/** Annotations per step that GitHub shows; more are dropped silently, so we stop there. */
export const MAX_ANNOTATIONS = 10;
/** GitHub refuses a step summary over 1 MiB; the report gets this much, what the API steps did the rest. */
export const MAX_SUMMARY_BYTES = 1024 * 1024 - 32 * 1024;

/** Registers every raw value with the runner so it is masked in all later log lines. */
export function maskSecrets(secrets: readonly Secret[]): void {
  const seen = new Set<string>();
  for (const s of secrets) {
    const secret = secretOf(s);
    if (!secret || seen.has(secret)) continue;
    seen.add(secret);
    core.setSecret(secret);
    // The runner masks line by line: a multi-line value (a PEM key) needs each line registered too.
    for (const line of secret.split(/\r?\n/)) if (line.trim().length >= 4 && line !== secret) core.setSecret(line.trim());
  }
}

/**
 * Renders the SARIF log, adds line hashes where the workspace allows, caps it to what code scanning
 * accepts (../github/sarif-limits.ts), writes it; returns the JSON and the notice when results had to
 * go, and the whole log before capping (one result per occurrence, in order).
 */
export async function writeSarifFile(result: ScanResult, ctx: ReportContext, workspace: string, file: string, logger: Logger): Promise<FittedSarif & { log: Log }> {
  const log = JSON.parse(sarifReporter(result, ctx)) as Log;
  const read = async (path: string): Promise<string | undefined> => {
    const abs = join(workspace, path);
    if (relative(workspace, abs).startsWith(`..${sep}`)) return undefined;
    return readFile(abs, 'utf8').catch(() => undefined);
  };
  const hashed = await addLineHashes(log, result.secrets, read);
  logger.debug(`line hashes for ${hashed} of ${log.runs[0]?.results?.length ?? 0} results`);
  const fitted = fitSarif(log);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, fitted.json);
  return { ...fitted, log };
}

/** Writes the HTML report (../reporters/html.ts) with the playbooks' steps to `file`. */
export async function writeHtmlReport(result: ScanResult, playbooks: PlaybookLookup, file: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, htmlReporter(result, { playbooks }));
}

/** Error annotations on the first places of the secrets, then one notice counting the rest. */
export function annotate(secrets: readonly Secret[]): void {
  const places = secrets.flatMap((s) => s.occurrences.map((o) => ({ s, o })));
  for (const { s, o } of places.slice(0, MAX_ANNOTATIONS)) {
    const oneLine = o.line === o.endLine;
    const elsewhere = s.occurrences.length > 1 ? ` The same secret is in ${s.occurrences.length - 1} more place${s.occurrences.length === 2 ? '' : 's'}.` : '';
    core.error(`${s.ruleName}: ${s.redacted}. Revoke and rotate it, then remove it from the code.${elsewhere}`, {
      title: `Leaked secret (${s.ruleId})`,
      file: o.path,
      startLine: o.line,
      endLine: o.endLine,
      ...(oneLine ? { startColumn: o.column, endColumn: o.endColumn } : {}),
    });
  }
  const more = places.length - MAX_ANNOTATIONS;
  if (more > 0) core.notice(`keywarden: ${more} more place${more === 1 ? ' is' : 's are'} not annotated (GitHub shows ${MAX_ANNOTATIONS} per step); see the job summary and the SARIF file.`);
}

/** Appends `markdown` to the step summary; skipped outside a runner (no GITHUB_STEP_SUMMARY). */
export async function writeSummary(markdown: string, logger: Logger, maxBytes = MAX_SUMMARY_BYTES): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) {
    logger.debug('no GITHUB_STEP_SUMMARY: job summary skipped');
    return;
  }
  let text = markdown;
  if (Buffer.byteLength(text) > maxBytes) text = `${Buffer.from(text).subarray(0, maxBytes).toString('utf8')}\n\n…cut at GitHub's 1 MiB summary limit; see the SARIF file.\n`;
  await core.summary.addRaw(text).write();
}
