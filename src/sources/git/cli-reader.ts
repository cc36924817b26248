// GitReader over the git binary: `rev-list --objects` lists each reachable blob once, `cat-file
// --batch` streams their contents, `log --raw` finds the commits that introduced a blob, `ls-tree`
// lists a tree. Output is parsed as it streams, so memory does not grow with the history.
import { once } from 'node:events';
import { BatchParser } from './cat-file.ts';
import { GitSourceError } from './errors.ts';
import { LOG_FORMAT, RawLogParser } from './log-parse.ts';
import type { BlobChange, BlobData, BlobRef, GitReader, WalkScope } from './reader.ts';
import { resolveCommit } from './revisions.ts';
import { commandError, exitOf, git, gitStream, gitText, spawnGit } from './run.ts';

/** Oldest git whose rev-list has `--filter=object:type=blob --filter-provided-objects`. */
const MIN_VERSION: [number, number] = [2, 32];
const OID_LINE = /^(?:[0-9a-f]{40}|[0-9a-f]{64})(?: |$)/;

/** GitReader over the git binary (the fast path). */
export class CliGitReader implements GitReader {
  readonly backend = 'git' as const;
  private readonly cwd: string;

  constructor(cwd: string) {
    this.cwd = cwd;
  }

  /** Fails when the installed git is too old for history scans. */
  async checkVersion(): Promise<void> {
    const text = await gitText(this.cwd, ['--version']);
    const m = /(\d+)\.(\d+)/.exec(text);
    const [major, minor] = m ? [Number(m[1]), Number(m[2])] : [0, 0];
    if (major < MIN_VERSION[0] || (major === MIN_VERSION[0] && minor < MIN_VERSION[1])) {
      throw new GitSourceError(`git ${MIN_VERSION.join('.')} or newer is needed for history scans (found "${text}"); or set KEYWARDEN_GIT_BACKEND=isomorphic-git`);
    }
  }

  async isShallow(): Promise<boolean> {
    return (await gitText(this.cwd, ['rev-parse', '--is-shallow-repository'])) === 'true';
  }

  resolveCommit(rev: string): Promise<string | undefined> {
    return resolveCommit(this.cwd, rev);
  }

  async defaultHead(): Promise<string | undefined> {
    const remoteHead = await gitText(this.cwd, ['symbolic-ref', '--quiet', 'refs/remotes/origin/HEAD'], { okCodes: [1, 128] });
    return (remoteHead && (await this.resolveCommit(remoteHead))) || this.resolveCommit('HEAD');
  }

  async *listBlobs(scope: WalkScope): AsyncIterable<BlobRef> {
    const args = ['rev-list', '--objects', '--filter=object:type=blob', '--filter-provided-objects', '--stdin'];
    if (scope.since) args.push(`--since=${scope.since}`);
    if (!scope.tips) args.push('--all');
    let rest = '';
    let last: BlobRef | undefined;
    for await (const chunk of gitStream(this.cwd, args, (scope.tips ?? []).map((t) => `${t}\n`).join(''))) {
      const lines = (rest + chunk.toString('utf8')).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) {
        if (!OID_LINE.test(line)) {
          // A path holding a newline continues on the next line.
          if (last) last.path += `\n${line}`;
          continue;
        }
        if (last) yield last;
        const sp = line.indexOf(' ');
        last = sp === -1 ? { oid: line, path: '' } : { oid: line.slice(0, sp), path: line.slice(sp + 1) };
      }
    }
    if (last) yield last;
  }

  async *readBlobs(blobs: AsyncIterable<BlobRef>, maxSize: number): AsyncIterable<BlobData> {
    const child = spawnGit(this.cwd, ['cat-file', '--batch', '--buffer']);
    const exit = exitOf(child);
    exit.catch(() => {});
    const queue: BlobRef[] = [];
    const stop = new AbortController();
    let writeError: unknown;
    const writer = (async () => {
      for await (const b of blobs) {
        queue.push(b);
        if (!child.stdin.write(`${b.oid}\n`)) await once(child.stdin, 'drain', { signal: stop.signal });
      }
    })().catch((e: unknown) => {
      if (!stop.signal.aborted) writeError = e;
    }).finally(() => child.stdin.end());
    const parser = new BatchParser(maxSize);
    let head = 0;
    let finished = false;
    try {
      for await (const chunk of child.stdout) {
        for (const obj of parser.push(chunk as Buffer)) {
          const ref = queue[head++];
          if (head > 4096) {
            queue.splice(0, head);
            head = 0;
          }
          if (obj.type === 'missing') throw new GitSourceError(`missing git object ${obj.oid}${ref?.path ? ` (${ref.path})` : ''}: the repository is corrupt or incomplete`);
          yield { oid: obj.oid, path: ref?.path ?? '', size: obj.size, data: obj.data };
        }
      }
      parser.end();
      finished = true;
    } finally {
      stop.abort();
      if (!finished) child.kill();
    }
    await writer;
    if (writeError) throw writeError;
    const { code, stderr } = await exit;
    if (code !== 0) throw commandError(['cat-file'], stderr, code);
  }

  async *changes(oids: ReadonlySet<string>, tips?: string[]): AsyncIterable<BlobChange> {
    const args = ['log', '--reverse', '--date-order', '--raw', '--root', '--no-renames', '--no-abbrev', '-z', '--diff-merges=first-parent', '--no-show-signature', LOG_FORMAT, '--stdin'];
    if (!tips) args.push('--all');
    const parser = new RawLogParser(oids);
    for await (const chunk of gitStream(this.cwd, args, (tips ?? []).map((t) => `${t}\n`).join(''))) {
      yield* parser.push(chunk);
    }
    parser.end();
  }

  async treeBlobs(commit: string): Promise<Set<string>> {
    const out = (await git(this.cwd, ['ls-tree', '-r', '-z', '--full-tree', commit])).stdout.toString('utf8');
    const oids = new Set<string>();
    for (const entry of out.split('\0')) {
      const [mode, type, oid] = entry.slice(0, entry.indexOf('\t')).split(' ');
      if (type === 'blob' && mode !== '120000' && oid) oids.add(oid);
    }
    return oids;
  }
}
