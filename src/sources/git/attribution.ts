// History findings, merged and attributed. The scan saw each unique blob once; here every finding
// is traced to the commits that introduced its blob (first-parent diffs, oldest first), findings of
// one fingerprint (same rule, same secret) become one finding listing every occurrence, the
// earliest occurrence gives the finding its location and commit, and `inHead` says whether the
// secret is still in the default branch's head tree.
import { secretOf, withSecret } from '../../core/finding.ts';
import type { Finding, Occurrence } from '../../core/types.ts';
import type { BlobChange, GitReader } from './reader.ts';

/** Inputs of `attributeHistory` besides the findings. */
export interface AttributionScope {
  reader: GitReader;
  /** The walk's starting commits (undefined = every ref). */
  tips?: string[];
  excludePath?: (path: string) => boolean;
}

interface Ranked extends Occurrence {
  order: number;
}

/** One finding per fingerprint, with occurrences in introduction order and `inHead` set. */
export async function attributeHistory(findings: Finding[], scope: AttributionScope): Promise<Finding[]> {
  if (findings.length === 0) return findings;
  const intros = await introductions(findings, scope);
  const head = await scope.reader.defaultHead();
  const headBlobs = head ? await scope.reader.treeBlobs(head) : new Set<string>();
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = groups.get(f.fingerprint);
    if (list) list.push(f);
    else groups.set(f.fingerprint, [f]);
  }
  return [...groups.values()].map((group) => merge(group, intros, headBlobs));
}

async function introductions(findings: Finding[], scope: AttributionScope): Promise<Map<string, BlobChange[]>> {
  const wanted = new Set(findings.map((f) => f.blobId).filter((b): b is string => b !== undefined));
  const byBlob = new Map<string, BlobChange[]>();
  for await (const c of scope.reader.changes(wanted, scope.tips)) {
    if (scope.excludePath?.(c.path)) continue;
    const list = byBlob.get(c.oid);
    if (list) list.push(c);
    else byBlob.set(c.oid, [c]);
  }
  return byBlob;
}

function merge(group: Finding[], intros: Map<string, BlobChange[]>, headBlobs: Set<string>): Finding {
  const occurrences: Ranked[] = [];
  for (const f of group) {
    const changes = (f.blobId && intros.get(f.blobId)) || [];
    const at = { line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn, blobId: f.blobId };
    if (changes.length === 0) occurrences.push({ path: f.path, ...at, order: Number.POSITIVE_INFINITY });
    for (const c of changes) occurrences.push({ path: c.path, ...at, commit: c.commit, order: c.order });
  }
  occurrences.sort((a, b) => a.order - b.order || cmp(a.path, b.path) || a.line - b.line || a.column - b.column);
  const distinct = firstOfEachPlace(occurrences);
  const first = distinct[0]!; // one occurrence per finding at least, and the group is never empty
  const source = group.find((f) => f.blobId === first.blobId && f.line === first.line && f.column === first.column) ?? group[0]!;
  const merged: Finding = {
    ...source,
    path: first.path,
    line: first.line,
    column: first.column,
    endLine: first.endLine,
    endColumn: first.endColumn,
    inHead: group.some((f) => f.blobId !== undefined && headBlobs.has(f.blobId)),
    occurrences: distinct.map(({ order: _order, ...o }) => o),
  };
  if (first.commit) merged.commit = first.commit;
  if (first.blobId) merged.blobId = first.blobId;
  return withSecret(merged, secretOf(source) ?? '');
}

/**
 * The earliest occurrence of each place (blob, path, position): a merge that brings a branch's blob
 * into the mainline at the same path shows it again, but it is not a new place.
 */
function firstOfEachPlace(sorted: Ranked[]): Ranked[] {
  const seen = new Set<string>();
  return sorted.filter((o) => {
    const key = `${o.blobId}\0${o.path}\0${o.line}\0${o.column}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
