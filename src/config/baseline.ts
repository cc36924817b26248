// `.keywarden-baseline`: the fingerprints of the secrets that existed when it was written, so that
// `scan --baseline FILE` reports only new ones (the rest are counted as `baseline`). One line per
// secret, sorted, with `# rule-id path`; no line numbers, counts or dates, so regenerating it after
// unrelated edits changes nothing and two branches' additions rarely touch the same lines.
import { nodeFsPromises } from '../core/builtins.ts';
import type { Secret } from '../core/types.ts';
import { ConfigError } from './errors.ts';
import { isLegacyFingerprint, oneLine, parseFingerprintList } from './fingerprint-list.ts';
import { listedAs } from './suppress.ts';

export const BASELINE_FILE = '.keywarden-baseline';

const HEADER = [
  '# keywarden baseline: secrets that were already in the code when it was made.',
  "# 'keywarden scan --baseline .keywarden-baseline' reports only secrets not listed here.",
  "# Regenerate with 'keywarden baseline'. Each of these still needs rotating: see 'keywarden playbook <rule-id>'.",
];

/** The baseline text for a set of secrets: one line per secret (its first path in sort order). */
export function formatBaseline(secrets: readonly Secret[]): string {
  const lines = [...secrets]
    .sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : 1))
    .map((s) => `${s.fingerprint}  # ${s.ruleId} ${oneLine(firstPath(s))}`);
  return `${[...HEADER, ...lines].join('\n')}\n`;
}

function firstPath(s: Secret): string {
  return s.occurrences.map((o) => o.path).sort()[0] ?? '';
}

/** The fingerprints of a baseline file; a missing file is an error (it was asked for by name). */
export async function readBaseline(path: string, source = path): Promise<Set<string>> {
  let text: string;
  try {
    text = await nodeFsPromises().readFile(path, 'utf8');
  } catch (e) {
    throw new ConfigError(`cannot read baseline ${source}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message} (create it with 'keywarden baseline')`);
  }
  return new Set(parseFingerprintList(text, source).map((e) => e.fingerprint));
}

/** What `upgradeFingerprints` did. */
export interface Upgrade {
  text: string;
  /** Version 1 entries rewritten to the current fingerprint. */
  upgraded: number;
  /** Version 1 entries that no secret of the scan matched: kept as they are (they stop matching in the next version). */
  unmatched: number;
}

/**
 * A fingerprint list (baseline or ignore file) with every version 1 fingerprint that one of `secrets`
 * carries replaced by the secret's current fingerprint. Comments and order are kept; an entry whose
 * secret is already listed under its new fingerprint is dropped.
 */
export function upgradeFingerprints(text: string, source: string, secrets: readonly Secret[]): Upgrade {
  const entries = parseFingerprintList(text, source);
  const legacyToNew = new Map<string, string>();
  for (const s of secrets) for (const fp of listedAs(s, true).slice(1)) legacyToNew.set(fp, s.fingerprint);
  const present = new Set(entries.map((e) => e.fingerprint));
  const lines = text.split(/\r?\n/);
  let upgraded = 0;
  let unmatched = 0;
  const drop = new Set<number>();
  for (const e of entries) {
    if (!isLegacyFingerprint(e.fingerprint)) continue;
    const next = legacyToNew.get(e.fingerprint);
    if (!next) {
      unmatched++;
      continue;
    }
    upgraded++;
    if (present.has(next)) drop.add(e.line - 1);
    else {
      present.add(next);
      const raw = lines[e.line - 1] ?? '';
      lines[e.line - 1] = raw.replace(new RegExp(e.fingerprint, 'i'), next);
    }
  }
  return { text: lines.filter((_, i) => !drop.has(i)).join('\n'), upgraded, unmatched };
}
