// Provenance of history matches. The scan saw each unique blob once; here every match is traced to
// the commits that introduced its blob (first-parent diffs, oldest first): one match per
// introduction, at that path and commit, in introduction order, with `inHead` saying whether the
// blob is in the default branch's head tree. Grouping them into secrets happens later, as for every
// source (src/core/group.ts).
import { withSecret, secretOf } from '../../core/match.ts';
import type { Match } from '../../core/types.ts';
import type { BlobChange, GitReader } from './reader.ts';

/** Inputs of `attributeHistory` besides the matches. */
export interface AttributionScope {
  reader: GitReader;
  /** The walk's starting commits (undefined = every ref). */
  tips?: string[];
  excludePath?: (path: string) => boolean;
  /** Record each match's introduction order (`introOrder`): shards need it to merge occurrences in order. */
  keepOrder?: boolean;
}

interface Ranked {
  match: Match;
  order: number;
}

/** Each match once per commit and path that introduced its blob, earliest introduction first. */
export async function attributeHistory(matches: Match[], scope: AttributionScope): Promise<Match[]> {
  if (matches.length === 0) return matches;
  const intros = await introductions(matches, scope);
  const head = await scope.reader.defaultHead();
  const headBlobs = head ? await scope.reader.treeBlobs(head) : new Set<string>();
  const ranked: Ranked[] = [];
  for (const m of matches) {
    const inHead = m.blobId !== undefined && headBlobs.has(m.blobId);
    const changes = (m.blobId && intros.get(m.blobId)) || [];
    if (changes.length === 0) ranked.push({ match: copy(m, { inHead }), order: Number.POSITIVE_INFINITY });
    for (const c of changes) ranked.push({ match: copy(m, { path: c.path, commit: c.commit, inHead, ...(scope.keepOrder ? { introOrder: c.order } : {}) }), order: c.order });
  }
  ranked.sort((a, b) => a.order - b.order || cmp(a.match.path, b.match.path) || a.match.line - b.match.line || a.match.column - b.match.column);
  return firstOfEachPlace(ranked).map((r) => r.match);
}

async function introductions(matches: Match[], scope: AttributionScope): Promise<Map<string, BlobChange[]>> {
  const wanted = new Set(matches.map((m) => m.blobId).filter((b): b is string => b !== undefined));
  const byBlob = new Map<string, BlobChange[]>();
  for await (const c of scope.reader.changes(wanted, scope.tips)) {
    if (scope.excludePath?.(c.path)) continue;
    const list = byBlob.get(c.oid);
    if (list) list.push(c);
    else byBlob.set(c.oid, [c]);
  }
  return byBlob;
}

function copy(m: Match, changes: Partial<Match>): Match {
  return withSecret({ ...m, ...changes }, secretOf(m) ?? '');
}

/**
 * The earliest introduction of each place (rule, blob, path, position): a merge that brings a
 * branch's blob into the mainline at the same path shows it again, but it is not a new place.
 */
function firstOfEachPlace(sorted: Ranked[]): Ranked[] {
  const seen = new Set<string>();
  return sorted.filter(({ match: m }) => {
    const key = `${m.ruleId}\0${m.blobId}\0${m.path}\0${m.line}\0${m.column}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
