// The blobs a `git log -z --raw` stream (log-parse.ts LOG_FORMAT) brings in, read as bytes: per
// raw entry whose new side is a blob (file or symlink; not a submodule's commit) added, modified or
// type-changed, where its id and its path sit in the chunk. No string is built here: the caller
// builds one only for what it keeps (a blob seen for the first time), which is what lets this
// stream serve as a history's listing (cli-reader.ts `walkBlobs`) at little cost per entry.
// (RawLogParser reads the same stream into strings, for the few changes attribution wants.)

import { HEADER_FIELDS } from './log-parse.ts';

/** Where one introduced blob's id and path sit in `buf` (valid until the next `push`). */
export interface BlobEntry {
  buf: Buffer;
  oidStart: number;
  oidEnd: number;
  pathStart: number;
  pathEnd: number;
}

const NUL = 0;
const COLON = 58;
const SPACE = 32;
const NEWLINE = 10;
const HEADER_START = 1;
/** The new mode of a submodule's entry: a commit of another repository, not a blob. */
const GITLINK = Buffer.from('160000');

/** Incremental reader of the blob entries of one stream; see the file comment. */
export class LogBlobs {
  private rest: Buffer | undefined;

  /** The blob entries `chunk` completes, in stream order. */
  *push(chunk: Buffer): Generator<BlobEntry> {
    const buf = this.rest ? Buffer.concat([this.rest, chunk]) : chunk;
    this.rest = undefined;
    const entry: BlobEntry = { buf, oidStart: 0, oidEnd: 0, pathStart: 0, pathEnd: 0 };
    let pos = 0;
    for (;;) {
      while (pos < buf.length && (buf[pos] === NEWLINE || buf[pos] === NUL)) pos++;
      if (pos >= buf.length) break;
      const first = buf[pos];
      if (first === HEADER_START) {
        // A commit's header: skipped whole, once all of it is here.
        let end = pos;
        for (let i = 0; i < HEADER_FIELDS && end !== -1; i++) end = buf.indexOf(NUL, i === 0 ? end : end + 1);
        if (end === -1) break;
        pos = end + 1;
        continue;
      }
      if (first !== COLON) throw new Error(`unexpected git log output: ${buf.toString('utf8', pos, Math.min(buf.length, pos + 60))}`);
      const metaEnd = buf.indexOf(NUL, pos);
      const pathEnd = metaEnd === -1 ? -1 : buf.indexOf(NUL, metaEnd + 1);
      if (pathEnd === -1) break;
      if (this.entry(buf, pos, metaEnd, entry)) {
        entry.pathStart = metaEnd + 1;
        entry.pathEnd = pathEnd;
        yield entry;
      }
      pos = pathEnd + 1;
    }
    if (pos < buf.length) this.rest = Buffer.from(buf.subarray(pos));
  }

  /** Throws if the stream ended inside a record. */
  end(): void {
    if (this.rest && this.rest.toString('latin1').replace(/[\n\0]/g, '') !== '') throw new Error('git log output ended in the middle of a record');
  }

  /** `:<old mode> <new mode> <old id> <new id> <status>` in `buf[start, end)`: true, with the new id's place set, for a blob brought in. */
  private entry(buf: Buffer, start: number, end: number, out: BlobEntry): boolean {
    const status = buf[end - 1];
    // A (added), M (modified), T (type changed); D has no new side, and renames are off.
    if ((status !== 65 && status !== 77 && status !== 84) || buf[end - 2] !== SPACE) return false;
    const newMode = buf.indexOf(SPACE, start) + 1;
    const oldOid = newMode === 0 ? -1 : buf.indexOf(SPACE, newMode) + 1;
    const newOid = oldOid === 0 ? -1 : buf.indexOf(SPACE, oldOid) + 1;
    if (newOid <= 0 || newOid >= end - 2) throw new Error(`unexpected git log entry: ${buf.toString('latin1', start, Math.min(end, start + 120))}`);
    if (oldOid - newMode - 1 === GITLINK.length && buf.compare(GITLINK, 0, GITLINK.length, newMode, oldOid - 1) === 0) return false;
    out.oidStart = newOid;
    out.oidEnd = end - 2;
    return true;
  }
}
