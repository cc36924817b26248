// Scoring: matches a tool's findings to the answer key by file and line. A finding on a planted
// secret's lines is a true positive (a second one on the same secret is a duplicate, not counted);
// any other finding is a false alarm, classified by the decoy it hit.
import type { Answers, PlantedSecret } from './answers.ts';

/** A finding of any tool, normalised. Lines are 1-based, `endLine` inclusive. */
export interface ToolFinding {
  file: string;
  line: number;
  endLine: number;
  /** keywarden: rule id; secretlint: `rule:messageId`. */
  type: string;
  redacted: string;
  /** keywarden only: compared with the answer key's expected fingerprint. */
  fingerprint?: string;
}

/** Counts for one type (a rule id of the answer key). */
export interface TypeScore {
  planted: number;
  tp: number;
  fn: number;
  /** False alarms reported under this type (keywarden only: the types are its rule ids). */
  fp: number;
}

/** The score of one tool on the corpus. */
export interface Score {
  tool: string;
  planted: number;
  tp: number;
  fp: number;
  fn: number;
  duplicates: number;
  /** True positives reported under another rule than the planted one (typed tools only). */
  mismatches: { secret: PlantedSecret; finding: ToolFinding }[];
  /** True positives whose fingerprint equals the expected one: exact secret, expected rule. */
  exact: number;
  perType: Map<string, TypeScore>;
  falseAlarms: { finding: ToolFinding; category: string }[];
  misses: PlantedSecret[];
}

/** Precision, recall and F1 of a score (1 when the denominator is empty). */
export function rates(s: { tp: number; fp: number; fn: number }): { precision: number; recall: number; f1: number } {
  const precision = s.tp + s.fp ? s.tp / (s.tp + s.fp) : 1;
  const recall = s.tp + s.fn ? s.tp / (s.tp + s.fn) : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

function decoyIndex(answers: Answers): (file: string, line: number) => string {
  const lines = new Map(answers.decoys.map((d) => [`${d.file}\0${d.line}`, d.category]));
  const files = new Map(answers.decoyFiles.map((d) => [d.file, d.category]));
  return (file, line) => lines.get(`${file}\0${line}`) ?? files.get(file) ?? 'filler';
}

/** Scores `findings` against `answers`. `typed`: the finding types are rule ids comparable with the key's. */
export function scoreFindings(tool: string, answers: Answers, findings: readonly ToolFinding[], typed: boolean): Score {
  const byFile = new Map<string, PlantedSecret[]>();
  for (const s of answers.secrets) byFile.set(s.file, [...(byFile.get(s.file) ?? []), s]);
  const perType = new Map<string, TypeScore>();
  const typeOf = (t: string): TypeScore => {
    let ts = perType.get(t);
    if (!ts) perType.set(t, (ts = { planted: 0, tp: 0, fn: 0, fp: 0 }));
    return ts;
  };
  for (const s of answers.secrets) typeOf(s.ruleId).planted++;
  const matched = new Set<PlantedSecret>();
  const category = decoyIndex(answers);
  const score: Score = { tool, planted: answers.secrets.length, tp: 0, fp: 0, fn: 0, duplicates: 0, mismatches: [], exact: 0, perType, falseAlarms: [], misses: [] };
  const take = (f: ToolFinding, hit: PlantedSecret): void => {
    matched.add(hit);
    score.tp++;
    typeOf(hit.ruleId).tp++;
    if (typed && hit.ruleId !== f.type) score.mismatches.push({ secret: hit, finding: f });
    if (f.fingerprint && f.fingerprint === hit.fingerprint && f.type === hit.ruleId) score.exact++;
  };
  const overlapping = (f: ToolFinding): PlantedSecret[] => (byFile.get(f.file) ?? []).filter((s) => s.line <= f.endLine && f.line <= s.endLine);
  // Pass 1: findings of the planted type claim their secrets first, so that the order of findings
  // on a line never turns a correct finding into a duplicate and a wrong one into the match.
  const rest: ToolFinding[] = [];
  for (const f of findings) {
    const hit = typed ? overlapping(f).find((s) => !matched.has(s) && s.ruleId === f.type) : undefined;
    if (hit) take(f, hit);
    else rest.push(f);
  }
  for (const f of rest) {
    const here = overlapping(f);
    const hit = here.find((s) => !matched.has(s));
    if (hit) take(f, hit);
    else if (here.length) score.duplicates++;
    else {
      score.fp++;
      if (typed) typeOf(f.type).fp++;
      score.falseAlarms.push({ finding: f, category: category(f.file, f.line) });
    }
  }
  for (const s of answers.secrets) {
    if (matched.has(s)) continue;
    score.fn++;
    typeOf(s.ruleId).fn++;
    score.misses.push(s);
  }
  return score;
}
