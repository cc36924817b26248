// Wires one scan: source → fragments → detector → matches → provenance → grouping → ScanResult.
// Grouping (src/core/group.ts) is the same for every source; the source only says where each match
// came from (its provenance step).
import { countSkip, type SkipCounter } from '../core/detect.ts';
import { groupMatches, type FingerprintOf } from '../core/group.ts';
import type { Fragment, Match, Rule, ScanError, ScanResult } from '../core/types.ts';
import { emptyStats } from '../core/types.ts';
import { type EncodedFragment, isEncoded, type Source, type SourceContext } from '../sources/source.ts';
import { decodeFragment, type Detector } from './detector.ts';
import { holdOldGenerationAfter } from './old-generation.ts';
import { holdYoungGeneration } from './young-generation.ts';
import { nowMs } from './clock.ts';

export interface ScanProgress {
  files: number;
  bytes: number;
  /** Matches so far (secrets are known only once the scan ends). */
  findings: number;
  /** Files (blobs) the source will yield in all, when known: allows an ETA. */
  totalFiles?: number;
}

export interface RunOptions {
  rules: readonly Rule[];
  /** The fingerprint of a reported value (src/core/fingerprint.ts `Fingerprinter.of`). */
  fingerprintOf: FingerprintOf;
  signal?: AbortSignal;
  /** Called as bytes are scanned (progress display); `total` when the source knows it (history). */
  onProgress?: (done: ScanProgress) => void;
}

/**
 * Fragments handed to the detector and not yet answered: at most this many (a backstop on the
 * promises held; the size bound below is the one that binds). History blobs are small (git/git:
 * 34 KB on average, most under 4 KB), and a cap of 64 made this thread wait on the workers with
 * well under a worker's share of text pending, where it should have been detecting (pool.ts).
 */
export const MAX_INFLIGHT = 4096;
/**
 * …and at most this many characters of text (8 MiB as UTF-16), e.g. 32 chunks of a huge file
 * (sources/chunks.ts). Text waiting for a worker survives collections and makes V8 grow its young
 * generation; 16 Mi characters cost RSS and gained no speed (bench/huge-file-rss.md).
 */
export const MAX_INFLIGHT_CHARS = 4 * 1024 * 1024;

/**
 * The longest a scan goes without letting the event loop turn. A source that reads synchronously
 * (files) and a detector that answers at once (one thread, or the pool detecting in this thread)
 * chain promises only, and then nothing else runs: the pool's workers' answers wait unread (so it
 * takes them for busy and detects nearly everything here: two threads were no faster than one on a
 * directory), and neither do timers (the young generation's hold: 128 MB of it on a 1.3 GB tree).
 */
export const TURN_MS = 2;

/** How long a scan runs before it holds the old generation (old-generation.ts). */
const HOLD_OLD_AFTER_MS = 20;

/** Scans every fragment of `source` with `detector` and returns the raw result (no suppression yet). */
export async function runScan(source: Source, detector: Detector, options: RunOptions): Promise<ScanResult> {
  const started = nowMs();
  holdYoungGeneration();
  holdOldGenerationAfter(HOLD_OLD_AFTER_MS);
  const stats = emptyStats();
  stats.rules = options.rules.length;
  const pathAlone = options.rules.filter((r) => r.keywords.length === 0);
  const errors: ScanError[] = [];
  const ctx: SourceContext = {
    onError: (e) => void errors.push(e),
    onSkip: (kind) => {
      stats.skippedFiles[kind] = (stats.skippedFiles[kind] ?? 0) + 1;
    },
    signal: options.signal,
    readsPathAlone: (path) => pathAlone.some((r) => !r.skipsPath(path)),
    onProgress: (done) => {
      totalFiles = done.total?.files ?? totalFiles;
    },
  };
  let totalFiles: number | undefined;
  let matches: Match[] = [];
  const inflight = new Set<Promise<void>>();
  let inflightChars = 0;
  const paths = new Set<string>();
  /** A fragment's text is counted once it is known (encoded fragments: once decoded, wherever that happens). */
  const counted = (path: string, chars: number): void => {
    stats.fragments++;
    stats.bytes += chars;
    if (!paths.has(path)) {
      paths.add(path);
      stats.files++;
    }
  };
  let turned = nowMs();
  for await (const item of source.fragments(ctx)) {
    if (nowMs() - turned >= TURN_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      turned = nowMs();
    }
    const size = isEncoded(item) ? item.bytes.length : item.text.length;
    inflightChars += size;
    const p: Promise<void> = detectOne(item, detector, ctx, counted).then((ms) => {
      if (ms.length > 0 && matches.length === 0) source.prepareProvenance?.();
      for (const m of ms) matches.push(m);
      inflight.delete(p);
      inflightChars -= size;
      options.onProgress?.({ files: stats.files, bytes: stats.bytes, findings: matches.length, totalFiles });
    });
    inflight.add(p);
    // Bounded by count and by size: memory stays flat however large the files in flight are.
    while (inflight.size >= MAX_INFLIGHT || (inflight.size > 0 && inflightChars >= MAX_INFLIGHT_CHARS)) await Promise.race(inflight);
  }
  await Promise.all(inflight);
  matches.sort(byPlace);
  if (source.provenance) matches = await source.provenance(matches, ctx);
  const skipped: SkipCounter = { ...detector.skipped() };
  const rules = new Map(options.rules.map((r) => [r.id, r]));
  // Matches waved through by `keywarden:allow` become secrets of their own, listed for review, never reported.
  const waved = matches.filter((m) => m.allowedInline);
  if (waved.length) matches = matches.filter((m) => !m.allowedInline);
  matches = atPathsTheirRulesRead(matches, rules, skipped);
  const secrets = await groupMatches(matches, rules, options.fingerprintOf, skipped);
  const allowedInline = waved.length ? await groupMatches(atPathsTheirRulesRead(waved, rules, {}), rules, options.fingerprintOf) : [];
  stats.skipped = skipped;
  stats.durationMs = Math.round(nowMs() - started);
  return { secrets, stats, errors, rules: options.rules, ...(allowedInline.length ? { allowedInline } : {}) };
}

/** Detects one fragment, decoding it first (here, or where the detector runs) when it is encoded; `counted` is told of its text. */
function detectOne(item: Fragment | EncodedFragment, detector: Detector, ctx: SourceContext, counted: (path: string, chars: number) => void): Promise<Match[]> {
  if (!isEncoded(item)) {
    counted(item.path, item.text.length - (item.repeated ?? 0));
    return detector.detect(item);
  }
  if (detector.detectEncoded) {
    // The callback keeps the path, not the fragment: its bytes may be a view of a whole chunk of git's output.
    const path = item.path;
    return detector.detectEncoded(item).then((r) => {
      for (const kind of r.skips) ctx.onSkip(kind, path);
      if (r.chars !== undefined) counted(path, r.chars);
      return r.matches;
    });
  }
  const skips: string[] = [];
  const fragment = decodeFragment(item, skips);
  for (const kind of skips) ctx.onSkip(kind, item.path);
  if (!fragment) return Promise.resolve([]);
  counted(fragment.path, fragment.text.length);
  return detector.detect(fragment);
}

/**
 * Drops each match at a path its rule skips (allowlist `paths`, `paths`). Sources whose fragment
 * stands for several paths (history blobs, `Fragment.pathPerOccurrence`) leave this check to here,
 * once provenance has put every match at one path; for other sources the detector already made it.
 */
function atPathsTheirRulesRead(matches: Match[], rules: ReadonlyMap<string, Rule>, skipped: SkipCounter): Match[] {
  const reads = (m: Match): boolean => {
    if (!rules.get(m.ruleId)?.skipsPath(m.path)) return true;
    countSkip(skipped, 'path-allowlist');
    return false;
  };
  if (!matches.some((m) => m.fallback)) return matches.filter(reads);
  // A fallback (a match displaced by a rule with path filters) stands in only where no match kept at
  // that place covers its span: where the rule that displaced it skips the path.
  const kept = new Set(matches.filter((m) => !m.fallback && reads(m)));
  const byPlace = new Map<string, Match[]>();
  for (const m of kept) {
    const list = byPlace.get(placeOf(m));
    if (list) list.push(m);
    else byPlace.set(placeOf(m), [m]);
  }
  return matches.filter((m) => {
    if (!m.fallback) return kept.has(m);
    if (byPlace.get(placeOf(m))?.some((k) => spansOverlap(k, m))) return false;
    return reads(m);
  });
}

/** One file at one commit (history: one occurrence of a blob). */
function placeOf(m: Match): string {
  return `${m.blobId ?? ''}\0${m.path}\0${m.commit?.sha ?? ''}`;
}

function spansOverlap(a: Match, b: Match): boolean {
  const before = (l1: number, c1: number, l2: number, c2: number): boolean => l1 < l2 || (l1 === l2 && c1 < c2);
  return before(a.line, a.column, b.endLine, b.endColumn) && before(b.line, b.column, a.endLine, a.endColumn);
}

/** Path, line, column, rule: the order in which occurrences are listed (before provenance). */
function byPlace(a: Match, b: Match): number {
  return cmp(a.path, b.path) || a.line - b.line || a.column - b.column || cmp(a.ruleId, b.ruleId);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
