// The merge job of a sharded history scan (`mode: merge`): reads the shard reports that
// actions/download-artifact put in the workspace (`shard-reports`: globs or directories) and merges them
// with the engine's merge (src/scan.ts `mergeScan`, the same as `keywarden merge`). The result is then
// reported as one unsharded history scan: one SARIF file, one incident issue, the summary, pass or fail.
// A missing, duplicated or foreign shard, or no report at all, fails the step with one line.
import { glob, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { MergeError, parseShardReport, type ShardReport } from '../engine/merge.ts';
import type { Logger } from '../logger.ts';
import { mergeScan } from '../scan.ts';
import type { RunContext } from './event.ts';
import type { ActionSettings } from './inputs.ts';
import type { Scanned } from './main.ts';

/** The files one `shard-reports` entry names: a directory's `*.json` (at any depth), or a glob's matches. */
async function filesOf(entry: string): Promise<string[]> {
  const isDir = await stat(entry).then(
    (s) => s.isDirectory(),
    () => false,
  );
  const out: string[] = [];
  for await (const f of glob(isDir ? join(entry, '**', '*.json') : entry)) out.push(f);
  return out.sort();
}

/** The shard reports `settings.shardReports` names, each file once; throws MergeError when there is none. */
export async function readShardReports(settings: Pick<ActionSettings, 'shardReports' | 'workspace'>): Promise<ShardReport[]> {
  const files = [...new Set((await Promise.all(settings.shardReports.map(filesOf))).flat())];
  const shown = settings.shardReports.map((p) => relative(settings.workspace, p) || '.').join(', ');
  if (!files.length) throw new MergeError(`no shard report matches shard-reports (${shown}): download the shard jobs' artifacts (actions/download-artifact) before the merge step`);
  const reports: ShardReport[] = [];
  for (const file of files) {
    const name = relative(settings.workspace, file) || file;
    const text = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
      throw new MergeError(`${name}: cannot read it (${e.code ?? 'error'})`);
    });
    reports.push(parseShardReport(text, name));
  }
  return reports;
}

/** Merges the shard reports into the result of the whole history scan. */
export async function mergeReports(settings: ActionSettings, ctx: RunContext, logger: Logger): Promise<Scanned> {
  const reports = await readShardReports(settings);
  const result = await mergeScan(reports, settings.workspace);
  const count = reports[0]?.shard.count ?? reports.length;
  const scanned = `${ctx.describe} (merged from ${count} shard${count === 1 ? '' : 's'})`;
  logger.info(`keywarden: merged ${reports.length} shard reports: ${reports.map((r) => r.source).join(', ')}`);
  return { result, scanned, notices: [] };
}
