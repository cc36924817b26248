// Keeps a SARIF log within what GitHub code scanning accepts (its documented upload limits): at most
// 25,000 results per run and 10 MB gzipped. Splitting into several runs would need one category per
// run, and a category that is missing from a later upload keeps its stale alerts open; so the run is
// capped instead: the results of highest severity stay, and the run says in a tool notification how
// many were left out and where to find them. The same capped file is written and uploaded.
import { gzipSync } from 'node:zlib';
import type { Log, Result } from 'sarif';
import { SEVERITIES, type Severity } from '../core/types.ts';

/** Results per run that code scanning accepts. */
export const MAX_RESULTS_PER_RUN = 25_000;
/** Gzipped size that code scanning accepts. */
export const MAX_GZIPPED_SARIF = 10 * 1024 * 1024;

/** A log made to fit, as JSON text, and what had to go. */
export interface FittedSarif {
  json: string;
  /** Results left out (0 = the log was within the limits). */
  omitted: number;
  /** One sentence for the reader when results were left out. */
  notice?: string;
}

export interface SarifLimits {
  maxResults: number;
  maxGzipped: number;
}

function rank(r: Result): number {
  const s = (r.properties as { severity?: Severity } | undefined)?.severity;
  const i = s ? SEVERITIES.indexOf(s) : -1;
  return i < 0 ? SEVERITIES.length : i;
}

const gzipped = (json: string): number => gzipSync(Buffer.from(json, 'utf8')).length;

/** The log (one run) as JSON within the limits; `log` is not modified. */
export function fitSarif(log: Log, limits: SarifLimits = { maxResults: MAX_RESULTS_PER_RUN, maxGzipped: MAX_GZIPPED_SARIF }): FittedSarif {
  const run = log.runs[0];
  const all = run?.results ?? [];
  const indented = `${JSON.stringify(log, null, 2)}\n`;
  if (!run || (all.length <= limits.maxResults && gzipped(indented) <= limits.maxGzipped)) return { json: indented, omitted: 0 };
  // Highest severity first; the sort is stable, so equal ones keep the scan's order.
  const ranked = all.map((r, i) => ({ r, i })).sort((a, b) => rank(a.r) - rank(b.r));
  let keep = Math.min(all.length, limits.maxResults);
  for (;;) {
    const kept = ranked.slice(0, keep).sort((a, b) => a.i - b.i).map((x) => x.r);
    const omitted = all.length - kept.length;
    const bySize = keep < Math.min(all.length, limits.maxResults);
    const why = bySize ? `${limits.maxGzipped / 1024 / 1024} MB of gzipped SARIF` : `${limits.maxResults.toLocaleString('en-US')} results per run`;
    const notice = omitted
      ? `keywarden found ${all.length.toLocaleString('en-US')} secrets; GitHub code scanning accepts at most ${why}, so the ${omitted.toLocaleString('en-US')} of lowest severity are left out of the SARIF file. The job summary counts them all, and \`keywarden scan --format json\` lists every one.`
      : undefined;
    const invocations = notice ? [{ executionSuccessful: true, toolExecutionNotifications: [{ level: 'warning' as const, message: { text: notice } }] }] : run.invocations;
    const capped: Log = { ...log, runs: [{ ...run, results: kept, ...(invocations ? { invocations } : {}) }, ...log.runs.slice(1)] };
    // Indentation is for people reading small files; a large one is sent compact.
    const json = `${JSON.stringify(capped, null, keep > 1000 ? undefined : 2)}\n`;
    if (gzipped(json) <= limits.maxGzipped || keep === 0) return notice ? { json, omitted, notice } : { json, omitted };
    keep = Math.floor(keep / 2);
  }
}
