// The detection pipeline, as named stages:
//   prefilter (keywords) → windows (each rule's reach around its own hits; only those holding a hit in
//   a case form the rule's regex can match, src/core/case-hits.ts) → rule regex → secret group
//   → inline allow → placeholder → stopwords → entropy → shape (generic rules) → allowlists → validator → overlap resolution
//   → provider claims (generic rules; src/core/claims.ts).
// Every dropped candidate is counted by its SkipReason. Pure: no I/O.
import { anchoredRegex, relaxedRegex } from './anchor.ts';
import { ruleCaseCheck } from './case-hits.ts';
import { shannonEntropy } from './entropy.ts';
import { dropClaimed, nameOwners, type NameOwners } from './claims.ts';
import { makeMatch } from './match.ts';
import { lineEndWithin, lineStartWithin, lineStarts } from './location.ts';
import type { DetectObserver } from './observer.ts';
import { compilePlaceholders, genericRejectKind, genericRejectReason, NO_PLACEHOLDERS, placeholderDetail, placeholderReason, type PlaceholderLists, type Placeholders } from './placeholder.ts';
import { Prefilter, type KeywordHits } from './prefilter.ts';
import type { Confidence, Match, Fragment, Rule, SkipReason, WindowReach } from './types.ts';
import { VALIDATORS } from './validators/index.ts';

/** On one long line (minified code, data blobs) a window reaches at most this far before its hit… */
const LONG_LINE_BEFORE = 512;
/** …and this far after it. */
const LONG_LINE_AFTER = 4096;
/** How far from a secret (same line) a `keywarden:allow` marker is looked for. */
const INLINE_ALLOW_REACH = 4096;

export interface RuleSet {
  readonly rules: readonly Rule[];
  readonly prefilter: Prefilter;
  /** Rules with no keywords (limited by `paths`): they run on every file their paths match. */
  readonly pathOnly: readonly number[];
  /** Placeholder and stop-word lists (rules/_placeholders.yaml); none unless given. */
  readonly placeholders: Placeholders;
  /** `keywarden:allow` markers are not honoured: every secret is reported. */
  readonly ignoreInlineAllow?: boolean;
  /**
   * A match on a `keywarden:allow` line that every other stage would keep is returned flagged
   * `allowedInline` instead of dropped, so reports can list what was waved through. It is still
   * counted as `inline-allow`. Off: such matches are dropped (rule tests, `detectFragment` callers).
   */
  readonly listInlineAllowed?: boolean;
  /**
   * Provider rules that are off (Stripe test keys, rules disabled in config): never reported, but a
   * generic candidate holding one of their matches is dropped, so that what a provider rule leaves
   * out on purpose does not come back as a `token =` finding.
   */
  readonly suppressors: readonly Rule[];
  /** Rules (active or suppressors) that own key names (`RuleSpec.ownsName`), by name (src/core/claims.ts). */
  readonly owners: NameOwners;
  /** Told of every candidate and its verdict (`scan --explain`); unset in normal scans, which then build no detail. */
  readonly observer?: DetectObserver;
  /** Rules run at every keyword hit, in any case (src/core/case-hits.ts): for tests and benches that compare. */
  readonly noCaseCheck?: boolean;
  /** Told what each rule's run at a fragment cost (bench/rule-cost.ts); unset in scans, which then read no clock. */
  readonly clock?: RuleClock;
}

/** Receives the cost of each rule's run over a text (its windows, then its regex and filters). */
export interface RuleClock {
  ran(run: RuleRun): void;
}

/** One rule's run over one text. */
export interface RuleRun {
  /** The rule's index in RuleSet.rules. */
  index: number;
  /** The text (a fragment's, or a decoded view's). */
  text: string;
  /** Keyword hits the rule ran at (0: the whole file). */
  hits: number;
  regions: readonly Region[];
  /** Milliseconds spent on the windows, and in all. */
  windowMs: number;
  ms: number;
  /** Matches that passed every filter. */
  candidates: number;
}

export function buildRuleSet(rules: readonly Rule[], placeholders?: PlaceholderLists, options: { ignoreInlineAllow?: boolean; listInlineAllowed?: boolean; suppressors?: readonly Rule[] } = {}): RuleSet {
  return {
    rules,
    placeholders: placeholders ? compilePlaceholders(placeholders) : NO_PLACEHOLDERS,
    prefilter: new Prefilter(rules.map((r) => r.keywords)),
    pathOnly: rules.flatMap((r, i) => (r.keywords.length === 0 ? [i] : [])),
    ...(options.ignoreInlineAllow ? { ignoreInlineAllow: true } : {}),
    ...(options.listInlineAllowed && !options.ignoreInlineAllow ? { listInlineAllowed: true } : {}),
    suppressors: (options.suppressors ?? []).filter((r) => !r.generic),
    owners: nameOwners([...rules, ...(options.suppressors ?? [])].filter((r) => !r.generic)),
  };
}

/** Counter of dropped candidates, by reason. */
export type SkipCounter = Partial<Record<SkipReason, number>>;

export function countSkip(counter: SkipCounter, reason: SkipReason, n = 1): void {
  counter[reason] = (counter[reason] ?? 0) + n;
}

/** A match that passed every filter, before it becomes a Match. */
interface Candidate {
  rule: Rule;
  secret: string;
  start: number;
  end: number;
  confidence: Confidence;
  /** Length of the whole regex match: more context = a more specific rule (tie-break). */
  matchLength: number;
  /** On a `keywarden:allow` line (kept only when the rule set lists such matches). */
  allowed?: boolean;
}

export interface Region {
  start: number;
  end: number;
}

/** Runs every rule of `ruleSet` over one fragment and returns its matches, in text order. */
export function detectFragment(fragment: Fragment, ruleSet: RuleSet, skipped: SkipCounter = {}): Match[] {
  return detectWithHits(fragment, ruleSet, ruleSet.prefilter.scan(fragment.text), skipped);
}

/** As detectFragment, with the prefilter's hits on `fragment.text` already known. */
export function detectWithHits(fragment: Fragment, ruleSet: RuleSet, hits: KeywordHits, skipped: SkipCounter = {}): Match[] {
  const text = fragment.text;
  const byRule = ruleSet.prefilter.hitsByRule(hits);
  // Rules without keywords run where the path selects them (a history blob: the path it was listed at).
  for (const i of pathOnlyAt(ruleSet, fragment.path)) byRule.set(i, []);
  const observer = ruleSet.observer;
  if (observer) observer.scanning(fragment, hits, byRule);
  if (byRule.size === 0) return [];
  const candidates: Candidate[] = [];
  const rejected: Region[] = [];
  const whole: Region[] = [{ start: 0, end: text.length }];
  const allowedLines = new Set<number>();
  const clock = ruleSet.clock;
  for (const [index, offsets] of byRule) {
    const rule = ruleSet.rules[index]!;
    const t0 = clock ? performance.now() : 0;
    const before = candidates.length;
    if (!fragment.pathPerOccurrence && rule.skipsPath(fragment.path)) {
      countSkip(skipped, 'path-allowlist');
      if (observer) observer.pathSkipped(rule);
      continue;
    }
    // A rule whose matches begin with its keyword is tried at its hits only (src/core/anchor.ts),
    // and only at those where its regex without assertions matches the text: at the others it
    // cannot match in any window, and their windows are not built.
    const sticky = offsets.length === 0 ? null : anchoredRegex(rule);
    const relaxed = sticky ? relaxedRegex(rule) : null;
    const canMatch = (offset: number): boolean => {
      relaxed!.lastIndex = offset;
      return relaxed!.test(text);
    };
    // A rule whose matches hold a keyword in one case form (src/core/case-hits.ts) runs only in the
    // regions that hold a hit of that form: the same regions as without the check, fewer of them.
    const caseOk = sticky || offsets.length === 0 || ruleSet.noCaseCheck ? null : ruleCaseCheck(rule);
    const formHit = (offset: number): boolean => caseOk!(text, offset);
    let tried = offsets;
    let regions: readonly Region[];
    // Each rule runs only where its secret can be: within its reach of its own keyword hits.
    if (rule.reach === 'file' || offsets.length === 0) {
      regions = caseOk && !offsets.some(formHit) ? [] : whole;
      if (relaxed) tried = offsets.filter(canMatch);
    } else if (relaxed) ({ regions, kept: tried } = keptWindows(text, offsets, rule.reach, canMatch));
    else if (caseOk) ({ regions } = keptWindows(text, offsets, rule.reach, formHit));
    else regions = windows(text, offsets, rule.reach);
    const t1 = clock ? performance.now() : 0;
    let at = 0;
    for (const region of regions) {
      if (!sticky) {
        matchRule(rule, text, region, ruleSet, skipped, candidates, rejected, allowedLines);
        continue;
      }
      while (at < tried.length && tried[at]! < region.start) at++;
      const from = at;
      while (at < tried.length && tried[at]! < region.end) at++;
      if (at > from) matchRule(rule, text, region, ruleSet, skipped, candidates, rejected, allowedLines, { sticky, offsets: tried, from, to: at });
    }
    if (clock) clock.ran({ index, text, hits: offsets.length, regions, windowMs: t1 - t0, ms: performance.now() - t0, candidates: candidates.length - before });
  }
  const reported = candidates.filter((c) => !c.allowed);
  const filtered = dropRejectedSpans(dropSuppressed(reported, ruleSet.suppressors, skipped, observer), rejected, skipped, observer);
  const resolved = resolveOverlaps(filtered, skipped, observer);
  const providers = (): Rule[] => [...byRule.keys()].map((i) => ruleSet.rules[i]!).filter((r) => !r.generic);
  const kept = dropClaimed(resolved, text, providers, (c, by, how) => {
    countSkip(skipped, 'provider-format');
    if (observer) observer.candidate(c.rule, c.secret, c.start, c.end, 'provider-format', how === 'name' ? `under a key name that ${by.id} owns, but not of its format` : `starts with the token prefix of ${by.id} but is cut short or padded`);
  }, ruleSet.owners);
  // Allowed candidates are resolved among themselves (not counted again): they never displace a reported one.
  const allowed = reported.length === candidates.length ? [] : dropClaimed(resolveOverlaps(dropRejectedSpans(dropSuppressed(candidates.filter((c) => c.allowed), ruleSet.suppressors, {}, undefined), rejected, {}, undefined), {}, undefined), text, providers, () => {}, ruleSet.owners);
  const fallback = fragment.pathPerOccurrence ? dropClaimed(displacedByPathRules(filtered, resolved), text, providers, () => {}, ruleSet.owners) : [];
  if (kept.length === 0 && allowed.length === 0 && fallback.length === 0) return [];
  const starts = lineStarts(text);
  const matches = kept.map((c) => makeMatch(c.rule, c.secret, c.start, c.end, c.confidence, fragment, starts));
  for (const c of allowed) matches.push(Object.assign(makeMatch(c.rule, c.secret, c.start, c.end, c.confidence, fragment, starts), { allowedInline: true }));
  for (const c of fallback) matches.push(Object.assign(makeMatch(c.rule, c.secret, c.start, c.end, c.confidence, fragment, starts), { fallback: true }));
  return matches;
}

/** The last path asked of pathOnlyAt, and its answer, by rule set (its `pathOnly` list). */
const pathOnlyMemo = new WeakMap<readonly number[], { path: string; rules: readonly number[] }>();

/**
 * The rules without keywords (RuleSet.pathOnly) that run on a text at `path`. The last answer is
 * kept: a text's decoded views are detected under its path, and checking the globs again for each
 * of them was about 3% of the detection time of a history scan (git/git).
 */
export function pathOnlyAt(ruleSet: RuleSet, path: string): readonly number[] {
  const last = pathOnlyMemo.get(ruleSet.pathOnly);
  if (last?.path === path) return last.rules;
  const rules = ruleSet.pathOnly.filter((i) => ruleSet.rules[i]?.skipsPath(path) === false);
  pathOnlyMemo.set(ruleSet.pathOnly, { path, rules });
  return rules;
}

/** True for a rule limited by path (`paths`, allowlist `paths`). */
function hasPathFilter(rule: Rule): boolean {
  return Boolean(rule.spec.paths?.length || rule.spec.allowlist?.paths?.length);
}

/**
 * A text committed at several paths (Fragment.pathPerOccurrence): rules' path filters are applied
 * per occurrence after detection. Where a rule with path filters won an overlap, the candidates it
 * displaced are returned too (not counted), to stand in at the occurrences where that rule skips the
 * path: what a scan of that path alone would report. Tried: each such winning rule left out alone,
 * and all of them left out together (repeated while new ones win).
 */
function displacedByPathRules(filtered: readonly Candidate[], kept: readonly Candidate[]): Candidate[] {
  const pathRules = (cs: readonly Candidate[]): Set<Rule> => new Set(cs.filter((c) => hasPathFilter(c.rule)).map((c) => c.rule));
  const winners = pathRules(kept);
  if (winners.size === 0) return [];
  const won = new Set(kept);
  const out = new Set<Candidate>();
  const without = (left: ReadonlySet<Rule>): Candidate[] => {
    const next = resolveOverlaps(filtered.filter((c) => !left.has(c.rule)), {}, undefined);
    for (const c of next) if (!won.has(c)) out.add(c);
    return next;
  };
  for (const r of winners) without(new Set([r]));
  const left = new Set(winners);
  for (let added = true; added; ) {
    added = false;
    for (const r of pathRules(without(left))) {
      if (!left.has(r)) {
        left.add(r);
        added = true;
      }
    }
  }
  return [...out];
}

/**
 * Merged windows around `offsets` (ascending): from the start of the line `reach.before` characters
 * before a hit to the end of the line after the one `reach.after` characters past it (a value
 * wrapped after its `=` is still seen). On a long line a window stops LONG_LINE_BEFORE/AFTER
 * characters beyond that reach, so the work per hit is bounded and no hit is ever dropped.
 */
export function windows(text: string, offsets: readonly number[], reach: WindowReach): Region[] {
  const regions: Region[] = [];
  let last: Region | undefined;
  const bounds = windowBounds(text, reach);
  for (const offset of offsets) {
    // A hit inside the last window whose line and next line end inside it too adds nothing.
    const end = bounds.end(offset);
    if (last && Math.max(0, offset - reach.before) >= last.start && end <= last.end) continue;
    const start = bounds.start(offset);
    if (last && start <= last.end) last.end = Math.max(last.end, end);
    else regions.push((last = { start, end }));
  }
  return regions;
}

/** Where the window of a hit at `offset` starts and ends (see windows), for hits that mostly ascend. */
function windowBounds(text: string, reach: WindowReach): { start: (offset: number) => number; end: (offset: number) => number } {
  // One finder per question, so that hits on one line (or on the next) find both ends remembered.
  const lineEndAt = newlineFinder(text);
  const nextEndAt = newlineFinder(text);
  return {
    start: (offset) => lineStartWithin(text, Math.max(0, offset - reach.before), LONG_LINE_BEFORE),
    end: (offset) => {
      const to = Math.min(text.length, offset + reach.after);
      const limit = Math.min(text.length, to + LONG_LINE_AFTER);
      const lineEnd = Math.min(lineEndAt(to), limit);
      return lineEnd >= limit ? limit : Math.min(nextEndAt(lineEnd + 1), limit);
    },
  };
}

/**
 * The regions of `windows(text, offsets, reach)` that hold a hit `keep` accepts, and those hits; the
 * windows of other hits are built only where they join such a region. Window starts and ends both
 * ascend with the hits, so consecutive hits share a region exactly when the later window starts by
 * the earlier one's end: a region is a run of such hits, found by walking out from a kept hit.
 */
export function keptWindows(text: string, offsets: readonly number[], reach: WindowReach, keep: (offset: number) => boolean): { regions: Region[]; kept: number[] } {
  const regions: Region[] = [];
  const kept: number[] = [];
  const bounds = windowBounds(text, reach);
  const startOf = (k: number): number => bounds.start(offsets[k]!);
  const endOf = (k: number): number => bounds.end(offsets[k]!);
  let covered = -1; // the last hit of the last region
  for (let k = 0; k < offsets.length; k++) {
    if (!keep(offsets[k]!)) continue;
    kept.push(offsets[k]!);
    if (k <= covered) continue;
    let first = k;
    let start = startOf(k);
    while (first - 1 > covered && start <= endOf(first - 1)) start = startOf(--first);
    let last = k;
    let end = endOf(k);
    while (last + 1 < offsets.length && startOf(last + 1) <= end) end = endOf(++last);
    regions.push({ start, end });
    covered = last;
  }
  return { regions, kept };
}

/**
 * `newline(pos)`: offset of the first newline at or after `pos`, or the text's length; for positions
 * that mostly ascend. The last answer is remembered, so that many hits on one long line search it
 * once (bounded work per hit, as the windows promise).
 */
function newlineFinder(text: string): (pos: number) => number {
  let from = -1;
  let found = -1;
  return (pos) => {
    if (pos < from || pos > found) {
      from = pos;
      found = text.indexOf('\n', pos);
      if (found === -1) found = text.length;
    }
    return found;
  };
}

/** Where an anchored rule is tried: its sticky regex, at `offsets[from..to)` (ascending, in the region). */
interface Anchors {
  sticky: RegExp;
  offsets: readonly number[];
  from: number;
  to: number;
}

/**
 * The matches a global scan of `subject` with `re` gives, in order; with `anchors`, found by trying
 * the sticky regex at each hit past the previous match instead (the same matches when every match
 * begins at a hit: the leftmost match from any point is then the sticky match at the first hit
 * where one is found).
 */
function nextMatch(re: RegExp, subject: string, regionStart: number, anchors: Anchors | undefined): () => RegExpExecArray | null {
  re.lastIndex = 0;
  if (!anchors) {
    return () => {
      const m = re.exec(subject);
      if (m && m[0].length === 0) re.lastIndex++;
      return m;
    };
  }
  const { sticky, offsets, to } = anchors;
  let k = anchors.from;
  let floor = 0;
  return () => {
    while (k < to) {
      const p = offsets[k++]! - regionStart;
      if (p < floor) continue;
      sticky.lastIndex = p;
      const m = sticky.exec(subject);
      if (m) {
        floor = p + Math.max(1, m[0].length);
        return m;
      }
    }
    return null;
  };
}

/** Runs one rule's regex over one region, filtering each match through the named stages. */
function matchRule(rule: Rule, text: string, region: Region, ruleSet: RuleSet, skipped: SkipCounter, out: Candidate[], rejected: Region[], allowedLines: Set<number>, anchors?: Anchors): void {
  const { placeholders, observer } = ruleSet;
  const inlineAllow = !ruleSet.ignoreInlineAllow;
  const whole = region.start === 0 && region.end === text.length;
  const subject = whole ? text : text.slice(region.start, region.end);
  const next = nextMatch(rule.regex, subject, region.start, anchors);
  let m: RegExpExecArray | null;
  while ((m = next()) !== null) {
    const secret = m[1];
    const span = m.indices?.[1];
    if (!secret || !span) {
      countSkip(skipped, 'empty-secret');
      if (observer) observer.candidate(rule, '', region.start + m.index, region.start + m.index + m[0].length, 'empty-secret', 'the secret group captured nothing');
      continue;
    }
    const start = region.start + span[0];
    const end = region.start + span[1];
    const context = matchContext(text, region.start + m.index, region.start + m.index + m[0].length);
    const reason = rejectReason(rule, secret, context, text, start, end, placeholders, inlineAllow);
    // Waved through by the marker: listed for review when it would otherwise be reported.
    const allowed = reason === 'inline-allow' && ruleSet.listInlineAllowed === true && rejectReason(rule, secret, context, text, start, end, placeholders, false) === undefined;
    if (reason) {
      countSkip(skipped, reason);
      if (observer) observer.candidate(rule, secret, start, end, reason, rejectDetail(reason, rule, secret, context, placeholders));
      if (reason === 'inline-allow') {
        // Several rules (or matches) on one allowed line: the line is counted once.
        const lineStart = text.lastIndexOf('\n', start) + 1;
        if (!allowedLines.has(lineStart)) {
          allowedLines.add(lineStart);
          countSkip(skipped, 'inline-allow-line');
        }
      }
      if (!allowed) continue;
    }
    const verdict = rule.validator ? VALIDATORS[rule.validator]?.(secret) ?? 'unknown' : 'unknown';
    if (observer && !allowed) observer.candidate(rule, secret, start, end, verdict === 'invalid' ? 'validator-rejected' : undefined, rule.validator ? `validator ${rule.validator}: ${verdict}` : 'passed every filter');
    if (verdict === 'invalid') {
      if (allowed) continue;
      countSkip(skipped, 'validator-rejected');
      // A provider format that fails its own check (a checksum-invalid lookalike) is a known
      // non-secret: generic rules must not report the same span either.
      if (!rule.generic) rejected.push({ start, end });
      continue;
    }
    out.push({ rule, secret, start, end, confidence: verdict === 'valid' ? 'high' : rule.confidence, matchLength: m[0].length, ...(allowed ? { allowed } : {}) });
  }
}

/**
 * The match plus what precedes it on its line (at most 64 chars): allowlist `matchRegexes` see the
 * variable name even when a rule keeps it out of the match (lookbehind prefixes are much faster).
 */
function matchContext(text: string, matchStart: number, matchEnd: number): string {
  return text.slice(lineStartWithin(text, matchStart, 64), matchEnd);
}

/** The first filter stage that rejects this match, or undefined when it survives them all. */
function rejectReason(rule: Rule, secret: string, match: string, text: string, start: number, end: number, placeholders: Placeholders, inlineAllow: boolean): SkipReason | undefined {
  if (inlineAllow && hasInlineAllow(text, start, end)) return 'inline-allow';
  if (!rule.allowPlaceholders) {
    const p = placeholderReason(secret, placeholders);
    if (p) return p;
  }
  if (rule.stopwords.length) {
    const lower = secret.toLowerCase();
    if (rule.stopwords.some((w) => lower.includes(w))) return 'stopword';
  }
  if (rule.minEntropy !== undefined && shannonEntropy(secret) < rule.minEntropy) return 'low-entropy';
  if (rule.generic && !rule.allowPlaceholders) {
    const g = genericRejectReason(secret, match, placeholders);
    if (g) return g;
  }
  if (rule.allowRegexes.some((r) => r.test(secret)) || rule.allowMatchRegexes.some((r) => r.test(match))) return 'rule-allowlist';
  return undefined;
}

/** What exactly made `rejectReason` return `reason`, with the numbers (only built for an observer). */
function rejectDetail(reason: SkipReason, rule: Rule, secret: string, match: string, placeholders: Placeholders): string {
  const generic = (): string | undefined => {
    if (!rule.generic || rule.allowPlaceholders) return undefined;
    const kind = genericRejectKind(secret, match, placeholders);
    return kind && `generic rule: the value has the shape of ${kind}, not of a credential`;
  };
  switch (reason) {
    case 'inline-allow':
      return '`keywarden:allow` on its line';
    case 'placeholder':
    case 'stopword': {
      const p = rule.allowPlaceholders ? undefined : placeholderDetail(secret, placeholders);
      const word = rule.stopwords.find((w) => secret.toLowerCase().includes(w));
      return p ?? (word !== undefined ? `rule stop word \`${word}\`` : undefined) ?? generic() ?? reason;
    }
    case 'low-entropy': {
      const e = shannonEntropy(secret);
      if (rule.minEntropy !== undefined && e < rule.minEntropy) return `entropy ${e.toFixed(2)} < ${rule.minEntropy}`;
      return generic() ?? `entropy ${e.toFixed(2)}`;
    }
    case 'rule-allowlist': {
      const r = rule.allowRegexes.find((x) => x.test(secret));
      if (r) return `allowlist regex \`${r.source}\` matched the secret`;
      const mr = rule.allowMatchRegexes.find((x) => x.test(match));
      return mr ? `allowlist matchRegex \`${mr.source}\` matched the match` : 'rule allowlist';
    }
    default:
      return reason;
  }
}

/**
 * True when a line the secret touches carries a `keywarden:allow` marker (any comment syntax): the one
 * inline-allow check, for plain and decoded secrets alike.
 */
export function hasInlineAllow(text: string, start: number, end: number): boolean {
  // Look at most INLINE_ALLOW_REACH chars either side: on a megabyte-long minified line, scanning the
  // whole line for every candidate would make the work quadratic.
  return text.slice(lineStartWithin(text, start, INLINE_ALLOW_REACH), lineEndWithin(text, end, INLINE_ALLOW_REACH)).includes('keywarden:allow');
}

/** Generic candidates whose secret holds a match of a switched-off provider rule are dropped (superseded). */
function dropSuppressed(candidates: Candidate[], suppressors: readonly Rule[], skipped: SkipCounter, observer: DetectObserver | undefined): Candidate[] {
  if (suppressors.length === 0 || !candidates.some((c) => c.rule.generic)) return candidates;
  return candidates.filter((c) => {
    if (!c.rule.generic) return true;
    const lower = c.secret.toLowerCase();
    const by = suppressors.find((s) => s.keywords.some((k) => lower.includes(k)) && matchesIn(s.regex, c.secret));
    if (by) {
      countSkip(skipped, 'superseded');
      if (observer) observer.candidate(c.rule, c.secret, c.start, c.end, 'superseded', `holds a match of the switched-off provider rule ${by.id}`);
    }
    return !by;
  });
}

function matchesIn(re: RegExp, text: string): boolean {
  re.lastIndex = 0;
  const found = re.test(text);
  re.lastIndex = 0;
  return found;
}

/** Generic candidates overlapping a span that a provider rule's validator rejected are dropped. */
function dropRejectedSpans(candidates: Candidate[], rejected: readonly Region[], skipped: SkipCounter, observer: DetectObserver | undefined): Candidate[] {
  if (rejected.length === 0) return candidates;
  return candidates.filter((c) => {
    const hit = c.rule.generic && rejected.some((r) => r.start < c.end && c.start < r.end);
    if (hit) {
      countSkip(skipped, 'validator-rejected');
      if (observer) observer.candidate(c.rule, c.secret, c.start, c.end, 'validator-rejected', 'overlaps a provider-format value that failed its validator');
    }
    return !hit;
  });
}

/**
 * When spans overlap, a provider rule beats a generic one; between two generic rules the first
 * (longer) match wins; two provider rules on the exact same secret keep the more confident one.
 */
function resolveOverlaps(candidates: Candidate[], skipped: SkipCounter, observer: DetectObserver | undefined): Candidate[] {
  candidates.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Candidate[] = [];
  for (const c of candidates) {
    let drop = false;
    let by: Candidate | undefined;
    for (let i = kept.length - 1; i >= 0; i--) {
      const k = kept[i]!;
      if (k.end <= c.start) {
        if (k.end + 65536 < c.start) break;
        continue;
      }
      if (c.rule.generic && !k.rule.generic) drop = true;
      else if (!c.rule.generic && k.rule.generic) {
        kept.splice(i, 1);
        countSkip(skipped, 'superseded');
        if (observer) supersede(observer, k, c);
        continue;
      } else if (c.rule.generic && k.rule.generic) drop = true;
      else if (k.start === c.start && k.end === c.end && k.rule.id !== c.rule.id) {
        if (beats(c, k)) {
          kept.splice(i, 1);
          countSkip(skipped, 'superseded');
          if (observer) supersede(observer, k, c);
          continue;
        }
        drop = true;
      }
      if (drop) {
        by = k;
        break;
      }
    }
    if (drop) {
      countSkip(skipped, 'superseded');
      if (observer && by) supersede(observer, c, by);
    } else kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start || a.end - b.end);
}

function supersede(observer: DetectObserver, loser: Candidate, winner: Candidate): void {
  const why = loser.rule.generic && !winner.rule.generic ? 'a provider rule beats a generic one' : loser.rule.generic ? 'the earlier, longer generic match wins' : 'higher confidence, then more context, then id order';
  observer.candidate(loser.rule, loser.secret, loser.start, loser.end, 'superseded', `overlaps a match of ${winner.rule.id} (${why})`);
}

/** Between two provider rules on the same secret: higher confidence, then more context, then id order. */
function beats(c: Candidate, k: Candidate): boolean {
  const byConfidence = rank(c.confidence) - rank(k.confidence);
  if (byConfidence !== 0) return byConfidence > 0;
  if (c.matchLength !== k.matchLength) return c.matchLength > k.matchLength;
  return c.rule.id < k.rule.id;
}

function rank(c: Confidence): number {
  return c === 'high' ? 2 : c === 'medium' ? 1 : 0;
}
