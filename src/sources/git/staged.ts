// Staged source (pre-commit): the lines the index adds relative to HEAD (or to nothing, before the
// first commit), with line numbers of the staged file. The work tree is never read, so unstaged
// edits are ignored.
import type { Fragment } from '../../core/types.ts';
import type { Source, SourceContext } from '../source.ts';
import { GitSourceError } from './errors.ts';
import { assertRepository, type RepoPlace } from './open.ts';
import { DIFF_ARGS, patchFragments } from './patch-fragments.ts';
import { gitStreamStarted, noGitBinary, NoGitBinaryError } from './run.ts';

const STAGED_DIFF = ['diff', '--cached', ...DIFF_ARGS];

/** Where a staged scan runs. */
export interface StagedSourceOptions {
  /** A directory inside the repository. */
  root: string;
  /** Blocks of added text larger than this many bytes are skipped and counted. */
  maxFileSize: number;
  excludePath?: (path: string) => boolean;
  /** Where `root` sits in git, if already known (no `git rev-parse` then). */
  repo?: RepoPlace;
}

/** Lines added in the index; open it with `StagedSource.open`. */
export class StagedSource implements Source {
  readonly label = 'staged changes';
  private readonly opts: StagedSourceOptions;
  /** The diff, started when the source opened (it runs while the rules compile); read once. */
  private started: AsyncIterable<Buffer> | undefined;

  private constructor(opts: StagedSourceOptions) {
    this.opts = opts;
    this.started = gitStreamStarted(opts.root, STAGED_DIFF);
  }

  /** Checks that `root` is in a repository and git is installed, and starts the diff. */
  static async open(opts: StagedSourceOptions): Promise<StagedSource> {
    const { bare } = await assertRepository(opts.root, 'a staged scan', opts.repo);
    if (bare) throw new GitSourceError(`${opts.root} is a bare repository: it has no index to scan (run --staged in a work tree, or use --history)`);
    return new StagedSource(opts);
  }

  fragments(ctx: SourceContext): AsyncIterable<Fragment> {
    const { root, maxFileSize, excludePath } = this.opts;
    const started = this.started;
    this.started = undefined;
    return saysStaged(patchFragments({ root, origin: 'staged', maxBytes: maxFileSize, excludePath }, STAGED_DIFF, ctx, started));
  }
}

/** The diff is the first git command when the repository was found from its `.git`: a missing git says what needed it. */
async function* saysStaged(fragments: AsyncIterable<Fragment>): AsyncIterable<Fragment> {
  try {
    yield* fragments;
  } catch (e) {
    throw e instanceof NoGitBinaryError ? noGitBinary('a staged scan') : e;
  }
}
