// Finds the playbook for what a user typed (a playbook id or a rule id), and suggests near misses.
import type { RuleSpec } from '../core/types.ts';
import type { Playbook } from './types.ts';

/**
 * The playbook named by `idOrRuleId`: a playbook id first, else the `playbook` of the rule with that id.
 * Case and surrounding spaces are ignored. `undefined` when neither matches.
 */
export function playbookFor(
  idOrRuleId: string,
  playbooks: readonly Playbook[],
  ruleSpecs: readonly Pick<RuleSpec, 'id' | 'playbook'>[],
): Playbook | undefined {
  const key = idOrRuleId.trim().toLowerCase();
  const direct = playbooks.find((p) => p.id === key);
  if (direct) return direct;
  const rule = ruleSpecs.find((r) => r.id === key);
  return rule ? playbooks.find((p) => p.id === rule.playbook) : undefined;
}

/** Levenshtein distance (insert, delete, substitute all cost 1). */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** How far `query` is from `candidate`: containment (`vault` in `hashicorp-vault`) counts as close. */
function distance(query: string, candidate: string): number {
  if (candidate.startsWith(query) || query.startsWith(candidate)) return 0.5;
  if (candidate.includes(query) || query.includes(candidate)) return 1;
  return editDistance(query, candidate);
}

/** The `limit` candidates closest to `query`, nearest first, ties in alphabetical order. */
export function closestIds(query: string, candidates: Iterable<string>, limit = 3): string[] {
  const key = query.trim().toLowerCase();
  return [...new Set(candidates)]
    .map((id) => ({ id, d: distance(key, id) }))
    .sort((x, y) => x.d - y.d || x.id.localeCompare(y.id))
    .slice(0, limit)
    .map((x) => x.id);
}
