// Merging the JSON reports of a sharded history scan (`scan --history --shard I/N`) into the report one
// unsharded scan would have written: one secret per fingerprint with every occurrence, in introduction
// order, the rule that names it best, and the summed counters. A set with a missing, duplicated or
// foreign shard is refused with one line naming what is wrong.
import { bySecretOrder } from '../core/group.ts';
import type { Confidence, Occurrence, Rule, ScanError, ScanStats, Secret, ShardInfo } from '../core/types.ts';
import { emptyStats, severityRank } from '../core/types.ts';

/** One shard's JSON report, as read back. */
export interface ShardReport {
  /** File name, for messages. */
  source: string;
  shard: ShardInfo;
  secrets: Secret[];
  /** Secrets on lines marked `keywarden:allow` (listed for review). */
  allowedInline: Secret[];
  stats: ScanStats;
  errors: ScanError[];
}

export class MergeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MergeError';
  }
}

const CONFIDENCE_RANK: Record<Confidence, number> = { high: 2, medium: 1, low: 0 };

/** Reads one report; throws MergeError naming the file when it is not a shard's JSON report. */
export function parseShardReport(text: string, source: string): ShardReport {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new MergeError(`${source}: not JSON (expected the output of scan --history --shard I/N --format json)`);
  }
  const d = data as Partial<{ tool: string; shard: ShardInfo; secrets: Secret[]; allowedInline: Secret[]; stats: ScanStats; errors: ScanError[] }>;
  if (!d || typeof d !== 'object' || d.tool !== 'keywarden' || !Array.isArray(d.secrets)) throw new MergeError(`${source}: not a keywarden JSON report`);
  const s = d.shard;
  if (!s || !Number.isInteger(s.index) || !Number.isInteger(s.count) || typeof s.basis !== 'string' || typeof s.config !== 'string') {
    throw new MergeError(`${source}: not a shard report (write it with scan --history --shard I/N --format json)`);
  }
  const allowedInline = Array.isArray(d.allowedInline) ? d.allowedInline : [];
  for (const secret of [...d.secrets, ...allowedInline]) {
    if (typeof secret?.fingerprint !== 'string' || !Array.isArray(secret.occurrences)) throw new MergeError(`${source}: a secret without fingerprint or occurrences`);
  }
  return { source, shard: s, secrets: d.secrets, allowedInline, stats: { ...emptyStats(), ...d.stats }, errors: Array.isArray(d.errors) ? d.errors : [] };
}

/** Checks that `reports` are exactly the shards 1..N of one scan (same history, same configuration). */
export function checkShardSet(reports: readonly ShardReport[]): void {
  const first = reports[0];
  if (!first) throw new MergeError('no reports to merge');
  const byIndex = new Map<number, ShardReport>();
  for (const r of reports) {
    if (r.shard.count !== first.shard.count) throw new MergeError(`${r.source} is shard ${r.shard.index}/${r.shard.count} but ${first.source} is ${first.shard.index}/${first.shard.count}: shards of different splits`);
    if (r.shard.basis !== first.shard.basis) throw new MergeError(`${r.source} scanned another history than ${first.source} (different commit or branches): shards must come from one commit`);
    if (r.shard.config !== first.shard.config) throw new MergeError(`${r.source} ran with another configuration than ${first.source} (rules or settings differ)`);
    const twin = byIndex.get(r.shard.index);
    if (twin) throw new MergeError(`shard ${r.shard.index}/${r.shard.count} is given twice (${twin.source}, ${r.source})`);
    byIndex.set(r.shard.index, r);
  }
  const missing: number[] = [];
  for (let i = 1; i <= first.shard.count; i++) if (!byIndex.has(i)) missing.push(i);
  if (missing.length) {
    const shown = missing.slice(0, 5).map((i) => `${i}/${first.shard.count}`).join(', ');
    throw new MergeError(`shard${missing.length > 1 ? 's' : ''} ${shown}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''} missing: the merged report would be incomplete`);
  }
}

/** The merged secrets, counters and errors of a complete shard set (see checkShardSet). */
export function mergeShards(reports: readonly ShardReport[], rules: ReadonlyMap<string, Rule>): { secrets: Secret[]; allowedInline: Secret[]; stats: ScanStats; errors: ScanError[] } {
  checkShardSet(reports);
  const secrets = mergeByFingerprint(reports.map((r) => r.secrets), rules);
  const allowedInline = mergeByFingerprint(reports.map((r) => r.allowedInline), rules);
  return { secrets, allowedInline, stats: sumStats(reports.map((r) => r.stats)), errors: reports.flatMap((r) => r.errors) };
}

/** The shards' lists of secrets as one list: one secret per fingerprint, in report order. */
function mergeByFingerprint(lists: readonly (readonly Secret[])[], rules: ReadonlyMap<string, Rule>): Secret[] {
  const groups = new Map<string, Secret[]>();
  for (const list of lists) {
    for (const s of list) {
      const group = groups.get(s.fingerprint);
      if (group) group.push(s);
      else groups.set(s.fingerprint, [s]);
    }
  }
  return [...groups.values()].map((g) => mergeSecret(g, rules)).sort(bySecretOrder);
}

/** One fingerprint seen by several shards: the best-naming rule, the highest confidence, every place in order. */
function mergeSecret(group: readonly Secret[], rules: ReadonlyMap<string, Rule>): Secret {
  const best = group.reduce((a, b) => (compare(rank(b, rules), rank(a, rules)) < 0 ? b : a));
  const occurrences = group
    .flatMap((s) => s.occurrences)
    .sort((a, b) => (a.introOrder ?? Number.POSITIVE_INFINITY) - (b.introOrder ?? Number.POSITIVE_INFINITY) || cmp(a.path, b.path) || a.line - b.line || a.column - b.column);
  const merged: Secret = {
    ...best,
    confidence: group.reduce<Confidence>((c, s) => (CONFIDENCE_RANK[s.confidence] > CONFIDENCE_RANK[c] ? s.confidence : c), 'low'),
    occurrences: uniquePlaces(occurrences),
  };
  if (group.some((s) => s.inHead !== undefined)) merged.inHead = group.some((s) => s.inHead === true);
  return merged;
}

/** Each place once; `introOrder` only served the ordering and is not part of a report. */
function uniquePlaces(sorted: readonly Occurrence[]): Occurrence[] {
  const seen = new Set<string>();
  const out: Occurrence[] = [];
  for (const o of sorted) {
    const key = `${o.path}\0${o.line}\0${o.column}\0${o.commit?.sha ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const { introOrder: _order, ...place } = o;
    out.push(place);
  }
  return out;
}

/** As in grouping: a provider rule over a generic one, then severity, then id. */
function rank(s: Secret, rules: ReadonlyMap<string, Rule>): [number, number, string] {
  return [rules.get(s.ruleId)?.generic ? 1 : 0, severityRank(s.severity), s.ruleId];
}

function compare(a: [number, number, string], b: [number, number, string]): number {
  return a[0] - b[0] || a[1] - b[1] || cmp(a[2], b[2]);
}

function sumStats(all: readonly ScanStats[]): ScanStats {
  const out = emptyStats();
  for (const s of all) {
    out.files += s.files;
    out.fragments += s.fragments;
    out.bytes += s.bytes;
    out.rules = Math.max(out.rules, s.rules);
    out.durationMs = Math.max(out.durationMs, s.durationMs);
    for (const [k, n] of Object.entries(s.skippedFiles ?? {})) out.skippedFiles[k] = (out.skippedFiles[k] ?? 0) + n;
    for (const [k, n] of Object.entries(s.skipped ?? {}) as [keyof ScanStats['skipped'], number][]) out.skipped[k] = (out.skipped[k] ?? 0) + n;
  }
  return out;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
