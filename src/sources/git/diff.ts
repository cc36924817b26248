// Diff source (pull requests, pushes): the lines HEAD adds relative to the merge base of BASE and
// HEAD, reported at their path and line in HEAD, each attributed by `git blame` to the commit that
// added it (merge commits included, for lines written while resolving a conflict).
import type { Fragment, Match } from '../../core/types.ts';
import type { Source, SourceContext } from '../source.ts';
import { blameLines } from './blame.ts';
import { assertRepository, type RepoPlace } from './open.ts';
import { DIFF_ARGS, patchFragments } from './patch-fragments.ts';
import { resolveRange, type DiffRange } from './revisions.ts';
import { noGitBinary, NoGitBinaryError } from './run.ts';

/** Where and what a diff scan compares. */
export interface DiffSourceOptions {
  /** A directory inside the repository. */
  root: string;
  base: string;
  head: string;
  /** Blocks of added text larger than this many bytes are skipped and counted. */
  maxFileSize: number;
  excludePath?: (path: string) => boolean;
  /** Where `root` sits in git, if already known (no `git rev-parse` then). */
  repo?: RepoPlace;
}

/** Lines added between two commits; open it with `DiffSource.open`. */
export class DiffSource implements Source {
  readonly label: string;
  /** Set when there is nothing to scan, for the caller to print (base equals head). */
  readonly notice: string | undefined;
  private readonly opts: DiffSourceOptions;
  private readonly range: DiffRange;

  private constructor(opts: DiffSourceOptions, range: DiffRange) {
    this.opts = opts;
    this.range = range;
    this.label = `diff ${range.base.slice(0, 12)}..${range.head.slice(0, 12)}`;
    this.notice = range.empty ? `nothing to scan: ${opts.base} and ${opts.head} are the same commit (${range.head.slice(0, 12)})` : undefined;
  }

  /** Resolves both revisions (fetching them into a shallow clone when a remote is configured). */
  static async open(opts: DiffSourceOptions): Promise<DiffSource> {
    await assertRepository(opts.root, 'a diff scan', opts.repo);
    // Found from its `.git`, the repository may not have met git yet: a missing git says what needed it.
    const range = await resolveRange(opts.root, opts.base, opts.head).catch((e: unknown) => {
      throw e instanceof NoGitBinaryError ? noGitBinary('a diff scan') : e;
    });
    return new DiffSource(opts, range);
  }

  fragments(ctx: SourceContext): AsyncIterable<Fragment> {
    if (this.range.empty) return (async function* () {})();
    const { root, maxFileSize, excludePath } = this.opts;
    return patchFragments({ root, origin: 'diff', maxBytes: maxFileSize, excludePath }, ['diff', ...DIFF_ARGS, this.range.from, this.range.head], ctx);
  }

  /** Attaches to each match the commit that added its first line. */
  async provenance(matches: Match[], ctx: SourceContext): Promise<Match[]> {
    const byPath = new Map<string, Match[]>();
    for (const f of matches) {
      const list = byPath.get(f.path);
      if (list) list.push(f);
      else byPath.set(f.path, [f]);
    }
    for (const [path, list] of byPath) {
      try {
        const commits = await blameLines(this.opts.root, this.range.from, this.range.head, path, list.map((f) => f.line));
        for (const f of list) {
          const c = commits.get(f.line);
          if (c) f.commit = c;
        }
      } catch (e) {
        ctx.onError({ path, message: `cannot find the commit that added the line: ${(e as Error).message}` });
      }
    }
    return matches;
  }
}
