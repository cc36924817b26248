// Adds `primaryLocationLineHash` to the results of a SARIF log for occurrences whose file is in the
// checked-out workspace with the secret still on the reported line. History-only occurrences (file
// gone, or the line changed since the commit that leaked it) are left without one: a hash of other
// content would be worse than none.
//
// The hash is computed over the file with every reported secret masked: the line hash is a fast
// 64-bit rolling hash of the line, so a hash over the raw line would let anyone with the SARIF file
// test guesses of a short secret at millions per second (see README "Fingerprints").
import type { Log } from 'sarif';
import { secretOf } from '../core/match.ts';
import type { Occurrence, Secret } from '../core/types.ts';
import { lineHashes } from './line-hash.ts';

/** Reads a workspace file as text by repository-relative path; undefined when it does not exist. */
export type ReadWorkspaceFile = (path: string) => Promise<string | undefined>;

/** What a masked secret reads as in the hashed text. */
export const LINE_HASH_MASK = '***';

/** Pieces of a secret to mask: the value, and each of its lines (a PEM key spans several). */
function pieces(value: string): string[] {
  const lines = value.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length >= 4);
  return [...new Set([value, ...lines])].sort((a, b) => b.length - a.length);
}

/** `text` with every occurrence of each value (and of each of its lines) replaced by the mask; newlines are kept. */
export function maskSecrets(text: string, values: readonly string[]): string {
  let out = text;
  for (const value of values) {
    for (const p of pieces(value)) {
      if (p.includes('\n')) out = out.split(p).join(p.split(/\r?\n/).map(() => LINE_HASH_MASK).join('\n'));
      else out = out.split(p).join(LINE_HASH_MASK);
    }
  }
  return out;
}

/** True when line `occurrence.line` (1-based) holds the first line of the secret. */
function lineHoldsSecret(lines: readonly string[], occurrence: Occurrence, secret: string | undefined): boolean {
  const line = lines[occurrence.line - 1];
  if (!secret || line === undefined) return false;
  return line.includes(secret.split(/\r?\n/)[0] ?? secret);
}

/**
 * Sets the line hash on the results of `log.runs[0]`, which are the secrets' occurrences in order (as
 * the SARIF reporter emits them), for each occurrence it can verify. Returns how many got one.
 */
export async function addLineHashes(log: Log, secrets: readonly Secret[], read: ReadWorkspaceFile): Promise<number> {
  const results = log.runs[0]?.results ?? [];
  const places = secrets.flatMap((s) => s.occurrences.map((o) => ({ secret: s, o })));
  if (results.length !== places.length) throw new Error('SARIF results and occurrences differ in number');
  const valuesByPath = new Map<string, string[]>();
  for (const { secret, o } of places) {
    const v = secretOf(secret);
    if (v) valuesByPath.set(o.path, [...(valuesByPath.get(o.path) ?? []), v]);
  }
  const files = new Map<string, { lines: string[]; hashes: string[] } | undefined>();
  let added = 0;
  for (const [i, { secret, o }] of places.entries()) {
    if (!files.has(o.path)) {
      const text = await read(o.path);
      files.set(o.path, text === undefined ? undefined : { lines: text.split(/\r\n|\r|\n/), hashes: lineHashes(maskSecrets(text, valuesByPath.get(o.path) ?? [])) });
    }
    const file = files.get(o.path);
    const result = results[i];
    const hash = file?.hashes[o.line - 1];
    if (!file || !result || hash === undefined || !lineHoldsSecret(file.lines, o, secretOf(secret))) continue;
    result.partialFingerprints = { ...result.partialFingerprints, primaryLocationLineHash: hash };
    added++;
  }
  return added;
}
