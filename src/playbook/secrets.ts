// Findings → distinct secrets for the incident report: one entry per fingerprint, with every place it
// was seen, the earliest commit known, and whether it is still at HEAD. No raw values: `redacted` only.
import { severityRank, type CommitInfo, type Finding, type Severity } from '../core/types.ts';

/** One place a secret was seen. */
export interface SecretLocation {
  path: string;
  line: number;
  commit?: CommitInfo;
}

/** One distinct secret (one fingerprint), merged from every finding that carries it. */
export interface LeakedSecret {
  fingerprint: string;
  ruleId: string;
  ruleName: string;
  severity: Severity;
  redacted: string;
  playbook: string;
  /** Distinct occurrences, in the order first seen. */
  locations: SecretLocation[];
  /** true = still at HEAD, false = history only, undefined = not known (not a history scan). */
  inHead?: boolean;
  /** The commit with the earliest date among all occurrences (else the first finding's commit). */
  firstCommit?: CommitInfo;
}

function locationsOf(f: Finding): SecretLocation[] {
  const own = f.occurrences?.length ? f.occurrences : [f];
  return own.map((o) => (o.commit ? { path: o.path, line: o.line, commit: o.commit } : { path: o.path, line: o.line }));
}

/** The commit with the earlier parseable date (the first one when neither or only it has a date). */
export function earliest(a: CommitInfo | undefined, b: CommitInfo | undefined): CommitInfo | undefined {
  if (!a || !b) return a ?? b;
  const ta = Date.parse(a.date ?? '');
  const tb = Date.parse(b.date ?? '');
  if (Number.isNaN(tb)) return a;
  return Number.isNaN(ta) || tb < ta ? b : a;
}

function merge(into: LeakedSecret, f: Finding): void {
  const seen = new Set(into.locations.map((l) => `${l.path}:${l.line}:${l.commit?.sha ?? ''}`));
  for (const loc of locationsOf(f)) {
    const key = `${loc.path}:${loc.line}:${loc.commit?.sha ?? ''}`;
    if (!seen.has(key)) into.locations.push(loc);
    seen.add(key);
    into.firstCommit = earliest(into.firstCommit, loc.commit);
  }
  into.firstCommit = earliest(into.firstCommit, f.commit);
  if (f.inHead === true) into.inHead = true;
  else if (f.inHead === false && into.inHead === undefined) into.inHead = false;
}

/** Distinct secrets, worst severity first, then by rule id and first location. */
export function distinctSecrets(findings: readonly Finding[]): LeakedSecret[] {
  const byFingerprint = new Map<string, LeakedSecret>();
  for (const f of findings) {
    let s = byFingerprint.get(f.fingerprint);
    if (!s) {
      s = { fingerprint: f.fingerprint, ruleId: f.ruleId, ruleName: f.ruleName, severity: f.severity, redacted: f.redacted, playbook: f.playbook, locations: [] };
      byFingerprint.set(f.fingerprint, s);
    }
    merge(s, f);
  }
  const rank = (s: LeakedSecret): number => severityRank(s.severity);
  const where = (s: LeakedSecret): string => `${s.locations[0]?.path ?? ''}:${String(s.locations[0]?.line ?? 0).padStart(9, '0')}`;
  return [...byFingerprint.values()].sort(
    (a, b) => rank(a) - rank(b) || a.ruleId.localeCompare(b.ruleId) || where(a).localeCompare(where(b)) || a.fingerprint.localeCompare(b.fingerprint),
  );
}
