// Provider prefix claims on generic candidates. A value that starts with a provider's token prefix
// (`xoxp-`, `sm_pat_`, `apify_api_`) is that provider's business: when the provider rule did not
// report it and the value is much shorter than the provider's tokens, is a whole provider token
// with more glued on (`…_extra`), or has the prefix in the wrong case (`APIFY_API_`), it is a cut,
// made-up or padded value, and a generic rule must not report it instead. This extends item 4 of issue 10 (a span a provider rule rejects is never
// re-reported by a generic rule) from checksums to lengths.
//
// Key names claim only for the providers whose rules say they own them (`ownsName`, see ownedBy).
// Claiming by every provider's key name (`GITEA_TOKEN=` + a value of the wrong length) was measured
// on the peers' cases and dropped: it hid real credentials of kinds the provider's rules do not know
// (an Etsy keystring, a Cloudflare global key under a token name), and generic findings where a
// provider rule is stricter than the format (a JWT, a Discord token whose parts it checks).
import { keyBefore } from './keyname.ts';
import { splitWords } from './randomness.ts';
import type { Confidence, Rule } from './types.ts';

/** A generic candidate's value and where it is in the fragment's text. */
export interface ClaimCandidate {
  readonly secret: string;
  readonly start: number;
  readonly end: number;
}

/** A prefixed value shorter than this share of the provider's shortest example token is cut or made up. */
const TRUNCATED = 0.8;
/** Shortest keyword that counts as a token prefix. */
const MIN_PREFIX = 4;
/** A shorter keyword counts as a prefix only with the format's structure after it (see `structured`). */
const MIN_STRUCTURED_PREFIX = 3;
/** The padding after a whole token starts with one of these. */
const PAD = /[_.-]/;

/** A generic candidate as name claims see it: its rule, and `high` when that rule's validator confirmed it. */
export interface NamedCandidate extends ClaimCandidate {
  readonly rule: Rule;
  readonly confidence: Confidence;
}

/** Rules that own key names (`ownsName`), by name word. */
export type NameOwners = ReadonlyMap<string, readonly Rule[]>;

/** The rules of `rules` that own key names, indexed by each name they own. */
export function nameOwners(rules: readonly Rule[]): NameOwners {
  const owners = new Map<string, Rule[]>();
  for (const r of rules) for (const w of r.ownsName) owners.set(w, [...(owners.get(w) ?? []), r]);
  return owners;
}

/**
 * Drops the generic candidates that a provider rule of `providers` (the rules whose keywords the
 * fragment holds) claims by prefix, or a rule of `owners` by key name; `dropped` hears of each (the
 * detector counts it as `provider-format`).
 */
export function dropClaimed<C extends NamedCandidate>(kept: C[], text: string, providers: () => readonly Rule[], dropped: (c: C, by: Rule, how: 'prefix' | 'name') => void, owners: NameOwners = new Map()): C[] {
  if (!kept.some((c) => c.rule.generic)) return kept;
  const list = providers();
  if (list.length === 0 && owners.size === 0) return kept;
  return kept.filter((c) => {
    if (!c.rule.generic) return true;
    const byPrefix = claimedBy(c, text, list);
    const by = byPrefix ?? ownedBy(c, text, owners);
    if (by) dropped(c, by, byPrefix ? 'prefix' : 'name');
    return by === undefined;
  });
}

/**
 * Words a key may hold besides the owner's name and still name nothing but the owner's credential
 * (`MERAKI_API_KEY`, `amplitudeSecretKey`). Any other word (`GITEA__security__SECRET_KEY`,
 * `GITEA_ADMIN_PASSWORD`, `REACT_APP_…`) makes the key something the provider's formats do not cover.
 */
const CREDENTIAL_WORDS = new Set(['api', 'apikey', 'access', 'auth', 'token', 'key', 'secret', 'personal', 'pat', 'bearer']);

/**
 * The rule of `owners` that owns the candidate's key and disowns its value, or undefined: the key's
 * words are an owned provider name plus credential words (or words of the owning rule's own id and
 * name: `dashboard` for Meraki's Dashboard API key), and the owning rule matches its own example
 * value in the candidate's place but not the candidate's value. A provider that issues only the
 * formats its rules know has nothing else to put there: the value is cut, padded or mistyped.
 *
 * A value its generic rule's validator confirmed (a JWT that parses) describes itself: a key name
 * makes it a near-miss only of an owner whose own values have that generic rule's shape too (a
 * Temporal key is a JWT that names temporal.io), not of a hex-token format (a Gitea OAuth JWT under
 * `GITEA_ACCESS_TOKEN` stays a finding).
 */
export function ownedBy(c: NamedCandidate, text: string, owners: NameOwners): Rule | undefined {
  if (owners.size === 0) return undefined;
  const { before, after } = around(text, c);
  const words = splitWords(keyBefore(before + c.secret, c.secret)).map((w) => w.toLowerCase());
  for (const w of words) {
    for (const rule of owners.get(w) ?? []) {
      const own = new Set([...rule.ownsName, ...splitWords(`${rule.id} ${rule.name}`).map((x) => x.toLowerCase())]);
      if (!words.every((x) => own.has(x) || CREDENTIAL_WORDS.has(x))) continue;
      const sample = rule.sample?.();
      if (sample === undefined || !sameKind(c, sample)) continue;
      if (matchesExactly(rule, before, sample, after) && !matchesExactly(rule, before, c.secret, after)) return rule;
    }
  }
  return undefined;
}

/** False when the candidate's validator confirmed it and its generic rule does not take the owner's `sample` whole. */
function sameKind(c: NamedCandidate, sample: string): boolean {
  return c.confidence !== 'high' || c.rule.validator === undefined || matchesExactly(c.rule, '', sample, '');
}

/** The provider rule (of `providers`) whose token prefix starts the candidate's value and that disowns it, or undefined. */
export function claimedBy(c: ClaimCandidate, text: string, providers: readonly Rule[]): Rule | undefined {
  const value = c.secret.toLowerCase();
  for (const rule of providers) {
    for (const k of rule.keywords) {
      if (!value.startsWith(k) || !isTokenPrefix(rule, k)) continue;
      if (k.length < MIN_PREFIX) {
        if (k.length >= MIN_STRUCTURED_PREFIX && structured(rule, c, k) && (truncated(rule, c) || cut(rule, c, text) || padded(rule, c, text))) return rule;
        continue;
      }
      if (truncated(rule, c) || cut(rule, c, text) || padded(rule, c, text) || wrongCase(rule, c, k)) return rule;
    }
  }
  return undefined;
}

/**
 * True when the rule's own tokens begin with keyword `k` (`xoxp-` for Slack user tokens, `cais` for
 * Alibaba STS tokens). A bare word that is part of the rule's id or name (`gitea`) is a provider
 * name, not a prefix.
 */
function isTokenPrefix(rule: Rule, k: string): boolean {
  if (/^[a-z0-9]+$/.test(k) && `${rule.id} ${rule.name}`.toLowerCase().replace(/[^a-z0-9]/g, '').includes(k)) return false;
  return rule.sample?.()?.toLowerCase().startsWith(k) === true;
}

/**
 * For a short prefix (`00D` of Salesforce's `00D…!…` tokens), which random values can start with:
 * the value starts with it in the provider's case and has the format's first separator after it
 * where the provider's token has it (`!` after the 15-character org id).
 */
function structured(rule: Rule, c: ClaimCandidate, k: string): boolean {
  const sample = rule.sample?.();
  if (sample === undefined || c.secret.slice(0, k.length) !== sample.slice(0, k.length)) return false;
  const i = sample.slice(k.length).search(/[^A-Za-z0-9]/);
  return i >= 0 && c.secret[k.length + i] === sample[k.length + i];
}

/** The value is much shorter than the provider's shortest example token. */
function truncated(rule: Rule, c: ClaimCandidate): boolean {
  const sample = rule.sample?.();
  return sample !== undefined && c.end - c.start < sample.length * TRUNCATED;
}

/**
 * The value is shorter than the provider's example token, and the rule, which takes that token in
 * the value's place, refuses it cut to the value's length: a fixed-length format (`cnvca` + 51) one
 * or a few characters short. A value whose length the format allows is left to the other checks.
 */
function cut(rule: Rule, c: ClaimCandidate, text: string): boolean {
  const sample = rule.sample?.();
  if (sample === undefined || c.secret.length >= sample.length) return false;
  const { before, after } = around(text, c);
  return matchesExactly(rule, before, sample, after) && !matchesExactly(rule, before, sample.slice(0, c.secret.length), after);
}

/** The candidate's line before and after its value. */
function around(text: string, c: ClaimCandidate): { before: string; after: string } {
  const lineStart = text.lastIndexOf('\n', c.start - 1) + 1;
  const nl = text.indexOf('\n', c.end);
  return { before: text.slice(lineStart, c.start), after: text.slice(c.end, nl === -1 ? text.length : nl) };
}

/** The prefix is there in another case than the provider writes it (`APIFY_API_` for `apify_api_`), for a case-exact rule. */
function wrongCase(rule: Rule, c: ClaimCandidate, k: string): boolean {
  const sample = rule.sample?.();
  return sample !== undefined && !rule.regex.flags.includes('i') && /[a-z]/i.test(k) && c.secret.slice(0, k.length) !== sample.slice(0, k.length);
}

/** The value is a whole provider token followed by more: the provider rule matches its head, in place. */
function padded(rule: Rule, c: ClaimCandidate, text: string): boolean {
  const { before, after } = around(text, c);
  for (let p = c.secret.length - 1; p > 8; p--) {
    if (!PAD.test(c.secret[p] ?? '')) continue;
    if (matchesExactly(rule, before, c.secret.slice(0, p), after)) return true;
  }
  return false;
}

/** True when `rule` matches `before + value + after` with its secret group exactly on `value`. */
function matchesExactly(rule: Rule, before: string, value: string, after: string): boolean {
  const re = rule.regex;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  let hit = false;
  const probe = before + value + after;
  while (!hit && (m = re.exec(probe)) !== null) {
    if (m[0].length === 0) re.lastIndex++;
    const span = m.indices?.[1];
    hit = span !== undefined && span[0] === before.length && span[1] === before.length + value.length;
  }
  re.lastIndex = 0;
  return hit;
}
