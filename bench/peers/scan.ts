// Writes the cases to a temporary directory (one file each), scans it once with the built CLI, and
// explains each miss or false alarm by re-running the core detector on that case with skip counters.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { countSkip, detectFragment, type SkipCounter } from '../../src/core/detect.ts';
import { builtinRuleSpecs } from '../../src/data/builtin.ts';
import { compileRuleSet } from '../../src/rules/ruleset.ts';
import type { Case } from './case.ts';

/** What keywarden said about one case. */
export interface Verdict {
  /** Rule ids and confidences reported in the case's file (empty = nothing reported). */
  rules: Array<{ ruleId: string; confidence: string }>;
}

/** Relative file of case `k`: its own directory, under the peer's path when it gives one. */
export function caseFile(c: Case, k: number): string {
  const rel = c.path ? normalize(c.path).replace(/^(\.\.[/\\])+/, '').replace(/^[/\\]+/, '') : 'case.txt';
  return join(String(k), rel || 'case.txt');
}

export function writeCases(dir: string, cases: readonly Case[]): void {
  cases.forEach((c, k) => {
    const file = join(dir, caseFile(c, k));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, c.text);
  });
}

interface Report {
  secrets: Array<{ ruleId: string; confidence: string; occurrences: Array<{ path: string }> }>;
}

/** One CLI scan of `dir`; verdicts indexed like `cases`. */
export function scanCases(cli: string, dir: string, count: number): Verdict[] {
  // A fingerprint key makes fingerprints cheap HMACs: thousands of synthetic secrets, no scrypt cost.
  const env = { ...process.env, KEYWARDEN_FINGERPRINT_KEY: 'keywarden-peers-eval-key' };
  const r = spawnSync(process.execPath, [cli, 'scan', '.', '--format', 'json', '--no-ignore', '--no-color'], { cwd: dir, env, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.error) throw r.error;
  if (r.status !== 0 && r.status !== 1) throw new Error(`keywarden exited with ${r.status}: ${r.stderr.slice(0, 2000)}`);
  const report = JSON.parse(r.stdout) as Report;
  const verdicts: Verdict[] = Array.from({ length: count }, () => ({ rules: [] }));
  for (const s of report.secrets) {
    for (const o of s.occurrences) verdicts[Number(o.path.split('/')[0])]?.rules.push({ ruleId: s.ruleId, confidence: s.confidence });
  }
  return verdicts;
}

let explainer: ReturnType<typeof compileRuleSet> | undefined;

/** Why the core detector reports nothing for `c` (its skip counters), e.g. `placeholder×2, low-entropy`. */
export function explainMiss(c: Case, k: number): string {
  explainer ??= compileRuleSet(builtinRuleSpecs());
  const skipped: SkipCounter = {};
  const found = detectFragment({ text: c.text, path: caseFile(c, k).split('\\').join('/') }, explainer, skipped);
  if (found.length) countSkip(skipped, 'duplicate', 0);
  const parts = Object.entries(skipped).filter(([, n]) => n).map(([r, n]) => (n === 1 ? r : `${r}×${n}`));
  if (found.length) parts.unshift(`core finds ${found.map((f) => f.ruleId).join(',')} (dropped after detection)`);
  return parts.length ? parts.join(', ') : 'no rule matched';
}
