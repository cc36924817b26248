// Secrets in the order people read them: worst severity first, grouped by secret type. The job summary
// and the HTML report list secrets this way; both take the order from here.
import { severityRank, type Secret, type Severity } from '../core/types.ts';

/** The secrets of one type, worst first. */
export interface TypeGroup {
  /** The grouping key: the playbook id unless the caller groups by something else (e.g. the title). */
  key: string;
  secrets: Secret[];
  /** The worst severity among `secrets`. */
  worst: Severity;
}

/** Secrets worst severity first (stable: the scan's order within a severity). */
export function bySeverity(secrets: readonly Secret[]): Secret[] {
  return [...secrets].sort((a, b) => severityRank(a.severity) - severityRank(b.severity));
}

/** Groups secrets by `keyOf` (default: the type, i.e. playbook id): the worst type first, ties in scan order. */
export function groupByType(secrets: readonly Secret[], keyOf: (s: Secret) => string = (s) => s.type): TypeGroup[] {
  const groups = new Map<string, Secret[]>();
  for (const s of bySeverity(secrets)) {
    const key = keyOf(s);
    const list = groups.get(key);
    if (list) list.push(s);
    else groups.set(key, [s]);
  }
  // Sorted worst first already, so each group's first secret carries its worst severity.
  return [...groups].map(([key, list]) => ({ key, secrets: list, worst: list[0]?.severity ?? 'low' }));
}
