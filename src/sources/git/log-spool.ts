// A git command started early, its output kept in a temporary file until it is wanted. The
// attribution walk (`git log --raw` over the whole history, cli-reader.ts `changes`) runs after the
// scan, since only then are the matched blobs known; spooled, git walks the history while the blobs
// are still being scanned (git/git: ~6 s of git's time that came after the scan), and attribution
// reads the file. The file is removed once read, and when the process exits.
// The walk that also lists a history's blobs (cli-reader.ts `walkBlobs`) is read twice: as git
// writes it (`follow`), and again by attribution. Into a file, git buffers its output whole; into a
// pipe it would flush each commit (85,000 writes, each waking the reader, on git/git), which doubled
// the walk's time on two busy cores.
import { createReadStream, mkdtempSync, openSync, closeSync, read, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commandError, noGitBinary, spawnGitTo } from './run.ts';
import { GitSourceError } from './errors.ts';

const STDERR_KEEP = 4096;
/** Bytes read at a time while following the file, and how long to wait at its end while git runs. */
const FOLLOW_CHUNK = 1 << 20;
const FOLLOW_WAIT_MS = 10;

/** `git <args>` running into a temporary file; see the file comment. */
export class GitSpool {
  readonly args: readonly string[];
  private readonly dir: string;
  private readonly exit: Promise<{ code: number; stderr: string }>;
  private readonly kill: () => void;
  private readonly cleanup = (): void => this.dispose();
  private exited = false;
  /** `follow` read git's whole output and git succeeded. */
  private followed = false;

  constructor(cwd: string, args: readonly string[], input = '') {
    this.args = args;
    this.dir = mkdtempSync(join(tmpdir(), 'keywarden-git-'));
    const fd = openSync(join(this.dir, 'out'), 'w');
    let stderr = '';
    const child = spawnGitTo(cwd, args, fd);
    closeSync(fd);
    this.kill = () => child.kill();
    child.stderr.on('data', (d: Buffer) => {
      if (stderr.length < STDERR_KEEP) stderr += d.toString('utf8');
    });
    child.stdin.on('error', () => {});
    child.stdin.end(input);
    this.exit = new Promise((resolve, reject) => {
      child.on('error', (e: NodeJS.ErrnoException) => reject(e.code === 'ENOENT' ? noGitBinary() : new GitSourceError(`cannot run git: ${e.message}`)));
      child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stderr }));
    });
    this.exit.then(
      () => {
        this.exited = true;
      },
      () => {
        this.exited = true;
      },
    );
    process.once('exit', this.cleanup);
  }

  /** True once `follow` read git's whole output and git succeeded (`read` gives it again). */
  get complete(): boolean {
    return this.followed;
  }

  /**
   * git's output as it writes it (its error at the end if it failed). Each chunk is valid until the
   * next is asked for. Stopping early stops git and removes the file.
   */
  async *follow(): AsyncGenerator<Buffer> {
    const fd = openSync(join(this.dir, 'out'), 'r');
    const buf = Buffer.allocUnsafe(FOLLOW_CHUNK);
    let finished = false;
    try {
      for (let at = 0; ; ) {
        // Whatever git wrote before it exited is in the file by then: one more read after that sees it.
        const exited = this.exited;
        const bytesRead = await readAt(fd, buf, at);
        if (bytesRead > 0) {
          at += bytesRead;
          yield buf.subarray(0, bytesRead);
        } else if (exited) break;
        else await Promise.race([this.exit.catch(() => {}), new Promise((resolve) => setTimeout(resolve, FOLLOW_WAIT_MS))]);
      }
      finished = true;
    } finally {
      closeSync(fd);
      if (!finished) this.dispose();
    }
    const { code, stderr } = await this.exit;
    if (code !== 0) {
      this.dispose();
      throw commandError(this.args, stderr, code);
    }
    this.followed = true;
  }

  /** git's output once it has finished (its error if it failed); the file is removed afterwards. */
  async *read(): AsyncGenerator<Buffer> {
    try {
      const { code, stderr } = await this.exit;
      if (code !== 0) throw commandError(this.args, stderr, code);
      for await (const chunk of createReadStream(join(this.dir, 'out'), { highWaterMark: 64 * 1024 })) yield chunk as Buffer;
    } finally {
      this.dispose();
    }
  }

  /** Stops git if it still runs and removes the file. */
  dispose(): void {
    process.removeListener('exit', this.cleanup);
    this.kill();
    try {
      rmSync(this.dir, { recursive: true, force: true });
    } catch {
      // still open (Windows, while git exits): the temporary directory is left to the system
    }
  }
}

/** Reads into `buf` from `position` of the open file `fd` (fs/promises is left unloaded: a staged scan's start-up). */
function readAt(fd: number, buf: Buffer, position: number): Promise<number> {
  return new Promise((resolve, reject) => read(fd, buf, 0, buf.length, position, (error, bytesRead) => (error ? reject(error) : resolve(bytesRead))));
}
