// What an incident issue covers, kept in its body as a hidden JSON comment so that the next run can
// tell new secrets from known ones and re-render the body without the old scan. Holds redacted values,
// paths and hashes only (the same facts the visible body shows). Pure.
import { createHash } from 'node:crypto';
import type { Secret, Severity } from '../core/types.ts';

const STATE_RE = /<!-- keywarden:incident-state (\{.*?\}) -->/s;
/** The hidden state's share of an issue body (65,536 characters); past it the state is compacted (see `stateJson`). */
const MAX_STATE_CHARS = 32_000;
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

/** Every path a secret was seen at. */
export function pathsOf(s: Secret): string[] {
  return [...new Set(s.occurrences.map((o) => o.path))];
}

/** A state for `listed` secrets and `counted` ones (over the cap). */
export function stateFor(context: string, listed: readonly Secret[], counted: readonly Secret[] = []): IncidentState {
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

/** Adds a secret as listed, or merges its places into the one already listed. True if changed. */
export function addListed(state: IncidentState, f: Secret): boolean {
  let s = state.secrets.find((x) => x.fp === f.fingerprint);
  if (!s) {
    s = { fp: f.fingerprint, rule: f.ruleId, name: f.ruleName, sev: f.severity, red: f.redacted, pb: f.type, locs: [], ph: [] };
    state.secrets.push(s);
  }
  let changed = addPaths(s.ph, pathsOf(f));
  for (const o of f.occurrences) {
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

/** Adds a secret as counted (or merges its paths). True if changed. */
export function addCounted(state: IncidentState, f: Secret): boolean {
  const known = state.more[f.fingerprint] ?? state.more[f.fingerprint.slice(0, COMPACT_FINGERPRINT_CHARS)];
  if (known) return addPaths(known.ph, pathsOf(f));
  const counted: CountedSecret = { pb: f.type, ph: [] };
  state.more[f.fingerprint] = counted;
  addPaths(counted.ph, pathsOf(f));
  return true;
}

/** Every fingerprint the state covers, mapped to its path hashes. */
export function coveredPaths(state: IncidentState): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const s of state.secrets) out.set(s.fp, new Set(s.ph));
  for (const [fp, c] of Object.entries(state.more)) out.set(fp, new Set(c.ph));
  return out;
}

/** The listed secrets, for the incident renderer (no raw values: there are none). */
export function storedSecrets(state: IncidentState): Secret[] {
  return state.secrets.map((s) => {
    const occurrences = s.locs.map(([path, line, sha, date]) => ({ path, line, column: 1, endLine: line, endColumn: 1, ...(sha ? { commit: { sha, ...(date ? { date } : {}) } } : {}) }));
    const f: Secret = {
      fingerprint: s.fp,
      type: s.pb,
      ruleId: s.rule,
      ruleName: s.name,
      severity: s.sev,
      confidence: 'medium',
      redacted: s.red,
      occurrences,
    };
    if (s.inHead !== undefined) f.inHead = s.inHead;
    return f;
  });
}

/** Hex characters of a fingerprint kept for a counted secret in the compact state (40 bits: no collision among thousands). */
export const COMPACT_FINGERPRINT_CHARS = 10;

/** The state's key for fingerprint `fp`, full or compact (see `encodeState`), if it covers it. */
export function coveredKey<T>(covered: ReadonlyMap<string, T>, fp: string): string | undefined {
  if (covered.has(fp)) return fp;
  const short = fp.slice(0, COMPACT_FINGERPRINT_CHARS);
  return covered.has(short) ? short : undefined;
}

/** `more` as playbook id → concatenated fingerprint prefixes: about 10 characters per secret. */
function compactMore(more: Record<string, CountedSecret>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [fp, c] of Object.entries(more)) out[c.pb] = (out[c.pb] ?? '') + fp.slice(0, COMPACT_FINGERPRINT_CHARS);
  return out;
}

/**
 * The state as JSON of at most `maxChars` characters, by construction. Past the limit it is compacted
 * step by step: counted secrets lose their path hashes (a new place is then judged by fingerprint
 * alone), then keep only a fingerprint prefix per secret (`mc`), then listed secrets keep one place;
 * what still does not fit is dropped from the end (those secrets are reported as new again later:
 * noisy, never silent).
 */
function stateJson(state: IncidentState, maxChars: number): string {
  const steps: (() => object)[] = [
    () => state,
    () => ({ ...state, more: Object.fromEntries(Object.entries(state.more).map(([fp, c]) => [fp, { pb: c.pb, ph: [] }])) }),
    () => ({ ...state, more: {}, mc: compactMore(state.more) }),
    () => ({ ...state, secrets: state.secrets.map((x) => ({ ...x, locs: x.locs.slice(0, 1), ph: x.ph.slice(0, 1) })), more: {}, mc: compactMore(state.more) }),
  ];
  for (const step of steps) {
    const json = JSON.stringify(step());
    if (json.length <= maxChars) return json;
  }
  // Drop counted secrets, then listed ones, from the end until it fits.
  const entries = Object.entries(state.more);
  const secrets = state.secrets.map((x) => ({ ...x, locs: x.locs.slice(0, 1), ph: [] }));
  for (;;) {
    const json = JSON.stringify({ ...state, secrets, more: {}, mc: compactMore(Object.fromEntries(entries)) });
    if (json.length <= maxChars || (!entries.length && !secrets.length)) return json;
    if (entries.length) entries.splice(Math.floor(entries.length * 0.9));
    else secrets.pop();
  }
}

/** The hidden comment holding `state`, at most about `maxChars`; `<` and `>` are escaped so no path can end the comment. */
export function encodeState(state: IncidentState, maxChars = MAX_STATE_CHARS): string {
  // Escaping `<`/`>` grows the text by 5 characters each: budget for it.
  const json = stateJson(state, maxChars);
  const escaped = json.replace(/</g, '\\u003c').replace(/>/g, '\\u003e');
  return `<!-- keywarden:incident-state ${escaped.length <= maxChars ? escaped : stateJson(state, maxChars - (escaped.length - json.length)).replace(/</g, '\\u003c').replace(/>/g, '\\u003e')} -->`;
}

/** The state in an issue body, or undefined when it has none (or it is unreadable). */
export function decodeState(body: string | null | undefined): IncidentState | undefined {
  const m = STATE_RE.exec(body ?? '');
  if (!m) return undefined;
  try {
    const s = JSON.parse(m[1] ?? '') as IncidentState & { mc?: Record<string, string> };
    if (!(s.v === 1 && typeof s.context === 'string' && Array.isArray(s.secrets) && s.more && typeof s.more === 'object')) return undefined;
    // Compact counted secrets come back keyed by their fingerprint prefix (see `coveredKey`).
    const { mc, ...state } = s;
    for (const [pb, prefixes] of Object.entries(mc ?? {})) {
      for (let i = 0; i + COMPACT_FINGERPRINT_CHARS <= prefixes.length; i += COMPACT_FINGERPRINT_CHARS) state.more[prefixes.slice(i, i + COMPACT_FINGERPRINT_CHARS)] = { pb, ph: [] };
    }
    return state;
  } catch {
    return undefined;
  }
}
