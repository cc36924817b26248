// `.keywardenignore` at the scan root: findings whose fingerprint is listed are not reported
// (counted as `ignored`). `keywarden ignore <fingerprint> --reason "…"` appends
// `<fingerprint>  # <reason> — <who>, <YYYY-MM-DD>`.
import { existsSync } from 'node:fs';
import { nodeFsPromises } from '../core/builtins.ts';
import { writeFileSafely } from '../safe-write.ts';
import { join } from 'node:path';
import { parseFingerprintList, oneLine, type FingerprintEntry } from './fingerprint-list.ts';

export const IGNORE_FILE = '.keywardenignore';

/** A read ignore file: its name for messages and its entries. */
export interface IgnoreFile {
  source: string;
  entries: FingerprintEntry[];
}

/** Reads `path` (default: `<root>/.keywardenignore`), or returns undefined when there is none. */
export async function readIgnoreFile(root: string, path = join(root, IGNORE_FILE)): Promise<IgnoreFile | undefined> {
  if (!existsSync(path)) return undefined;
  return { source: IGNORE_FILE, entries: parseFingerprintList(await nodeFsPromises().readFile(path, 'utf8'), IGNORE_FILE) };
}

/** One ignore line: `<fingerprint>  # <reason> — <who>, <date>`. */
export function ignoreLine(fingerprint: string, reason: string, who: string, date: Date): string {
  const meta = [who && oneLine(who), date.toISOString().slice(0, 10)].filter(Boolean).join(', ');
  return `${fingerprint}  # ${oneLine(reason)} — ${meta}`;
}

/** Appends lines to an ignore file (created if missing), starting on a fresh line. */
export async function appendToIgnoreFile(path: string, lines: readonly string[]): Promise<void> {
  let text = '# Findings keywarden must not report: <fingerprint>  # reason — who, when\n';
  if (existsSync(path)) {
    text = await nodeFsPromises().readFile(path, 'utf8');
    if (text.length && !text.endsWith('\n')) text += '\n';
  }
  // Rewritten whole (atomically, never through a symlink) rather than appended to.
  await writeFileSafely(path, `${text}${lines.map((l) => `${l}\n`).join('')}`);
}
