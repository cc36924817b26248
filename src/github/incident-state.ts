// What an incident issue covers, kept in its body as a hidden JSON comment so that the next run can
// tell new secrets from known ones and re-render the body without the old scan. Holds redacted values,
// paths and hashes only (the same facts the visible body shows). Pure.
import { createHash } from 'node:crypto';
import type { Finding, Severity } from '../core/types.ts';

const STATE_RE = /<!-- keywarden:incident-state (\{.*?\}) -->/s;
/** State larger than this drops per-path hashes (then "new location" is judged by fingerprint alone). */
const MAX_STATE_CHARS = 24_000;
/** Locations kept per listed secret (the body shows at most 5). */
const MAX_LOCATIONS = 5;
/** Path hashes kept per secret. */
const MAX_PATH_HASHES = 50;

/** A secret listed in full in the issue. */
export interface StoredSecret {
  fp: string;
  rule: string;
  name: string;
  sev: Severity;
  red: string;
  pb: string;
  /** [path, line, commit sha?, commit date?] */
  locs: [string, number, string?, string?][];
  /** Hashes of every path it was seen at (see `pathHash`). */
  ph: string[];
  inHead?: boolean;
}

/** A secret counted but not listed (over the `max-issue-secrets` cap). */
export interface CountedSecret {
  pb: string;
  ph: string[];
}

/** Everything one incident issue covers. */
export interface IncidentState {
  v: 1;
  /** The scan context that owns the issue: `history`, `branch:main`, `pr:7`. */
  context: string;
  secrets: StoredSecret[];
  /** Fingerprint → type and path hashes, for secrets over the cap. */
  more: Record<string, CountedSecret>;
}

/** 8 hex chars naming a path without spelling it out (keeps the state small). */
export function pathHash(path: string): string {
  return createHash('sha256').update(path).digest('hex').slice(0, 8);
}

/** Every path a finding was seen at. */
export function pathsOf(f: Finding): string[] {
  return f.occurrences?.length ? [...new Set(f.occurrences.map((o) => o.path))] : [f.path];
}

/** A state for `findings` (listed) and `counted` (over the cap). */
export function stateFor(context: string, listed: readonly Finding[], counted: readonly Finding[] = []): IncidentState {
  const state: IncidentState = { v: 1, context, secrets: [], more: {} };
  for (const f of listed) addListed(state, f);
  for (const f of counted) addCounted(state, f);
  return state;
}

function addPaths(ph: string[], paths: readonly string[]): boolean {
  let changed = false;
  for (const h of paths.map(pathHash)) {
    if (!ph.includes(h) && ph.length < MAX_PATH_HASHES) {
      ph.push(h);
      changed = true;
    }
  }
  return changed;
}

/** Adds a finding as a listed secret, or merges its locations into the one already listed. True if changed. */
export function addListed(state: IncidentState, f: Finding): boolean {
  let s = state.secrets.find((x) => x.fp === f.fingerprint);
  if (!s) {
    s = { fp: f.fingerprint, rule: f.ruleId, name: f.ruleName, sev: f.severity, red: f.redacted, pb: f.playbook, locs: [], ph: [] };
    state.secrets.push(s);
  }
  let changed = addPaths(s.ph, pathsOf(f));
  for (const o of f.occurrences?.length ? f.occurrences : [f]) {
    if (s.locs.length >= MAX_LOCATIONS || s.locs.some(([p, l]) => p === o.path && l === o.line)) continue;
    s.locs.push(o.commit ? [o.path, o.line, o.commit.sha, o.commit.date] : [o.path, o.line]);
    changed = true;
  }
  if (f.inHead !== undefined && s.inHead !== true && s.inHead !== f.inHead) {
    s.inHead = f.inHead;
    changed = true;
  }
  return changed;
}

/** Adds a finding as a counted secret (or merges its paths). True if changed. */
export function addCounted(state: IncidentState, f: Finding): boolean {
  const known = state.more[f.fingerprint];
  if (known) return addPaths(known.ph, pathsOf(f));
  const added: CountedSecret = { pb: f.playbook, ph: [] };
  state.more[f.fingerprint] = added;
  addPaths(added.ph, pathsOf(f));
  return true;
}

/** Every fingerprint the state covers, mapped to its path hashes. */
export function coveredPaths(state: IncidentState): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const s of state.secrets) out.set(s.fp, new Set(s.ph));
  for (const [fp, c] of Object.entries(state.more)) out.set(fp, new Set(c.ph));
  return out;
}

/** The listed secrets as findings, for the incident renderer (no raw values: there are none). */
export function storedFindings(state: IncidentState): Finding[] {
  return state.secrets.map((s) => {
    const occurrences = s.locs.map(([path, line, sha, date]) => ({ path, line, column: 1, endLine: line, endColumn: 1, ...(sha ? { commit: { sha, ...(date ? { date } : {}) } } : {}) }));
    const first = occurrences[0] ?? { path: '', line: 0 };
    const f: Finding = {
      ruleId: s.rule,
      ruleName: s.name,
      severity: s.sev,
      confidence: 'medium',
      path: first.path,
      line: first.line,
      column: 1,
      endLine: first.line,
      endColumn: 1,
      redacted: s.red,
      fingerprint: s.fp,
      entropy: 0,
      playbook: s.pb,
      occurrences,
    };
    if (s.inHead !== undefined) f.inHead = s.inHead;
    return f;
  });
}

/** The hidden comment holding `state`; `<` and `>` are escaped so no path can end the comment. */
export function encodeState(state: IncidentState): string {
  let s = state;
  let json = JSON.stringify(s);
  if (json.length > MAX_STATE_CHARS) {
    s = { ...s, more: Object.fromEntries(Object.entries(s.more).map(([fp, c]) => [fp, { pb: c.pb, ph: [] }])) };
    json = JSON.stringify(s);
  }
  return `<!-- keywarden:incident-state ${json.replace(/</g, '\\u003c').replace(/>/g, '\\u003e')} -->`;
}

/** The state in an issue body, or undefined when it has none (or it is unreadable). */
export function decodeState(body: string | null | undefined): IncidentState | undefined {
  const m = STATE_RE.exec(body ?? '');
  if (!m) return undefined;
  try {
    const s = JSON.parse(m[1] ?? '') as IncidentState;
    return s.v === 1 && typeof s.context === 'string' && Array.isArray(s.secrets) && s.more && typeof s.more === 'object' ? s : undefined;
  } catch {
    return undefined;
  }
}
