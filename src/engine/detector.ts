// Where detection runs. The inline detector runs in this thread; a worker-pool detector with the same
// interface spreads fragments over cores (src/engine/pool.ts).
import type { RuleSet, SkipCounter } from '../core/detect.ts';
import { detectWithDecoding } from '../core/decode/rescan.ts';
import type { Match, Fragment } from '../core/types.ts';

export interface Detector {
  /** Findings of one fragment. Resolves in any order relative to other calls. */
  detect(fragment: Fragment): Promise<Match[]>;
  /** Candidates dropped so far, by reason (complete once every detect() promise has settled). */
  skipped(): SkipCounter;
  close(): Promise<void>;
}

/** Runs detection synchronously in the calling thread. */
export class InlineDetector implements Detector {
  private readonly counter: SkipCounter = {};
  private readonly ruleSet: RuleSet;

  constructor(ruleSet: RuleSet) {
    this.ruleSet = ruleSet;
  }

  detect(fragment: Fragment): Promise<Match[]> {
    return Promise.resolve(detectWithDecoding(fragment, this.ruleSet, this.counter));
  }

  skipped(): SkipCounter {
    return this.counter;
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
