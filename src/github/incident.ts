// Incident issues: one open issue per scan context (a branch, the nightly history scan) listing every
// leaked secret with the steps for its type. No duplicates and no noise:
//   - a secret already in an open keywarden issue is not reported again (new places are merged silently);
//   - a secret whose issue was closed is not re-reported unless it shows up at a path not seen before;
//   - new secrets go into the open issue of the context, with one comment saying what is new;
//   - past `maxSecrets`, secrets are counted by type instead of listed (every type keeps one entry).
import type { Secret } from '../core/types.ts';
import { severityRank } from '../core/types.ts';
import { renderIncidentMarkdown } from '../playbook/incident.ts';
import { codeSpan, escapeText } from '../playbook/markdown.ts';
import type { PlaybookSet } from '../playbook/types.ts';
import type { GitHubClient, RepoRef } from './client.ts';
import { addCounted, addListed, coveredKey, coveredPaths, decodeState, encodeState, pathHash, pathsOf, stateFor, storedSecrets, type IncidentState } from './incident-state.ts';
import { commentOnIssue, createIssue, labelNames, listLabelledIssues, updateIssue, type Issue } from './issues.ts';

/** Labels on every incident issue; the first one is how issues are found again. */
export const INCIDENT_LABELS: [string, ...string[]] = ['keywarden', 'secret-leak'];
/** GitHub rejects issue and comment bodies over 65,536 characters. */
const MAX_BODY = 65_000;
/** Secrets listed in full at most, whatever `max-issue-secrets` says: their state and checklist must fit the body. */
export const MAX_LISTED = 200;

/** Where and how to track incidents. */
export interface IncidentOptions {
  repo: RepoRef;
  /** The scan context that owns one issue: `history`, `branch:main`, `pr:7`. */
  context: string;
  playbooks: PlaybookSet;
  /** Secrets listed in full per issue. */
  maxSecrets: number;
  assignees?: string[];
  /** Link to the workflow run, quoted in the update comment. */
  runUrl?: string;
}

/** What `syncIncident` did. */
export interface IncidentOutcome {
  action: 'created' | 'updated' | 'unchanged' | 'none';
  issue?: { number: number; url: string };
  /** Secrets this run added to the tracker. */
  added: number;
  /** Their fingerprints; every other secret of the run was tracked already. */
  freshFingerprints: string[];
  /** Secrets not re-reported: their issue was closed and they are where they were. */
  suppressed: number;
  warnings: string[];
}

/** Human name of a context: `the git history`, `branch main`, `pull request #7`, `the git history of acme/app`. */
export function contextLabel(context: string): string {
  // Tracked in another repository (incident-repo): the scanned repository's name comes first.
  const other = /^([^/:\s]+\/[^/:\s]+):(.+)$/.exec(context);
  if (other?.[1] && other[2]) return `${contextLabel(other[2])} of ${other[1]}`;
  if (context === 'history') return 'the git history';
  const [kind, name] = [context.slice(0, context.indexOf(':')), context.slice(context.indexOf(':') + 1)];
  return kind === 'pr' ? `pull request #${name}` : `branch ${name}`;
}

/** Worst severity first, then rule id. */
function bySeverity(secrets: readonly Secret[]): Secret[] {
  const rank = (s: Secret): number => severityRank(s.severity);
  return [...secrets].sort((a, b) => rank(a) - rank(b) || a.ruleId.localeCompare(b.ruleId));
}

interface Tracked {
  issue: Issue;
  state: IncidentState;
}

/** Splits this run's secrets into those to merge into the own issue, new ones, and the rest. */
function classify(secrets: readonly Secret[], own: Tracked | undefined, others: Tracked[]): { known: Secret[]; fresh: Secret[]; suppressed: number } {
  const ownFps = own ? coveredPaths(own.state) : new Map<string, Set<string>>();
  const openElsewhere = new Set(others.filter((t) => t.issue.state === 'open').flatMap((t) => [...coveredPaths(t.state).keys()]));
  const closed = new Map<string, Set<string>>();
  for (const t of others.filter((x) => x.issue.state === 'closed')) {
    for (const [fp, paths] of coveredPaths(t.state)) closed.set(fp, new Set([...(closed.get(fp) ?? []), ...paths]));
  }
  const out = { known: [] as Secret[], fresh: [] as Secret[], suppressed: 0 };
  const elsewhere = new Map([...openElsewhere].map((fp) => [fp, true]));
  for (const s of secrets) {
    const fp = s.fingerprint;
    const closedKey = coveredKey(closed, fp);
    if (coveredKey(ownFps, fp)) out.known.push(s);
    else if (coveredKey(elsewhere, fp)) continue;
    else if (closedKey && pathsOf(s).every((p) => closed.get(closedKey)?.has(pathHash(p)))) out.suppressed++;
    else out.fresh.push(s);
  }
  return out;
}

/** Adds new secrets to `state`: one listed per type not yet listed, then by severity up to `max`. */
function addFresh(state: IncidentState, fresh: readonly Secret[], max: number): void {
  const listedTypes = new Set(state.secrets.map((s) => s.pb));
  const rest: Secret[] = [];
  for (const s of fresh) {
    if (listedTypes.has(s.type)) rest.push(s);
    else {
      listedTypes.add(s.type);
      addListed(state, s);
    }
  }
  const cap = Math.min(max, MAX_LISTED);
  for (const f of rest) (state.secrets.length < cap || state.secrets.some((s) => s.fp === f.fingerprint) ? addListed : addCounted)(state, f);
}

function typeTitle(id: string, set: PlaybookSet, fallback?: string): string {
  return set.playbooks.find((p) => p.id === id)?.title ?? fallback ?? id;
}

/** Secret counts by type, most first. */
function typeCounts(state: IncidentState, set: PlaybookSet): [string, number][] {
  const counts = new Map<string, number>();
  for (const s of state.secrets) counts.set(typeTitle(s.pb, set, s.name), (counts.get(typeTitle(s.pb, set, s.name)) ?? 0) + 1);
  for (const c of Object.values(state.more)) counts.set(typeTitle(c.pb, set), (counts.get(typeTitle(c.pb, set)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** "Leaked secrets: 3 (AWS access key, GitHub token, Password) in the git history". */
export function incidentIssueTitle(state: IncidentState, set: PlaybookSet): string {
  const types = typeCounts(state, set).map(([t]) => t);
  const n = state.secrets.length + Object.keys(state.more).length;
  const shown = types.length > 3 ? `${types.slice(0, 2).join(', ')} and ${types.length - 2} more types` : types.join(', ');
  const where = contextLabel(state.context);
  return n === 1 ? `Leaked secret: ${shown} in ${where}` : `Leaked secrets: ${n} (${shown}) in ${where}`;
}

/** Ticks `- [x]` again on the checklist items of fingerprints ticked in the previous body. */
function keepTicks(body: string, previous: string | null | undefined): string {
  const ticked = new Set([...(previous ?? '').matchAll(/^- \[[xX]\] .*\n\s+- fingerprint `([0-9a-z]+)`/gm)].map((m) => m[1]));
  return body.replace(/^- \[ \] (.*\n\s+- fingerprint `([0-9a-z]+)`)/gm, (all, rest: string, fp: string) => (ticked.has(fp) ? `- [x] ${rest}` : all));
}

/** The issue body for `state`: hidden state, context line, counted overflow, then the incident report. */
export function incidentIssueBody(state: IncidentState, set: PlaybookSet, previous?: string | null): string {
  const marker = encodeState(state);
  const counted = Object.keys(state.more).length;
  const intro = [`Found by keywarden in ${escapeText(contextLabel(state.context))}. Values are redacted; nothing here is usable as a credential.`];
  if (counted) {
    const byType = new Map<string, number>();
    for (const c of Object.values(state.more)) byType.set(typeTitle(c.pb, set), (byType.get(typeTitle(c.pb, set)) ?? 0) + 1);
    const list = [...byType].sort((a, b) => b[1] - a[1]).map(([t, n]) => `${n} × ${escapeText(t)}`).join(', ');
    intro.push('', `> **${state.secrets.length + counted} secrets.** The ${state.secrets.length} listed below include every type; ${counted} more are counted, not listed: ${list}. The SARIF file of the run lists them all.`);
  }
  const head = `${marker}\n${intro.join('\n')}\n\n`;
  const report = renderIncidentMarkdown(storedSecrets(state), set, { heading: false, maxLength: MAX_BODY - head.length });
  return keepTicks(head + report, previous);
}

/** The one comment posted when new secrets join an open issue. */
function updateComment(fresh: readonly Secret[], state: IncidentState, set: PlaybookSet, runUrl?: string): string {
  const n = fresh.length;
  // At most 20 lines, and within the body limit whatever the paths' length.
  const lines: string[] = [];
  let room = MAX_BODY - 2_000;
  for (const f of fresh.slice(0, 20)) {
    const at = f.occurrences[0];
    const more = f.occurrences.length > 1 ? ` and ${f.occurrences.length - 1} more place${f.occurrences.length === 2 ? '' : 's'}` : '';
    const line = `- **${escapeText(typeTitle(f.type, set, f.ruleName))}**: ${escapeText(f.ruleName)} (${codeSpan(f.ruleId)}, ${f.severity}) ${codeSpan(f.redacted)} at ${codeSpan(`${at?.path ?? ''}:${at?.line ?? 0}`)}${more}`;
    if (line.length + 1 > room) break;
    room -= line.length + 1;
    lines.push(line);
  }
  if (n > lines.length) lines.push(`- …and ${n - lines.length} more`);
  const run = runUrl ? ` ([run](${runUrl}))` : '';
  const listed = fresh.filter((f) => state.secrets.some((s) => s.fp === f.fingerprint)).length;
  const where =
    listed === n
      ? `The checklist above now lists ${n === 1 ? 'it' : 'them'}, with the steps for each type.`
      : `The checklist above lists ${listed} of them; ${n - listed} ${n - listed === 1 ? 'is' : 'are'} counted at the top (over \`max-issue-secrets\`).`;
  return [`**${n} new secret${n === 1 ? '' : 's'}** found${run}:`, '', ...lines, '', `${where} Revoke and rotate first.`].join('\n');
}

/** Opens, updates or leaves alone the incident issue of `options.context` for this run's secrets. */
export async function syncIncident(client: GitHubClient, secrets: readonly Secret[], options: IncidentOptions): Promise<IncidentOutcome> {
  const tracked = (await listLabelledIssues(client, options.repo, INCIDENT_LABELS[0]))
    .map((issue) => ({ issue, state: decodeState(issue.body) }))
    .filter((t): t is Tracked => t.state !== undefined);
  const own = tracked.find((t) => t.issue.state === 'open' && t.state.context === options.context);
  const { known, fresh, suppressed } = classify(bySeverity(secrets), own, tracked.filter((t) => t !== own));
  const outcome: IncidentOutcome = { action: 'none', added: fresh.length, freshFingerprints: fresh.map((s) => s.fingerprint), suppressed, warnings: [] };
  if (!own) {
    if (!fresh.length) return outcome;
    const state = stateFor(options.context, []);
    addFresh(state, fresh, options.maxSecrets);
    const issue = await createIssue(client, options.repo, { title: incidentIssueTitle(state, options.playbooks), body: incidentIssueBody(state, options.playbooks), labels: INCIDENT_LABELS, assignees: options.assignees });
    if (!labelNames(issue).includes(INCIDENT_LABELS[0])) outcome.warnings.push(`issue #${issue.number} was created without the "${INCIDENT_LABELS[0]}" label (the token may not set labels); later runs cannot find it and may open another`);
    return { ...outcome, action: 'created', issue: { number: issue.number, url: issue.html_url } };
  }
  const ref = { number: own.issue.number, url: own.issue.html_url };
  let changed = false;
  for (const f of known) changed = (own.state.secrets.some((s) => s.fp === f.fingerprint) ? addListed : addCounted)(own.state, f) || changed;
  addFresh(own.state, fresh, options.maxSecrets);
  if (!changed && !fresh.length) return { ...outcome, action: 'unchanged', issue: ref };
  const body = incidentIssueBody(own.state, options.playbooks, own.issue.body);
  await updateIssue(client, options.repo, own.issue.number, { title: incidentIssueTitle(own.state, options.playbooks), body });
  if (fresh.length) await commentOnIssue(client, options.repo, own.issue.number, updateComment(fresh, own.state, options.playbooks, options.runUrl));
  return { ...outcome, action: 'updated', issue: ref };
}
