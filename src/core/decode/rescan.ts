// detectWithDecoding: the plain scan, then a scan of every encoded run's decoded value (and of the
// runs inside it, to `depth` levels), with each decoded finding reported at the encoded run in the
// original text. Pure: no I/O.
import { countSkip, detectFragment, type RuleSet, type SkipCounter } from '../detect.ts';
import { fileLine, secretOf, withSecret } from '../finding.ts';
import { lineStarts, positionAt } from '../location.ts';
import type { Finding, Fragment } from '../types.ts';
import { findEncodedSpans } from './find.ts';
import { mergeDecoded, type IsGeneric } from './merge.ts';
import { newBudget, type DecodeBudget, type EncodedSpan } from './span.ts';
import { findingsInValue, spliceView } from './view.ts';

/** Levels of decoding by default: a value, and the encoded runs inside it (base64 of escaped JSON). */
export const DEFAULT_DECODE_DEPTH = 2;

interface Context {
  /** The fragment's identity (path, origin, commit, blob) for views; its text is replaced. */
  base: Omit<Fragment, 'text' | 'startLine' | 'lineNumbers'>;
  ruleSet: RuleSet;
  skipped: SkipCounter;
  budget: DecodeBudget;
}

/**
 * Findings of `fragment`, plain and decoded. A decoded finding is located at its encoded run (the
 * outermost one, for nested encodings), carries `decodedFrom` (that run's encoding) and the
 * decoded secret (fingerprint and `secret`). `depth` 0 is the plain scan alone. Spans beyond the
 * per-fragment budget are counted as `decode-cut`.
 */
export function detectWithDecoding(fragment: Fragment, ruleSet: RuleSet, skipped: SkipCounter = {}, depth = DEFAULT_DECODE_DEPTH): Finding[] {
  const plain = detectFragment(fragment, ruleSet, skipped);
  if (depth <= 0) return plain;
  const ctx: Context = { base: identity(fragment), ruleSet, skipped, budget: newBudget() };
  const spans = findEncodedSpans(fragment.text, ctx.budget);
  const decoded: Finding[] = [];
  let starts: number[] | undefined;
  for (const span of spans) {
    const found = spanFindings(fragment.text, span, ctx, depth);
    if (found.length === 0) continue;
    if (hasInlineAllow(fragment.text, span)) {
      countSkip(skipped, 'inline-allow', found.length);
      continue;
    }
    starts ??= lineStarts(fragment.text);
    const at = spanLocation(fragment, starts, span);
    for (const f of found) decoded.push(withSecret({ ...f, ...at, decodedFrom: span.encoding }, secretOf(f) ?? ''));
  }
  if (ctx.budget.cut) countSkip(skipped, 'decode-cut', ctx.budget.cut);
  return decoded.length ? mergeDecoded(plain, decoded, genericLookup(ruleSet), skipped) : plain;
}

/** Findings in one span's decoded value, and in the runs nested in it while `depth` allows. */
function spanFindings(text: string, span: EncodedSpan, ctx: Context, depth: number): Finding[] {
  const view = spliceView(text, span);
  const found = findingsInValue(view, detectFragment({ ...ctx.base, text: view.text }, ctx.ruleSet, ctx.skipped));
  if (depth > 1) {
    for (const inner of findEncodedSpans(span.decoded, ctx.budget)) found.push(...spanFindings(span.decoded, inner, ctx, depth - 1));
  }
  return found;
}

function identity(fragment: Fragment): Context['base'] {
  const { text: _text, startLine: _start, lineNumbers: _lines, ...rest } = fragment;
  return rest;
}

/** The encoded run's place in the file, in a Finding's location fields. */
function spanLocation(fragment: Fragment, starts: readonly number[], span: EncodedSpan): Pick<Finding, 'line' | 'column' | 'endLine' | 'endColumn'> {
  const a = positionAt(starts, span.start);
  const b = positionAt(starts, span.end - 1);
  return { line: fileLine(fragment, a.lineIndex), column: a.column, endLine: fileLine(fragment, b.lineIndex), endColumn: b.column + 1 };
}

/** True when the run's first or last line carries `keywarden:allow` (the plain scan's rule). */
function hasInlineAllow(text: string, span: EncodedSpan): boolean {
  const from = text.lastIndexOf('\n', span.start - 1) + 1;
  let to = text.indexOf('\n', span.end);
  if (to === -1) to = text.length;
  return to - from <= 100_000 && text.slice(from, to).includes('keywarden:allow');
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
