// detectWithDecoding: the plain scan, then a scan of every encoded run's decoded value (and of the
// runs inside it, to `depth` levels), with each decoded match reported at the encoded run in the
// original text. Pure: no I/O.
// Every run is decoded (linear work, see span.ts), but a run's view is scanned only when a rule
// could match in it: a keyword lies in the view's context (known from the plain scan's hits) or in
// the decoded value (plus the few context characters a keyword could straddle), or a path-only rule
// applies to the file. The rules then see the same text as if every view were scanned.
import { countSkip, detectWithHits, hasInlineAllow, pathOnlyAt, type RuleSet, type SkipCounter } from '../detect.ts';
import { fileLine, secretOf, withSecret } from '../match.ts';
import { lineStarts, positionAt } from '../location.ts';
import type { KeywordHits, Prefilter } from '../prefilter.ts';
import type { Match, Fragment } from '../types.ts';
import { findEncodedSpans } from './find.ts';
import { holdsRun } from './quiet.ts';
import { hitBetween } from './hits.ts';
import { mergeDecoded, type IsGeneric } from './merge.ts';
import type { QuietSkip } from './runs.ts';
import type { EncodedSpan } from './span.ts';
import { CONTEXT_AFTER, CONTEXT_BEFORE, matchesInValue, spliceView, type DecodedView } from './view.ts';

/** Levels of decoding by default: a value, and the encoded runs inside it (base64 of escaped JSON). */
export const DEFAULT_DECODE_DEPTH = 2;

interface Context {
  /** The fragment's identity (path, origin, commit, blob) for views; its text is replaced. */
  base: Omit<Fragment, 'text' | 'startLine' | 'lineNumbers'>;
  ruleSet: RuleSet;
  skipped: SkipCounter;
  /** A path-only rule applies to this file: every view must be scanned. */
  everyView: boolean;
  /** Length of the longest keyword. */
  longest: number;
}

/**
 * Matches of `fragment`, plain and decoded. A decoded match is located at its encoded run (the
 * outermost one, for nested encodings), carries `decodedFrom` (that run's encoding) and the
 * decoded secret (`secret`). `depth` 0 is the plain scan alone.
 */
export function detectWithDecoding(fragment: Fragment, ruleSet: RuleSet, skipped: SkipCounter = {}, depth = DEFAULT_DECODE_DEPTH): Match[] {
  const hits = ruleSet.prefilter.scan(fragment.text);
  const plain = detectWithHits(fragment, ruleSet, hits, skipped);
  if (depth <= 0) return plain;
  const ctx: Context = {
    base: identity(fragment),
    ruleSet,
    skipped,
    everyView: pathOnlyAt(ruleSet, fragment.path).length > 0,
    longest: ruleSet.prefilter.longestKeyword,
  };
  const decoded: Match[] = [];
  let starts: number[] | undefined;
  // Quiet literals with no keyword hit in their view are left undecoded (a keyword in the view is one
  // of these hits, their escapes being none of a keyword's characters); with an observer every view
  // is entered (scan --explain lists them).
  const quiet: QuietSkip | undefined = ctx.everyView || ruleSet.observer ? undefined : { prefilter: ruleSet.prefilter, hits };
  const spans = findEncodedSpans(fragment.text, quiet);
  // Without an observer the views' keyword scans are shared (scanViews); with one, each view is
  // entered and scanned on its own, as it is listed.
  const batched = ruleSet.observer === undefined && separable(ruleSet.prefilter);
  let scanned: ScannedView[] = [];
  for (let i = 0, next = 0; i < spans.length; i++) {
    const span = spans[i]!;
    if (batched && i === next) ({ views: scanned, next } = scanViews(fragment.text, hits, spans, i, ctx));
    const found = spanMatches(fragment.text, hits, span, ctx, depth, batched ? scanned[i - (next - scanned.length)] : undefined);
    if (found.length === 0) continue;
    const allowed = !ctx.ruleSet.ignoreInlineAllow && hasInlineAllow(fragment.text, span.start, span.end);
    if (allowed) {
      countSkip(skipped, 'inline-allow', found.length);
      if (ruleSet.observer) {
        const at = spanLocation(fragment, (starts ??= lineStarts(fragment.text)), span);
        for (const f of found) ruleSet.observer.matchDropped(withSecret({ ...f, ...at, decodedFrom: span.encoding }, secretOf(f) ?? ''), 'inline-allow', '`keywarden:allow` on the line of the encoded run');
      }
      if (!ctx.ruleSet.listInlineAllowed) continue;
    }
    starts ??= lineStarts(fragment.text);
    const at = spanLocation(fragment, starts, span);
    for (const f of found) decoded.push(withSecret({ ...f, ...at, decodedFrom: span.encoding, ...(allowed ? { allowedInline: true } : {}) }, secretOf(f) ?? ''));
  }
  if (decoded.length === 0) return plain;
  if (!plain.some((m) => m.allowedInline) && !decoded.some((m) => m.allowedInline)) return mergeDecoded(plain, decoded, genericLookup(ruleSet), skipped, ruleSet.observer);
  // Matches waved through by `keywarden:allow` (listed for review) are merged apart: they never displace a reported one.
  const reported = mergeDecoded(plain.filter((m) => !m.allowedInline), decoded.filter((m) => !m.allowedInline), genericLookup(ruleSet), skipped, ruleSet.observer);
  return [...reported, ...mergeDecoded(plain.filter((m) => m.allowedInline), decoded.filter((m) => m.allowedInline), genericLookup(ruleSet), {})];
}

/**
 * Matches in one span's decoded value, and in the runs nested in it while `depth` allows; `scanned`:
 * its view and the view's keyword hits when scanViews found them.
 */
function spanMatches(text: string, hits: KeywordHits, span: EncodedSpan, ctx: Context, depth: number, scanned?: ScannedView): Match[] {
  const view = scanned?.view ?? spliceView(text, span);
  const observer = ctx.ruleSet.observer;
  if (observer) observer.enterDecoded(span.start, span.end, span.encoding, view);
  const viewHits = scanned ? (scanned.hits === undefined ? ctx.ruleSet.prefilter.scan(view.text) : scanned.hits) : mayMatch(view, hits, span, ctx) ? ctx.ruleSet.prefilter.scan(view.text) : null;
  const found = viewHits ? matchesInValue(view, detectWithHits({ ...ctx.base, text: view.text }, ctx.ruleSet, viewHits, ctx.skipped)) : [];
  // A value with no escape, percent escape or 16 base64 characters holds no run (quiet.ts holdsRun):
  // most decoded literals, which are then not searched again.
  if (depth > 1 && (span.decoded.includes('\\') || holdsRun(span.decoded))) {
    const inner = findEncodedSpans(span.decoded);
    if (inner.length) {
      const innerHits = ctx.ruleSet.prefilter.scan(span.decoded);
      for (const s of inner) found.push(...spanMatches(span.decoded, innerHits, s, ctx, depth - 1));
    }
  }
  if (observer) observer.leaveDecoded();
  return found;
}

/** A span's view and its keyword hits: null when no rule can match in it (mayMatch), undefined when not yet known. */
interface ScannedView {
  view: DecodedView;
  hits: KeywordHits | null | undefined;
}

/** Characters of views given to one shared keyword scan (bounds the text built for it). */
const SHARED_SCAN_CHARS = 1 << 16;

/** Joins the texts of one shared keyword scan: a character in no keyword, so no hit crosses it. */
const SEPARATOR = '\0';

const separableByPrefilter = new WeakMap<Prefilter, boolean>();

/** True when SEPARATOR is in none of the prefilter's keywords (always, for the built-in rules). */
function separable(prefilter: Prefilter): boolean {
  let ok = separableByPrefilter.get(prefilter);
  if (ok === undefined) {
    ok = !prefilter.hasKeywordChar(SEPARATOR);
    separableByPrefilter.set(prefilter, ok);
  }
  return ok;
}

/**
 * The views of `spans[from…next)` (up to SHARED_SCAN_CHARS of text), each with its keyword hits,
 * from one keyword scan of the text mayMatch would scan for each (the whole view when a hit of the
 * text is near, else the decoded value and its edges), joined by SEPARATOR. Per-view scans cost a
 * call each (git/git's history: 90 k views of 54 characters on average, as long as their detection);
 * the joined scan finds in each part the hits a scan of that part alone finds, since no keyword
 * holds the separator. A view whose value holds a keyword (no hit near) is scanned again whole
 * (hits undefined).
 */
function scanViews(text: string, hits: KeywordHits, spans: readonly EncodedSpan[], from: number, ctx: Context): { views: ScannedView[]; next: number } {
  const views: ScannedView[] = [];
  const parts: string[] = [];
  const whole: boolean[] = [];
  const edge = ctx.longest - 1;
  let chars = 0;
  let next = from;
  for (; next < spans.length && (next === from || chars < SHARED_SCAN_CHARS); next++) {
    const span = spans[next]!;
    const view = spliceView(text, span);
    const all = ctx.everyView || hitNear(hits, span, ctx);
    const part = all ? view.text : view.text.slice(Math.max(0, view.from - edge), view.to + edge);
    views.push({ view, hits: null });
    parts.push(part);
    whole.push(all);
    chars += part.length + 1;
  }
  const found = ctx.ruleSet.prefilter.scan(parts.join(SEPARATOR));
  let j = 0;
  let start = 0;
  for (let k = 0; k < views.length; k++) {
    const end = start + parts[k]!.length;
    while (j < found.length && found[j]! < start) j += 2;
    let to = j;
    while (to < found.length && found[to]! < end) to += 2;
    if (whole[k]) {
      const own = found.slice(j, to);
      for (let h = 0; h < own.length; h += 2) own[h]! -= start;
      views[k]!.hits = own;
    } else if (to > j) views[k]!.hits = undefined;
    j = to;
    start = end + 1;
  }
  return { views, next };
}

/**
 * Can a rule match in the span's view? Only if a keyword occurs in it: wholly in the context taken
 * from the text (then it is one of `hits`, which hold every offset where a keyword starts), or
 * overlapping the decoded value.
 */
function mayMatch(view: DecodedView, hits: KeywordHits, span: EncodedSpan, ctx: Context): boolean {
  if (ctx.everyView) return true;
  if (hitNear(hits, span, ctx)) return true;
  const edge = ctx.longest - 1;
  return ctx.ruleSet.prefilter.scan(view.text.slice(Math.max(0, view.from - edge), view.to + edge)).length > 0;
}

/** True when a keyword hit of the text lies in the span's view context (or straddles into it). */
function hitNear(hits: KeywordHits, span: EncodedSpan, ctx: Context): boolean {
  return hitBetween(hits, span.start - CONTEXT_BEFORE - ctx.longest, span.end + CONTEXT_AFTER);
}

function identity(fragment: Fragment): Context['base'] {
  const { text: _text, startLine: _start, lineNumbers: _lines, ...rest } = fragment;
  return rest;
}

/** The encoded run's place in the file, in a Match's location fields. */
function spanLocation(fragment: Fragment, starts: readonly number[], span: EncodedSpan): Pick<Match, 'line' | 'column' | 'endLine' | 'endColumn'> {
  const a = positionAt(starts, span.start);
  const b = positionAt(starts, span.end - 1);
  return { line: fileLine(fragment, a.lineIndex), column: a.column, endLine: fileLine(fragment, b.lineIndex), endColumn: b.column + 1 };
}

const genericByRuleSet = new WeakMap<RuleSet, IsGeneric>();

function genericLookup(ruleSet: RuleSet): IsGeneric {
  let lookup = genericByRuleSet.get(ruleSet);
  if (!lookup) {
    const generic = new Set(ruleSet.rules.filter((r) => r.generic).map((r) => r.id));
    lookup = (id) => generic.has(id);
    genericByRuleSet.set(ruleSet, lookup);
  }
  return lookup;
}
