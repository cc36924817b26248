// Planning an organisation scan: the organisation's repositories (as `GET /orgs/{org}/repos` lists them)
// → the matrix entries of the reusable workflow .github/workflows/org-scan.yml. Pure. A repository is
// skipped when the filter leaves it out, when it is archived or empty (unless asked), and otherwise
// scanned by one job, or by several shard jobs plus a merge job when it is large. GitHub runs at most
// 256 jobs per matrix, so the entries are cut into batches of 256 (one matrix each, run by the batch
// workflow), and the merge jobs form one more matrix.
import micromatch from 'micromatch';

/** The fields of a repository the plan reads (GitHub's REST repository object). */
export interface OrgRepo {
  /** `owner/name`. */
  full_name: string;
  name: string;
  archived?: boolean;
  disabled?: boolean;
  /** Size in KB as GitHub reports it (0 for an empty repository). */
  size?: number;
}

/** GitHub's limit of jobs one matrix expands to. */
export const MATRIX_LIMIT = 256;

/** Which repositories to scan and how to split them. */
export interface PlanOptions {
  /** Repository names to scan: globs (comma-separated; `!glob` excludes) or a `/regex/`. Default: all. */
  filter?: string;
  includeArchived?: boolean;
  includeEmpty?: boolean;
  /** A repository larger than this (KB, GitHub's `size`) is split into ceil(size / this) shards. */
  shardSizeKb: number;
  /** Shards one repository is split into at most. */
  maxShards: number;
  /** Matrix entries per batch. Default: 256 (GitHub's limit). */
  batchSize?: number;
}

/** One job of a batch matrix. Strings, as the Action's inputs take them: '' when the repository is not sharded. */
export interface ScanEntry {
  repo: string;
  /** Unique in the organisation and safe in an artifact name: the repository's name. */
  slug: string;
  shard: string;
  shards: string;
}

/** One merge job: a sharded repository whose shard reports are merged (artifacts `keywarden-<slug>@shard-*`). */
export interface MergeEntry {
  repo: string;
  slug: string;
  shards: string;
}

export interface OrgPlan {
  /** Matrix entries, at most `batchSize` per batch. */
  batches: ScanEntry[][];
  /** Batch indexes (0-based), the batch workflow's matrix. */
  batchIndexes: number[];
  merges: MergeEntry[];
  /** Repositories scanned, and how many were left out and why. */
  repositories: number;
  skipped: { filtered: number; archived: number; empty: number };
}

/** The plan cannot be run (too big for the workflow's matrices, bad options). */
export class PlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanError';
  }
}

/** The filter as a predicate over repository names. */
export function repoFilter(filter: string | undefined): (name: string) => boolean {
  const f = filter?.trim() ?? '';
  if (!f || f === '*') return () => true;
  const re = /^\/(.+)\/([a-z]*)$/.exec(f);
  if (re) {
    let regex: RegExp;
    try {
      regex = new RegExp(re[1] ?? '', re[2]);
    } catch {
      throw new PlanError(`repository filter ${f.slice(0, 40)}: not a valid regular expression`);
    }
    return (name) => regex.test(name);
  }
  const globs = f.split(',').map((g) => g.trim()).filter(Boolean);
  const include = globs.filter((g) => !g.startsWith('!'));
  const exclude = globs.filter((g) => g.startsWith('!')).map((g) => g.slice(1));
  return (name) => (include.length === 0 || micromatch.isMatch(name, include, { nocase: true })) && !micromatch.isMatch(name, exclude, { nocase: true });
}

/** Shards for a repository of `sizeKb`: 1 up to the threshold, then one per `shardSizeKb`, at most `maxShards`. */
export function shardsFor(sizeKb: number, options: Pick<PlanOptions, 'shardSizeKb' | 'maxShards'>): number {
  if (sizeKb <= options.shardSizeKb) return 1;
  return Math.min(options.maxShards, Math.ceil(sizeKb / options.shardSizeKb));
}

/** The plan for `repos` (in name order, so that a re-run plans the same batches). */
export function planOrg(repos: readonly OrgRepo[], options: PlanOptions): OrgPlan {
  const batchSize = options.batchSize ?? MATRIX_LIMIT;
  const keep = repoFilter(options.filter);
  const skipped = { filtered: 0, archived: 0, empty: 0 };
  const entries: ScanEntry[] = [];
  const merges: MergeEntry[] = [];
  let repositories = 0;
  for (const r of [...repos].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (!keep(r.name)) skipped.filtered++;
    else if ((r.archived || r.disabled) && !options.includeArchived) skipped.archived++;
    else if (!r.size && !options.includeEmpty) skipped.empty++;
    else {
      repositories++;
      const n = shardsFor(r.size ?? 0, options);
      if (n === 1) entries.push({ repo: r.full_name, slug: r.name, shard: '', shards: '' });
      else {
        for (let i = 1; i <= n; i++) entries.push({ repo: r.full_name, slug: r.name, shard: String(i), shards: String(n) });
        merges.push({ repo: r.full_name, slug: r.name, shards: String(n) });
      }
    }
  }
  const batches: ScanEntry[][] = [];
  for (let i = 0; i < entries.length; i += batchSize) batches.push(entries.slice(i, i + batchSize));
  if (batches.length > MATRIX_LIMIT) throw new PlanError(`${entries.length} scan jobs need ${batches.length} batches, more than the ${MATRIX_LIMIT} one run can start: narrow the repository filter, or raise shard-size-mb`);
  if (merges.length > MATRIX_LIMIT) throw new PlanError(`${merges.length} sharded repositories need more merge jobs than the ${MATRIX_LIMIT} of one matrix: raise shard-size-mb, or narrow the repository filter`);
  return { batches, batchIndexes: batches.map((_, i) => i), merges, repositories, skipped };
}
