// Which commit added a line: `git blame --porcelain` over the scanned range, only for the lines that
// hold findings. Blame follows renames and attributes a line written while resolving a merge
// conflict to the merge commit itself.
import type { CommitInfo } from '../../core/types.ts';
import { isoDateAt, zoneMinutes } from './date.ts';
import { git } from './run.ts';

const LINE_HEADER = /^([0-9a-f]{40,64}) \d+ (\d+)(?: \d+)?$/;

/** The commit that last set each of `lines` of `path` at `head`, looking no further back than `from`. */
export async function blameLines(root: string, from: string | undefined, head: string, path: string, lines: readonly number[]): Promise<Map<number, CommitInfo>> {
  const ranges = [...new Set(lines)].sort((a, b) => a - b).flatMap((l) => ['-L', `${l},${l}`]);
  const range = from ? `${from}..${head}` : head;
  const out = await git(root, ['blame', '--porcelain', ...ranges, range, '--', path]);
  return parsePorcelain(out.stdout.toString('utf8'));
}

/** Final line number → commit, from `git blame --porcelain` output. */
export function parsePorcelain(text: string): Map<number, CommitInfo> {
  const commits = new Map<string, CommitInfo & { tz?: string; time?: number }>();
  const byLine = new Map<number, CommitInfo>();
  let current: (CommitInfo & { tz?: string; time?: number }) | undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith('\t')) continue;
    const m = LINE_HEADER.exec(line);
    if (m) {
      const [, sha = '', finalLine] = m;
      current = commits.get(sha);
      if (!current) commits.set(sha, (current = { sha }));
      byLine.set(Number(finalLine), current);
      continue;
    }
    if (!current) continue;
    const sp = line.indexOf(' ');
    const key = sp === -1 ? line : line.slice(0, sp);
    const value = sp === -1 ? '' : line.slice(sp + 1);
    if (key === 'author') current.author = value;
    else if (key === 'author-mail') current.email = value.replace(/^<|>$/g, '');
    else if (key === 'author-time') current.time = Number(value);
    else if (key === 'author-tz') current.tz = value;
    else if (key === 'summary') current.message = value;
  }
  const result = new Map<number, CommitInfo>();
  const info = new Map<string, CommitInfo>();
  for (const [line, c] of byLine) {
    let i = info.get(c.sha);
    if (!i) info.set(c.sha, (i = finish(c)));
    result.set(line, i);
  }
  return result;
}

function finish(c: CommitInfo & { tz?: string; time?: number }): CommitInfo {
  const out: CommitInfo = { sha: c.sha };
  if (c.author !== undefined) out.author = c.author;
  if (c.email !== undefined) out.email = c.email;
  if (c.time !== undefined) out.date = isoDateAt(c.time, zoneMinutes(c.tz ?? '+0000'));
  if (c.message !== undefined) out.message = c.message;
  return out;
}
