// Incremental parser of `git log -z --raw` output in the format of `LOG_FORMAT`: per commit a header
// `\x01<sha>\0<parents>\0<author>\0<email>\0<ISO date>\0<subject>\0`, then per changed path
// `:<old mode> <new mode> <old oid> <new oid> <status>\0<path>\0`. Fields are read by position, so
// subjects and paths may hold any byte but NUL.
import type { CommitInfo } from '../../core/types.ts';
import type { BlobChange } from './reader.ts';

/** The `--format` that matches this parser. */
export const LOG_FORMAT = '--format=%x01%H%x00%P%x00%an%x00%ae%x00%aI%x00%s';

/** NUL-ended tokens in a commit's header (LOG_FORMAT). */
export const HEADER_FIELDS = 6;
/** Statuses under which the new side holds content the commit brings in. */
const INTRODUCING = new Set(['A', 'M', 'T']);

/** Parser state for one `git log -z --raw` stream; see the file comment. */
export class RawLogParser {
  private readonly wanted: ReadonlySet<string>;
  private rest: Buffer | undefined;
  private header: string[] = [];
  private commit: CommitInfo | undefined;
  private order = -1;
  /** The meta token of a raw entry whose path token comes next. */
  private pendingMeta: string | undefined;

  /** Only changes whose new blob id is in `wanted` are returned. */
  constructor(wanted: ReadonlySet<string>) {
    this.wanted = wanted;
  }

  /** Parses one chunk; returns the wanted changes it completed. */
  push(chunk: Buffer): BlobChange[] {
    const out: BlobChange[] = [];
    const buf = this.rest ? Buffer.concat([this.rest, chunk]) : chunk;
    this.rest = undefined;
    let pos = 0;
    for (let nul = buf.indexOf(0, pos); nul !== -1; nul = buf.indexOf(0, pos)) {
      this.token(buf, pos, nul, out);
      pos = nul + 1;
    }
    if (pos < buf.length) this.rest = Buffer.from(buf.subarray(pos));
    return out;
  }

  /** How many commits the stream held so far. */
  get commits(): number {
    return this.order + 1;
  }

  /** Throws if the stream ended inside a record. */
  end(): void {
    if (this.pendingMeta !== undefined || this.header.length > 0 || (this.rest && this.rest.toString('latin1').trim() !== '')) {
      throw new Error('git log output ended in the middle of a record');
    }
  }

  private token(buf: Buffer, start: number, end: number, out: BlobChange[]): void {
    if (this.pendingMeta !== undefined) {
      this.entry(this.pendingMeta, buf.toString('utf8', start, end), out);
      this.pendingMeta = undefined;
      return;
    }
    if (this.header.length > 0) {
      this.header.push(buf.toString('utf8', start, end));
      if (this.header.length === HEADER_FIELDS) this.startCommit();
      return;
    }
    while (start < end && buf[start] === 10) start++;
    if (start === end) return;
    if (buf[start] === 1) this.header.push(buf.toString('latin1', start + 1, end));
    else if (buf[start] === 58) this.pendingMeta = buf.toString('latin1', start + 1, end);
    else throw new Error(`unexpected git log output: ${buf.toString('utf8', start, Math.min(end, start + 60))}`);
  }

  private startCommit(): void {
    const [sha = '', , author = '', email = '', date = '', message = ''] = this.header;
    this.header = [];
    this.commit = { sha, author, email, date, message };
    this.order++;
  }

  private entry(meta: string, path: string, out: BlobChange[]): void {
    const [, , , newOid = '', status = ''] = meta.split(' ');
    if (!this.commit || !this.wanted.has(newOid) || !INTRODUCING.has(status)) return;
    out.push({ commit: this.commit, order: this.order, path, oid: newOid });
  }
}
