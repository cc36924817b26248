// Adds `primaryLocationLineHash` to the results of a SARIF log for findings whose file is in the
// checked-out workspace with the secret still on the reported line. History-only findings (file gone,
// or the line changed since the commit that leaked it) are left without one: a hash of other content
// would be worse than none.
import type { Log } from 'sarif';
import { secretOf } from '../core/finding.ts';
import type { Finding } from '../core/types.ts';
import { lineHashes } from './line-hash.ts';

/** Reads a workspace file as text by repository-relative path; undefined when it does not exist. */
export type ReadWorkspaceFile = (path: string) => Promise<string | undefined>;

/** True when `text`'s line `line` (1-based) holds the first line of the finding's secret. */
function lineHoldsSecret(lines: readonly string[], finding: Finding): boolean {
  const secret = secretOf(finding);
  const line = lines[finding.line - 1];
  if (!secret || line === undefined) return false;
  return line.includes(secret.split(/\r?\n/)[0] ?? secret);
}

/**
 * Sets the line hash on `log.runs[0].results[i]` for each `findings[i]` it can verify (the SARIF
 * reporter emits results in finding order). Returns how many results got one.
 */
export async function addLineHashes(log: Log, findings: readonly Finding[], read: ReadWorkspaceFile): Promise<number> {
  const results = log.runs[0]?.results ?? [];
  if (results.length !== findings.length) throw new Error('SARIF results and findings differ in number');
  const files = new Map<string, { lines: string[]; hashes: string[] } | undefined>();
  let added = 0;
  for (const [i, f] of findings.entries()) {
    const result = results[i];
    if (!result) continue;
    if (!files.has(f.path)) {
      const text = await read(f.path);
      files.set(f.path, text === undefined ? undefined : { lines: text.split(/\r\n|\r|\n/), hashes: lineHashes(text) });
    }
    const file = files.get(f.path);
    const hash = file?.hashes[f.line - 1];
    if (!file || hash === undefined || !lineHoldsSecret(file.lines, f)) continue;
    result.partialFingerprints = { ...result.partialFingerprints, primaryLocationLineHash: hash };
    added++;
  }
  return added;
}
