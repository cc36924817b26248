// The incident report for a set of secrets, as Markdown (a GitHub issue body, a file, a ticket):
// a checklist item per secret (wherever it was seen), one section of steps per secret type, then the
// common timeline. Pure. Never shows a raw secret: only `secret.redacted` and the fingerprint.
import { SEVERITIES, type CommitInfo, type Occurrence, type Secret } from '../core/types.ts';
import { codeSpan, escapeText, linkList, numbered } from './markdown.ts';
import type { CommonPlaybook, Playbook, PlaybookSet } from './types.ts';

/** Options for `renderIncidentMarkdown`. */
export interface IncidentOptions {
  /** Upper bound on the length in characters (GitHub issue bodies allow 65,536). Default: 60,000. */
  maxLength?: number;
  /** Locations listed per secret before "…and N more". Default: 5. */
  maxLocations?: number;
  /** Start with a `# title` heading; turn off when the title goes in an issue's title field. Default: true. */
  heading?: boolean;
}

/** Playbook used for findings whose playbook id has no file (custom rules). */
export const FALLBACK_PLAYBOOK = 'generic-api-token';
const MARKER_RE = /<!-- keywarden:incident fingerprints=([0-9a-z,]*) -->/;

/** The hidden marker that identifies an incident by the fingerprints it covers (sorted, distinct). */
export function incidentMarker(fingerprints: Iterable<string>): string {
  const fps = [...new Set(fingerprints)].map((f) => f.toLowerCase().replace(/[^0-9a-z]/g, '')).filter(Boolean).sort();
  return `<!-- keywarden:incident fingerprints=${fps.join(',')} -->`;
}

/** The fingerprints in a body's incident marker; empty when there is none. */
export function parseIncidentMarker(body: string): string[] {
  return MARKER_RE.exec(body)?.[1]?.split(',').filter(Boolean) ?? [];
}

function playbookOf(id: string, set: PlaybookSet): Playbook | undefined {
  return set.playbooks.find((p) => p.id === id) ?? set.playbooks.find((p) => p.id === FALLBACK_PLAYBOOK);
}

function typeTitle(s: Secret, set: PlaybookSet): string {
  return playbookOf(s.type, set)?.title ?? s.ruleName;
}

/** The commit with the earlier parseable date (the first one when neither or only it has a date). */
export function earliest(a: CommitInfo | undefined, b: CommitInfo | undefined): CommitInfo | undefined {
  if (!a || !b) return a ?? b;
  const ta = Date.parse(a.date ?? '');
  const tb = Date.parse(b.date ?? '');
  if (Number.isNaN(tb)) return a;
  return Number.isNaN(ta) || tb < ta ? b : a;
}

/** The earliest commit among a secret's occurrences. */
function firstCommit(s: Secret): CommitInfo | undefined {
  return s.occurrences.reduce<CommitInfo | undefined>((c, o) => earliest(c, o.commit), undefined);
}

/** Worst severity first, then rule id, then first place. */
function incidentOrder(secrets: readonly Secret[]): Secret[] {
  const rank = (s: Secret): number => SEVERITIES.indexOf(s.severity);
  const where = (s: Secret): string => `${s.occurrences[0]?.path ?? ''}:${String(s.occurrences[0]?.line ?? 0).padStart(9, '0')}`;
  return [...secrets].sort((a, b) => rank(a) - rank(b) || a.ruleId.localeCompare(b.ruleId) || where(a).localeCompare(where(b)) || a.fingerprint.localeCompare(b.fingerprint));
}

/** "Leaked secret: AWS access key" / "Leaked secrets: 4 (AWS access key, Password and 2 more types)". */
export function incidentTitle(secrets: readonly Secret[], set: PlaybookSet): string {
  const types = [...new Set(secrets.map((s) => typeTitle(s, set)))];
  if (secrets.length === 0) return 'Leaked secrets: none';
  if (secrets.length === 1) return `Leaked secret: ${types[0]}`;
  const shown = types.length > 3 ? `${types.slice(0, 2).join(', ')} and ${types.length - 2} more types` : types.join(', ');
  return `Leaked secrets: ${secrets.length} (${shown})`;
}

function commitRef(c: { sha: string; date?: string }): string {
  const sha = /^[0-9a-f]{7,64}$/i.test(c.sha) ? c.sha.slice(0, 12) : codeSpan(c.sha);
  const day = /^\d{4}-\d{2}-\d{2}/.exec(c.date ?? '')?.[0];
  return day ? `${sha} (${day})` : sha;
}

/** Distinct `path:line` with the earliest commit seen there, at most `max`, then "…and N more". */
function locationList(locations: readonly Occurrence[], max: number): string {
  const byPlace = new Map<string, Occurrence>();
  for (const l of locations) {
    const key = `${l.path}:${l.line}`;
    const seen = byPlace.get(key);
    if (!seen || (l.commit && earliest(seen.commit, l.commit) === l.commit)) byPlace.set(key, l);
  }
  const places = [...byPlace.values()];
  const shown = places.slice(0, max).map((l) => `${codeSpan(`${l.path}:${l.line}`)}${l.commit ? ` in ${commitRef(l.commit)}` : ''}`);
  if (places.length > max) shown.push(`…and ${places.length - max} more`);
  return shown.join(', ');
}

/** One checklist item per secret: a secret in three files is one item listing three places. */
function checklistItem(s: Secret, set: PlaybookSet, maxLocations: number): string {
  const facts = [`fingerprint ${codeSpan(s.fingerprint)}`, `${s.occurrences.length} occurrence${s.occurrences.length === 1 ? '' : 's'}`];
  if (s.inHead !== undefined) facts.push(s.inHead ? '**still in HEAD**' : 'history only');
  const first = firstCommit(s);
  if (first) facts.push(`first commit ${commitRef(first)}`);
  return [
    `- [ ] **${escapeText(typeTitle(s, set))}**: ${escapeText(s.ruleName)} (${codeSpan(s.ruleId)}, ${s.severity}) ${codeSpan(s.redacted)}`,
    `  - ${facts.join(' · ')}`,
    `  - ${locationList(s.occurrences, maxLocations)}`,
  ].join('\n');
}

function stepsBlock(title: string, steps: readonly string[] | undefined): string[] {
  return steps?.length ? [`**${title}**`, '', numbered(steps), ''] : [];
}

/** "Playbook `x` (Provider), for N secrets above." plus a note on ids that fell back to this playbook. */
function sectionIntro(p: Playbook, list: readonly Secret[]): string {
  const missing = [...new Set(list.map((s) => s.type).filter((id) => id !== p.id))];
  const note = missing.length ? ` No playbook exists for ${missing.map(codeSpan).join(', ')}: these steps are the generic fallback.` : '';
  return `Playbook ${codeSpan(p.id)} (${escapeText(p.provider)}), for ${list.length} secret${list.length === 1 ? '' : 's'} above.${note}`;
}

/** The full section for one secret type: what it grants, then minutes and hour steps. */
function typeSection(p: Playbook, list: readonly Secret[], common: CommonPlaybook): string {
  return [
    `## ${escapeText(p.title)}`,
    '',
    sectionIntro(p, list),
    '',
    `**What it grants.** ${p.grants}`,
    '',
    `**Blast radius.** ${p.blastRadius}`,
    '',
    '### Within minutes',
    '',
    ...stepsBlock('Revoke', p.revoke),
    `**Rotate** (${p.rotate.pattern}): ${common.patterns[p.rotate.pattern]}`,
    '',
    numbered(p.rotate.steps),
    '',
    ...stepsBlock('Verify the old value is dead', p.verify),
    '### Within the hour',
    '',
    ...stepsBlock('Audit for misuse', p.audit),
    ...stepsBlock('Notes for the history clean-up', p.history),
    `References: ${linkList(p.references)}`,
  ].join('\n');
}

/** The section without steps, used when the full one does not fit the size limit. */
function compactSection(p: Playbook, list: readonly Secret[]): string {
  return [
    `## ${escapeText(p.title)}`,
    '',
    `${sectionIntro(p, list)} Steps left out to fit the size limit: run ${codeSpan(`keywarden playbook ${p.id}`)}.`,
    '',
    `References: ${linkList(p.references)}`,
  ].join('\n');
}

function commonSection(c: CommonPlaybook): string {
  return [
    '## Then, for every secret',
    '',
    '### Within the hour',
    '',
    numbered(c.withinHour),
    '',
    '### Within the day',
    '',
    ...stepsBlock('Measure the exposure', c.exposure),
    ...stepsBlock('Clean the history, only after every secret above is rotated', c.history),
    ...stepsBlock('Record and notify', c.record),
    `References: ${linkList(c.references)}`,
  ].join('\n');
}

/** Secrets grouped by the playbook that covers them, in the order of their worst secret. */
function byPlaybook(secrets: readonly Secret[], set: PlaybookSet): Map<Playbook | undefined, Secret[]> {
  const groups = new Map<Playbook | undefined, Secret[]>();
  for (const s of secrets) {
    const p = playbookOf(s.type, set);
    groups.set(p, [...(groups.get(p) ?? []), s]);
  }
  return groups;
}

/** The incident report for `secrets` (any number). */
export function renderIncidentMarkdown(reported: readonly Secret[], set: PlaybookSet, options: IncidentOptions = {}): string {
  const maxLength = options.maxLength ?? 60_000;
  const secrets = incidentOrder(reported);
  const occurrences = secrets.reduce((n, s) => n + s.occurrences.length, 0);
  const groups = byPlaybook(secrets, set);
  const head = [
    incidentMarker(secrets.map((s) => s.fingerprint)),
    ...(options.heading === false ? [] : [`# ${escapeText(incidentTitle(secrets, set))}`]),
    '',
    `keywarden found **${secrets.length} distinct secret${secrets.length === 1 ? '' : 's'}** (${occurrences} occurrence${occurrences === 1 ? '' : 's'}) of ${groups.size} type${groups.size === 1 ? '' : 's'}. Treat each as compromised, even in history only: revoke and rotate first, audit next, clean the history last. Values are redacted (a provider prefix at most, the length, a fingerprint tag); the fingerprint names a secret across scans and cannot be reversed.`,
    '',
    '## Checklist',
    '',
    'Tick a secret once it is revoked, replaced and verified dead.',
    '',
    '',
  ].join('\n');
  const tail = `\n\n${commonSection(set.common)}\n\n---\n<sub>Opened by keywarden. The steps for one type in a terminal: ${codeSpan('keywarden playbook ID')}.</sub>\n`;
  return assemble(head, tail, maxLength, {
    items: secrets.map((s) => checklistItem(s, set, options.maxLocations ?? 5)),
    full: [...groups].map(([p, list]) => (p ? typeSection(p, list, set.common) : missingSection(list))),
    compact: [...groups].map(([p, list]) => (p ? compactSection(p, list) : missingSection(list))),
  });
}

function missingSection(list: readonly Secret[]): string {
  const first = list[0];
  return `## ${escapeText(first?.ruleName ?? 'Unknown type')}\n\nNo playbook ${codeSpan(first?.type ?? '')} is installed; follow the common steps below.`;
}

/**
 * Fits the parts under `maxLength`: compact sections first, then checklist items (up to half the
 * room), then full sections in order, then the remaining items; what does not fit is counted.
 */
function assemble(head: string, tail: string, maxLength: number, parts: { items: string[]; full: string[]; compact: string[] }): string {
  const sections = [...parts.compact];
  const omittedNote = (n: number): string => (n ? `\n\n…and ${n} more secret${n === 1 ? '' : 's'} not listed here (size limit); see the SARIF or JSON report.` : '');
  const size = (items: number): number =>
    head.length + tail.length + parts.items.slice(0, items).reduce((n, s) => n + s.length + 1, 0) + sections.reduce((n, s) => n + s.length + 2, 0) + omittedNote(parts.items.length - items).length;
  let items = 0;
  while (items < parts.items.length && size(items + 1) <= maxLength / 2) items++;
  for (const [i, compact] of sections.entries()) {
    sections[i] = parts.full[i] ?? compact;
    if (size(items) > maxLength) sections[i] = compact;
  }
  while (items < parts.items.length && size(items + 1) <= maxLength) items++;
  const list = parts.items.slice(0, items).join('\n') + omittedNote(parts.items.length - items);
  return `${head}${list}\n\n${sections.join('\n\n')}${tail}`;
}
