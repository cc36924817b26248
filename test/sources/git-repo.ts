// Throwaway git repositories for source tests: created in the OS temp directory with the git binary,
// isolated from the user's configuration, with a fixed clock (each commit one minute after the
// previous) so commit ids and attributions are the same on every run.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

// The scanner's own git calls inherit these, so they see no global or system configuration either.
process.env.GIT_CONFIG_GLOBAL = '/dev/null';
process.env.GIT_CONFIG_NOSYSTEM = '1';

const START = 1_700_000_000;

export class TestRepo {
  readonly dir: string;
  private tick = 0;

  private constructor(dir: string) {
    this.dir = dir;
  }

  /** An empty repository on branch `main`. */
  static init(prefix = 'kw-git-'): TestRepo {
    const repo = new TestRepo(mkdtempSync(join(tmpdir(), prefix)));
    repo.git('init', '-q', '-b', 'main');
    return repo;
  }

  /** A repository object for an existing directory (e.g. a clone made with `git()`). */
  static at(dir: string): TestRepo {
    return new TestRepo(dir);
  }

  /** Runs git in the repository with a fixed identity and clock; returns trimmed stdout. */
  git(...args: string[]): string {
    const date = `@${START + this.tick * 60} +0000`;
    return execFileSync('git', ['-c', 'commit.gpgsign=false', '-c', 'tag.gpgsign=false', ...args], {
      cwd: this.dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'Test Author',
        GIT_AUTHOR_EMAIL: 'author@example.com',
        GIT_COMMITTER_NAME: 'Test Committer',
        GIT_COMMITTER_EMAIL: 'committer@example.com',
        GIT_AUTHOR_DATE: date,
        GIT_COMMITTER_DATE: date,
      },
    }).trim();
  }

  /** Writes files (creating directories) without staging them. */
  write(files: Record<string, string>): this {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(this.dir, path)), { recursive: true });
      writeFileSync(join(this.dir, path), text);
    }
    return this;
  }

  /** Writes the files, stages everything and commits; returns the new commit id. */
  commit(message: string, files: Record<string, string> = {}): string {
    this.write(files);
    this.git('add', '-A');
    this.tick++;
    this.git('commit', '-q', '--allow-empty', '-m', message);
    return this.head();
  }

  /** Full id of HEAD (or of `rev`). */
  head(rev = 'HEAD'): string {
    return this.git('rev-parse', rev);
  }

  /** Advances the clock, for commands that create commits themselves (merge, cherry-pick). */
  nextTick(): this {
    this.tick++;
    return this;
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** `n` numbered lines of filler text, to move a secret down a file. */
export function filler(n: number, tag = 'line'): string {
  return Array.from({ length: n }, (_, i) => `${tag} ${i + 1}\n`).join('');
}
