// `.keywarden-baseline`: the fingerprints of the findings that existed when it was written, so that
// `scan --baseline FILE` reports only new ones (the rest are counted as `baseline`). One line per
// fingerprint, sorted, with `# rule-id path`; no line numbers, counts or dates, so regenerating it
// after unrelated edits changes nothing and two branches' additions rarely touch the same lines.
import { readFile } from 'node:fs/promises';
import type { Finding } from '../core/types.ts';
import { ConfigError } from './errors.ts';
import { oneLine, parseFingerprintList } from './fingerprint-list.ts';

export const BASELINE_FILE = '.keywarden-baseline';

const HEADER = [
  '# keywarden baseline: secrets that were already in the code when it was made.',
  "# 'keywarden scan --baseline .keywarden-baseline' reports only secrets not listed here.",
  "# Regenerate with 'keywarden baseline'. Each of these still needs rotating: see 'keywarden playbook <rule-id>'.",
];

/** The baseline text for a set of findings: one line per fingerprint (first path in sort order). */
export function formatBaseline(findings: readonly Finding[]): string {
  const byFingerprint = new Map<string, Finding>();
  for (const f of findings) {
    const prev = byFingerprint.get(f.fingerprint);
    if (!prev || f.path < prev.path) byFingerprint.set(f.fingerprint, f);
  }
  const lines = [...byFingerprint.values()].sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : 1)).map((f) => `${f.fingerprint}  # ${f.ruleId} ${oneLine(f.path)}`);
  return `${[...HEADER, ...lines].join('\n')}\n`;
}

/** The fingerprints of a baseline file; a missing file is an error (it was asked for by name). */
export async function readBaseline(path: string, source = path): Promise<Set<string>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new ConfigError(`cannot read baseline ${source}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message} (create it with 'keywarden baseline')`);
  }
  return new Set(parseFingerprintList(text, source).map((e) => e.fingerprint));
}
