// Where detection runs. The inline detector runs in this thread; a worker-pool detector with the same
// interface spreads fragments over cores (src/engine/pool.ts).
import type { RuleSet, SkipCounter } from '../core/detect.ts';
import { detectWithDecoding } from '../core/decode/rescan.ts';
import type { Match, Fragment } from '../core/types.ts';
import { decodeText } from '../sources/decode-text.ts';
import type { EncodedFragment } from '../sources/source.ts';
import { FingerprintQueue } from './fingerprints.ts';

/** The outcome of an encoded fragment: its text's length (undefined: not text) and what decoding it skipped or counted. */
export interface DecodedMatches {
  matches: Match[];
  /** Characters of the decoded text; undefined when the bytes are binary (not scanned). */
  chars?: number;
  /** Source skips met while decoding (`binary`, `invalid-utf8-decoded`), for SourceContext.onSkip. */
  skips: string[];
}

export interface Detector {
  /** Findings of one fragment. Resolves in any order relative to other calls. */
  detect(fragment: Fragment): Promise<Match[]>;
  /**
   * Decodes the bytes where they are scanned (a worker), then detects. The bytes are copied or
   * decoded before it returns (EncodedFragment). Without it the caller decodes them first
   * (`decodeFragment`) and calls `detect`.
   */
  detectEncoded?(fragment: EncodedFragment): Promise<DecodedMatches>;
  /** Candidates dropped so far, by reason (complete once every detect() promise has settled). */
  skipped(): SkipCounter;
  /**
   * The keyless fingerprint of a normalised value, computed in the detector's threads
   * (fingerprints.ts). Without it, on libuv's thread pool (slowFingerprint).
   */
  fingerprint?(value: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * Matches of one fragment, plain and decoded (src/core/decode/rescan.ts). With no rule at all (every
 * rule disabled) nothing could match, not even in a decoded value: the text is not looked at (it
 * would still be searched for encoded runs, 60% of such a scan of git/git's history).
 */
export function detectAll(fragment: Fragment, ruleSet: RuleSet, skipped: SkipCounter): Match[] {
  if (ruleSet.rules.length === 0) return [];
  return detectWithDecoding(fragment, ruleSet, skipped);
}

/** The text fragment of `encoded` (src/sources/decode-text.ts), or undefined when its bytes are binary; skips go to `skips`. */
export function decodeFragment(encoded: EncodedFragment, skips: string[]): Fragment | undefined {
  const { bytes, ...rest } = encoded;
  const text = decodeText(bytes, encoded.path, { onSkip: (kind) => void skips.push(kind) });
  return text === undefined ? undefined : { ...rest, text };
}

/** Decodes and detects in this thread. */
export function detectEncodedHere(encoded: EncodedFragment, ruleSet: RuleSet, skipped: SkipCounter): DecodedMatches {
  const skips: string[] = [];
  const fragment = decodeFragment(encoded, skips);
  if (!fragment) return { matches: [], skips };
  return { matches: detectAll(fragment, ruleSet, skipped), chars: fragment.text.length, skips };
}

/** Runs detection synchronously in the calling thread. */
export class InlineDetector implements Detector {
  private readonly counter: SkipCounter = {};
  private readonly ruleSet: RuleSet;
  private readonly fingerprints = new FingerprintQueue();

  constructor(ruleSet: RuleSet) {
    this.ruleSet = ruleSet;
  }

  detect(fragment: Fragment): Promise<Match[]> {
    return Promise.resolve(detectAll(fragment, this.ruleSet, this.counter));
  }

  skipped(): SkipCounter {
    return this.counter;
  }

  fingerprint(value: string): Promise<string> {
    return this.fingerprints.add(value);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
