// The one grouping stage: matches → secrets. Every source (directory, staged, diff, history) ends
// here, and nothing else groups by secret. A secret is a value: the matches of one normalised value,
// whatever rules matched it and wherever, become one Secret listing each place once.
import { countSkip, type SkipCounter } from './detect.ts';
import { normaliseSecret } from './fingerprint.ts';
import { secretOf, withSecret } from './match.ts';
import { redact, showsPrefix } from './redact.ts';
import type { Confidence, Match, Occurrence, Rule, Secret } from './types.ts';
import { SEVERITIES } from './types.ts';

/** The fingerprint of a normalised value (see src/core/fingerprint.ts). */
export type FingerprintOf = (value: string) => Promise<string>;

const CONFIDENCE_RANK: Record<Confidence, number> = { high: 2, medium: 1, low: 0 };

/**
 * Groups `matches` (in the order their occurrences should be listed: provenance order for history,
 * else path and line) into secrets. The same value at the same place twice (a file given twice, a
 * merge re-introducing a blob) is one occurrence; each extra is counted as `duplicate`.
 */
export async function groupMatches(matches: readonly Match[], rules: ReadonlyMap<string, Rule>, fingerprintOf: FingerprintOf, skipped: SkipCounter = {}): Promise<Secret[]> {
  const groups = new Map<string, Match[]>();
  for (const m of matches) {
    const value = normaliseSecret(secretOf(m) ?? '');
    const list = groups.get(value);
    if (list) list.push(m);
    else groups.set(value, [m]);
  }
  const secrets = await Promise.all([...groups].map(([value, group]) => toSecret(value, group, rules, fingerprintOf, skipped)));
  return secrets.sort(bySecretOrder);
}

async function toSecret(value: string, group: Match[], rules: ReadonlyMap<string, Rule>, fingerprintOf: FingerprintOf, skipped: SkipCounter): Promise<Secret> {
  const rule = bestRule(group, rules);
  const fingerprint = await fingerprintOf(value);
  const secret: Secret = {
    fingerprint,
    type: rule.playbook,
    ruleId: rule.id,
    ruleName: rule.name,
    severity: rule.severity,
    confidence: group.reduce<Confidence>((c, m) => (CONFIDENCE_RANK[m.confidence] > CONFIDENCE_RANK[c] ? m.confidence : c), 'low'),
    redacted: redact(value, showsPrefix(rule), fingerprint),
    occurrences: occurrencesOf(group, skipped),
  };
  if (group.some((m) => m.inHead !== undefined)) secret.inHead = group.some((m) => m.inHead === true);
  withSecret(secret, value);
  return hideMatchedRules(secret, [...new Set(group.map((m) => m.ruleId))]);
}

/** Each place once, in the order given. */
function occurrencesOf(group: readonly Match[], skipped: SkipCounter): Occurrence[] {
  const seen = new Set<string>();
  const out: Occurrence[] = [];
  for (const m of group) {
    const key = `${m.path}\0${m.line}\0${m.column}\0${m.commit?.sha ?? ''}`;
    if (seen.has(key)) {
      countSkip(skipped, 'duplicate');
      continue;
    }
    seen.add(key);
    const o: Occurrence = { path: m.path, line: m.line, column: m.column, endLine: m.endLine, endColumn: m.endColumn };
    if (m.commit) o.commit = m.commit;
    if (m.blobId) o.blobId = m.blobId;
    if (m.decodedFrom) o.decodedFrom = m.decodedFrom;
    if (m.introOrder !== undefined) o.introOrder = m.introOrder;
    out.push(o);
  }
  return out;
}

/** The rule that names a value best: a provider rule over a generic one, then severity, then id. */
function bestRule(group: readonly Match[], rules: ReadonlyMap<string, Rule>): Rule {
  const candidates = [...new Set(group.map((m) => m.ruleId))].map((id) => {
    const rule = rules.get(id);
    if (!rule) throw new Error(`match of unknown rule ${id}`);
    return rule;
  });
  const rank = (r: Rule): [number, number, string] => [r.generic ? 1 : 0, SEVERITIES.indexOf(r.severity), r.id];
  return candidates.reduce((a, b) => (compareRanks(rank(b), rank(a)) < 0 ? b : a));
}

function compareRanks(a: [number, number, string], b: [number, number, string]): number {
  return a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0);
}

const matchedRules = new WeakMap<Secret, readonly string[]>();

function hideMatchedRules(secret: Secret, ids: readonly string[]): Secret {
  matchedRules.set(secret, ids);
  return secret;
}

/** Every rule id that matched the secret's value (for reading version 1 fingerprints). */
export function matchedRuleIds(secret: Secret): readonly string[] {
  return matchedRules.get(secret) ?? [secret.ruleId];
}

/** Report order: first occurrence's path, line, column; then rule id; then fingerprint. */
export function bySecretOrder(a: Secret, b: Secret): number {
  const x = a.occurrences[0];
  const y = b.occurrences[0];
  return cmp(x?.path ?? '', y?.path ?? '') || (x?.line ?? 0) - (y?.line ?? 0) || (x?.column ?? 0) - (y?.column ?? 0) || cmp(a.ruleId, b.ruleId) || cmp(a.fingerprint, b.fingerprint);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
