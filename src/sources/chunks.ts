// Large files are scanned in overlapping chunks, so that memory stays bounded whatever the file size
// (a whole 1.5 GB file cannot become one string: ERR_STRING_TOO_LONG). Each chunk ends at a line end
// when there is one and the next starts OVERLAP characters earlier, at a line start, so that a secret
// (and the keyword before it) near a boundary is whole in one chunk; findings found twice in an
// overlap are at the same place and are reported once (engine/run.ts).
import { readSync } from 'node:fs';
import type { Fragment } from '../core/types.ts';
import { isBinary, utf16Bom } from './decode-text.ts';
import type { SourceContext } from './source.ts';

/** Files up to this size are read whole; larger ones in chunks. */
export const WHOLE_FILE_LIMIT = 16 * 1024 * 1024;
/**
 * Bytes read per chunk. Small chunks keep memory flat on a huge file: the chunks being scanned are
 * what survives V8's young-generation collections, and the more survives, the more V8 grows that
 * generation (up to 3 x 64 MB per thread on this Node). On a 1.5 GB file, 1 MB chunks peaked at
 * 320 MB RSS with one thread, 128 KB chunks at about 210 MB, for the same CPU time
 * (bench/huge-file-rss.md). The overlap repeats 6% of the text.
 */
export const CHUNK_BYTES = 128 * 1024;
/** Characters repeated at the start of the next chunk. */
export const OVERLAP = 8 * 1024;

export interface ChunkOptions {
  chunkBytes?: number;
  overlap?: number;
}

/** Fragments of the open file `fd` of `size` bytes, read chunk by chunk; a binary file yields nothing (counted). */
export function* chunkedFragments(fd: number, size: number, path: string, ctx: Pick<SourceContext, 'onSkip'>, options: ChunkOptions = {}): Generator<Fragment> {
  const chunkBytes = options.chunkBytes ?? CHUNK_BYTES;
  const overlap = options.overlap ?? OVERLAP;
  const buf = Buffer.allocUnsafe(chunkBytes);
  let decoder: InstanceType<typeof TextDecoder> | undefined;
  let carry = '';
  let repeated = 0;
  let line = 1;
  let pos = 0;
  while (pos < size) {
    const n = readSync(fd, buf, 0, Math.min(chunkBytes, size - pos), pos);
    if (n === 0) break;
    const bytes = buf.subarray(0, n);
    if (!decoder) {
      const utf16 = utf16Bom(bytes);
      if (!utf16 && isBinary(bytes)) {
        ctx.onSkip('binary', path);
        return;
      }
      decoder = new TextDecoder(utf16 ?? 'utf-8');
    }
    pos += n;
    const last = pos >= size;
    const text = carry + decoder.decode(bytes, { stream: !last });
    if (last) {
      yield { text, path, origin: 'file', startLine: line, ...(repeated ? { repeated } : {}) };
      return;
    }
    const newline = text.lastIndexOf('\n');
    // End at the last line end of what was read; a line longer than a chunk is cut where it is.
    const cut = newline >= carry.length ? newline + 1 : text.length;
    yield { text: text.slice(0, cut), path, origin: 'file', startLine: line, ...(repeated ? { repeated } : {}) };
    let from = Math.max(0, cut - overlap);
    const lineStart = text.indexOf('\n', from);
    if (lineStart !== -1 && lineStart < cut - 1) from = lineStart + 1;
    line += countNewlines(text, 0, from);
    carry = text.slice(from);
    repeated = cut - from;
  }
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
