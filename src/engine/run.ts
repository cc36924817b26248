// Wires one scan: source → fragments → detector → findings → source finalize → ScanResult.
import { countSkip, type SkipCounter } from '../core/detect.ts';
import type { Finding, Rule, ScanError, ScanResult } from '../core/types.ts';
import { emptyStats, severityRank } from '../core/types.ts';
import type { Source, SourceContext } from '../sources/source.ts';
import type { Detector } from './detector.ts';

export interface ScanProgress {
  files: number;
  bytes: number;
  findings: number;
  /** Files (blobs) the source will yield in all, when known: allows an ETA. */
  totalFiles?: number;
}

export interface RunOptions {
  rules: readonly Rule[];
  signal?: AbortSignal;
  /** Called as bytes are scanned (progress display); `total` when the source knows it (history). */
  onProgress?: (done: ScanProgress) => void;
}

/** Fragments handed to the detector and not yet answered: at most this many… */
const MAX_INFLIGHT = 64;
/** …and at most this many characters of text (32 MiB as UTF-16). */
const MAX_INFLIGHT_CHARS = 16 * 1024 * 1024;

/** Scans every fragment of `source` with `detector` and returns the raw result (no suppression yet). */
export async function runScan(source: Source, detector: Detector, options: RunOptions): Promise<ScanResult> {
  const started = performance.now();
  const stats = emptyStats();
  stats.rules = options.rules.length;
  const errors: ScanError[] = [];
  const ctx: SourceContext = {
    onError: (e) => void errors.push(e),
    onSkip: (kind) => {
      stats.skippedFiles[kind] = (stats.skippedFiles[kind] ?? 0) + 1;
    },
    signal: options.signal,
    onProgress: (done) => {
      totalFiles = done.total?.files ?? totalFiles;
    },
  };
  let totalFiles: number | undefined;
  let findings: Finding[] = [];
  const inflight = new Set<Promise<void>>();
  let inflightChars = 0;
  const paths = new Set<string>();
  for await (const fragment of source.fragments(ctx)) {
    stats.fragments++;
    stats.bytes += fragment.text.length;
    if (!paths.has(fragment.path)) {
      paths.add(fragment.path);
      stats.files++;
    }
    const size = fragment.text.length;
    inflightChars += size;
    const p: Promise<void> = detector.detect(fragment).then((fs) => {
      for (const f of fs) findings.push(f);
      inflight.delete(p);
      inflightChars -= size;
      options.onProgress?.({ files: stats.files, bytes: stats.bytes, findings: findings.length, totalFiles });
    });
    inflight.add(p);
    // Bounded by count and by size: memory stays flat however large the files in flight are.
    while (inflight.size >= MAX_INFLIGHT || (inflight.size > 0 && inflightChars >= MAX_INFLIGHT_CHARS)) await Promise.race(inflight);
  }
  await Promise.all(inflight);
  if (source.finalize) findings = await source.finalize(findings, ctx);
  const skipped: SkipCounter = { ...detector.skipped() };
  findings = dedupeSameLocation(findings, skipped);
  stats.skipped = skipped;
  stats.durationMs = Math.round(performance.now() - started);
  return { findings: sortFindings(findings), stats, errors, rules: options.rules };
}

/** The same fingerprint at the same place (e.g. a file listed twice) is reported once. */
function dedupeSameLocation(findings: Finding[], skipped: SkipCounter): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.fingerprint}\0${f.path}\0${f.line}\0${f.column}\0${f.commit?.sha ?? ''}`;
    if (seen.has(key)) {
      countSkip(skipped, 'duplicate');
      return false;
    }
    seen.add(key);
    return true;
  });
}

/** Stable report order: path, line, column, rule. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) || a.line - b.line || a.column - b.column || severityRank(a.severity) - severityRank(b.severity) || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
}
