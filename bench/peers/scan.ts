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
  /**
   * Rule ids and confidences reported in the case's file (empty = nothing reported), as the report
   * gives them: a value's rule, which for a value that several cases share may be another case's.
   * Kept to show where the report's grouping differs; nothing is scored from it.
   */
  rules: Array<{ ruleId: string; confidence: string }>;
  /** The same places attributed to the finding at each one in this case: what scoring (hits, doubtful labels) and the lists read. */
  own: Array<{ ruleId: string; confidence: string }>;
}

/** The rules a case is scored by (hit or not, doubtful label): its own, never another case's. */
export function scoredRules(v: Verdict): Verdict['own'] {
  return v.own;
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

/** The parts of the JSON report the evaluation reads. */
export interface Report {
  secrets: Array<{ ruleId: string; confidence: string; occurrences: Array<{ path: string; line: number; column: number }> }>;
}

/** A finding of the core detector in one case: its rule, and where it starts. */
export interface Located {
  ruleId: string;
  confidence: string;
  line: number;
  column: number;
}

/** One CLI scan of `dir`; verdicts indexed like `cases`. */
export function scanCases(cli: string, dir: string, cases: readonly Case[]): Verdict[] {
  // A fingerprint key makes fingerprints cheap HMACs: thousands of synthetic secrets, no scrypt cost.
  const env = { ...process.env, KEYWARDEN_FINGERPRINT_KEY: 'keywarden-peers-eval-key' };
  const r = spawnSync(process.execPath, [cli, 'scan', '.', '--format', 'json', '--no-ignore', '--no-color'], { cwd: dir, env, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.error) throw r.error;
  if (r.status !== 0 && r.status !== 1) throw new Error(`keywarden exited with ${r.status}: ${r.stderr.slice(0, 2000)}`);
  return verdictsOf(JSON.parse(r.stdout) as Report, cases.length, (k) => {
    const c = cases[k];
    return c ? detectCase(c, k) : [];
  });
}

/**
 * Verdicts from a report. The report groups places by secret value, under the rule that reported
 * the value first, so when cases share a value (two peers' tests of one documented sample) that
 * rule is another case's. `own` attributes a case that shares its value to the finding the core
 * detector makes at the occurrence's own place in that case (`locate(k)`), or to the report's rule
 * when the detector makes none there; `rules` keeps the report's. Scoring reads `own`, so each
 * case is judged by its own rule, not by another case's.
 */
export function verdictsOf(report: Report, count: number, locate: (k: number) => readonly Located[]): Verdict[] {
  const verdicts: Verdict[] = Array.from({ length: count }, () => ({ rules: [], own: [] }));
  const located = new Map<number, readonly Located[]>();
  for (const s of report.secrets) {
    const caseOf = (path: string): number => Number(path.split('/')[0]);
    const shared = new Set(s.occurrences.map((o) => caseOf(o.path))).size > 1;
    for (const o of s.occurrences) {
      const k = caseOf(o.path);
      const v = verdicts[k];
      if (!v) continue;
      let own: Located | undefined;
      if (shared) {
        if (!located.has(k)) located.set(k, locate(k));
        const here = (located.get(k) ?? []).filter((f) => f.line === o.line);
        own = here.find((f) => f.column === o.column) ?? here[0];
      }
      const reported = { ruleId: s.ruleId, confidence: s.confidence };
      v.rules.push(reported);
      v.own.push(own ? { ruleId: own.ruleId, confidence: own.confidence } : reported);
    }
  }
  return verdicts;
}

let explainer: ReturnType<typeof compileRuleSet> | undefined;

/** The core detector's findings in case `k`, where they start. */
function detectCase(c: Case, k: number): Located[] {
  explainer ??= compileRuleSet(builtinRuleSpecs());
  return detectFragment({ text: c.text, path: caseFile(c, k).split('\\').join('/') }, explainer);
}

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
