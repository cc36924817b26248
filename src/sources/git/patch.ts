// Incremental parser of `git diff -U0` output into the blocks of added lines it holds: one event per
// hunk with the new-side path and first line number, plus events for binary files and blocks too
// large to scan. Hunk line counts are tracked, so an added line that looks like a header
// (`+++ x`, `diff --git`) is still read as content.
import { unquoteCPath } from './quote.ts';

/** What the parser reports. `text` holds the added lines of one hunk, joined by `\n`. */
export type PatchEvent =
  | { kind: 'hunk'; path: string; startLine: number; text: string }
  | { kind: 'binary'; path: string }
  | { kind: 'too-large'; path: string };

const HUNK = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/** Parser state for one `git diff -U0` stream; see the file comment. */
export class PatchParser {
  private readonly maxBytes: number;
  private rest: Buffer | undefined;
  private path: string | undefined;
  private hunk: { start: number; oldLeft: number; newLeft: number; lines: string[]; bytes: number; over: boolean } | undefined;

  /** Hunks whose added text exceeds `maxBytes` are reported as `too-large` instead of `hunk`. */
  constructor(maxBytes: number) {
    this.maxBytes = maxBytes;
  }

  /** Parses one chunk; returns the events it completed. */
  push(chunk: Buffer): PatchEvent[] {
    const out: PatchEvent[] = [];
    const buf = this.rest ? Buffer.concat([this.rest, chunk]) : chunk;
    this.rest = undefined;
    let pos = 0;
    for (let nl = buf.indexOf(10, pos); nl !== -1; nl = buf.indexOf(10, pos)) {
      this.line(buf.toString('utf8', pos, nl), out);
      pos = nl + 1;
    }
    if (pos < buf.length) this.rest = Buffer.from(buf.subarray(pos));
    return out;
  }

  /** Flushes the last line and hunk. */
  end(): PatchEvent[] {
    const out: PatchEvent[] = [];
    if (this.rest) this.line(this.rest.toString('utf8'), out);
    this.rest = undefined;
    this.closeHunk(out);
    return out;
  }

  private line(line: string, out: PatchEvent[]): void {
    const h = this.hunk;
    if (h && (h.oldLeft > 0 || h.newLeft > 0)) {
      this.hunkLine(h, line);
      if (h.oldLeft === 0 && h.newLeft === 0) this.closeHunk(out);
      return;
    }
    this.closeHunk(out);
    if (line.startsWith('diff --git ')) this.path = headerPath(line.slice(11));
    else if (line.startsWith('+++ ')) this.path = line === '+++ /dev/null' ? undefined : stripPrefix(unquoteCPath(line.slice(4).replace(/\t$/, '')));
    else if (line.startsWith('rename to ') || line.startsWith('copy to ')) this.path = unquoteCPath(line.slice(line.indexOf(' to ') + 4));
    else if (line.startsWith('Binary files ')) {
      if (this.path !== undefined) out.push({ kind: 'binary', path: this.path });
    } else {
      const m = HUNK.exec(line);
      if (m) this.hunk = { start: Number(m[2]), oldLeft: m[1] === undefined ? 1 : Number(m[1]), newLeft: m[3] === undefined ? 1 : Number(m[3]), lines: [], bytes: 0, over: false };
    }
  }

  private hunkLine(h: NonNullable<PatchParser['hunk']>, line: string): void {
    const c = line.charCodeAt(0);
    if (c === 43 /* + */) {
      h.newLeft--;
      if (h.over) return;
      h.bytes += line.length;
      if (h.bytes > this.maxBytes) {
        h.over = true;
        h.lines = [];
      } else h.lines.push(line.slice(1));
    } else if (c === 45 /* - */) h.oldLeft--;
    else if (c === 32 /* space */) {
      h.oldLeft--;
      h.newLeft--;
    }
  }

  private closeHunk(out: PatchEvent[]): void {
    const h = this.hunk;
    this.hunk = undefined;
    if (!h || this.path === undefined) return;
    if (h.over) out.push({ kind: 'too-large', path: this.path });
    else if (h.lines.length > 0) out.push({ kind: 'hunk', path: this.path, startLine: h.start, text: h.lines.join('\n') });
  }
}

/** The new-side path of a `diff --git a/X b/Y` header (used when no `+++` line follows). */
export function headerPath(rest: string): string | undefined {
  if (rest.startsWith('"')) {
    const end = closingQuote(rest);
    const b = rest.slice(end + 2);
    return stripPrefix(unquoteCPath(b));
  }
  const half = (rest.length - 1) / 2;
  if (Number.isInteger(half) && rest[half] === ' ' && rest.slice(2, half) === rest.slice(half + 3)) return rest.slice(half + 3);
  const i = rest.lastIndexOf(' b/');
  return i === -1 ? undefined : stripPrefix(unquoteCPath(rest.slice(i + 1)));
}

function closingQuote(s: string): number {
  for (let i = 1; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === '"') return i;
  }
  return s.length;
}

function stripPrefix(p: string): string {
  return p.startsWith('b/') || p.startsWith('a/') ? p.slice(2) : p;
}
