// An optional witness of the detector's decisions, for `keywarden scan --explain`. The detector calls
// it only when one is set on the rule set (`RuleSet.observer`): a normal scan pays one property test
// per stage, and no detail text is built. Offsets are UTF-16 offsets into the text being scanned:
// a fragment's text, or (between enterDecoded and leaveDecoded) an encoded run's decoded view.
import type { DecodedView } from './decode/view.ts';
import type { RuleSet } from './detect.ts';
import type { KeywordHits } from './prefilter.ts';
import type { Fragment, Match, Rule, Secret, SkipReason } from './types.ts';

export interface DetectObserver {
  /**
   * A text is about to be scanned: a fragment, or the decoded view of the run last entered.
   * `byRule` maps the index of each rule that runs to its keyword hits' offsets (none for a rule with
   * no keywords); every other rule does not run on this text.
   */
  scanning(fragment: Fragment, hits: KeywordHits, byRule: ReadonlyMap<number, readonly number[]>): void;
  /** A rule whose keywords were hit does not run: its `paths` filter or allowlist paths exclude the file. */
  pathSkipped(rule: Rule): void;
  /**
   * A match of `rule` whose secret group is `[start, end)`: dropped for `reason` (with `detail`, the
   * concrete check and numbers) or, with no reason, passed every filter (`detail` then names the
   * validator's verdict, if any). A later call for the same rule and span replaces the verdict
   * (a candidate that passed the filters and lost an overlap).
   */
  candidate(rule: Rule, secret: string, start: number, end: number, reason: SkipReason | undefined, detail: string): void;
  /** The decoded value of the encoded run `[start, end)` of the current text is scanned next, as `view`. */
  enterDecoded(start: number, end: number, encoding: string, view: DecodedView): void;
  leaveDecoded(): void;
  /** A match (located in the fragment) dropped after detection: a decoded duplicate, an encoded run on an allowed line. */
  matchDropped(match: Match, reason: SkipReason, detail: string): void;
}

/** Drops after grouping: a whole secret suppressed by the ignore file, the baseline or a threshold. */
export type SecretDropReason = Extract<SkipReason, 'ignored' | 'baseline' | 'below-threshold'>;

/** A witness of a whole scan (`scan --explain`): the detector's decisions, then the suppressions. */
export interface ScanObserver {
  /** Called once the active rule set is built; returns the observer the detector is given. */
  detecting(ruleSet: RuleSet): DetectObserver;
  /** A reported secret dropped after grouping; `detail` names the list or threshold. */
  secretDropped(secret: Secret, reason: SecretDropReason, detail: string): void;
}
