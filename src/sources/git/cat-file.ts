// Incremental parser of `git cat-file --batch` output: `<oid> <type> <size>\n<content>\n` per object,
// or `<name> missing\n`. Chunks go in as they arrive; whole objects come out. An object whose size
// exceeds `maxSize` is skipped over without being buffered, so memory stays bounded by maxSize.
// An object's data may be a view of the chunk it came in, never of an earlier chunk.

/** One parsed object; `data` is absent when the object was over the size limit or missing. */
export interface BatchObject {
  oid: string;
  /** `blob`, `tree`, `commit`, `tag`, or `missing`. */
  type: string;
  size: number;
  data?: Buffer;
}

/** Parser state for one `cat-file --batch` stream; see the file comment. */
export class BatchParser {
  private readonly maxSize: number;
  private header: Buffer | undefined;
  private current: { oid: string; type: string; size: number; data?: Buffer; filled: number } | undefined;
  /** Bytes of content still expected for `current`, plus its trailing newline. */
  private remaining = 0;

  constructor(maxSize: number) {
    this.maxSize = maxSize;
  }

  /** Parses one chunk; returns the objects it completed. */
  push(chunk: Buffer): BatchObject[] {
    const out: BatchObject[] = [];
    let pos = 0;
    if (this.header) {
      chunk = Buffer.concat([this.header, chunk]);
      this.header = undefined;
    }
    while (pos < chunk.length) {
      if (this.current) {
        pos = this.fill(chunk, pos, out);
        continue;
      }
      const nl = chunk.indexOf(10, pos);
      if (nl === -1) {
        this.header = Buffer.from(chunk.subarray(pos));
        break;
      }
      this.startObject(chunk.toString('latin1', pos, nl), out);
      pos = nl + 1;
    }
    return out;
  }

  /** Throws if the stream ended in the middle of an object. */
  end(): void {
    if (this.current || this.header) throw new Error('git cat-file output ended in the middle of an object');
  }

  private startObject(line: string, out: BatchObject[]): void {
    const parts = line.split(' ');
    const [oid = '', type = ''] = parts;
    if (parts.length === 2) {
      out.push({ oid, type, size: 0 });
      return;
    }
    const size = Number(parts[2]);
    if (parts.length !== 3 || !Number.isSafeInteger(size)) throw new Error(`unexpected git cat-file header: ${line.slice(0, 80)}`);
    this.current = { oid, type, size, filled: 0 };
    this.remaining = size + 1;
  }

  private fill(chunk: Buffer, pos: number, out: BatchObject[]): number {
    const cur = this.current!;
    const take = Math.min(this.remaining, chunk.length - pos);
    const contentTake = Math.min(take, cur.size - cur.filled);
    if (cur.size <= this.maxSize && contentTake > 0) {
      if (cur.filled === 0 && contentTake === cur.size) cur.data = chunk.subarray(pos, pos + contentTake);
      else {
        cur.data ??= Buffer.allocUnsafe(cur.size);
        chunk.copy(cur.data, cur.filled, pos, pos + contentTake);
      }
    }
    cur.filled += contentTake;
    this.remaining -= take;
    // The content ended in this chunk but its newline did not: the object completes in the next
    // chunk, and must not keep this one (the reader may free a chunk once its objects are used).
    if (this.remaining > 0 && cur.data?.buffer === chunk.buffer) cur.data = Buffer.from(cur.data);
    if (this.remaining === 0) {
      out.push({ oid: cur.oid, type: cur.type, size: cur.size, data: cur.size <= this.maxSize ? (cur.data ?? Buffer.alloc(0)) : undefined });
      this.current = undefined;
    }
    return pos + take;
  }
}
