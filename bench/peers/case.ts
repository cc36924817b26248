// One labelled case from a peer scanner's rule tests, and what an extractor returns.

export interface Case {
  /** `gitleaks`, `betterleaks`, `noseyparker`. */
  source: string;
  /** The peer's rule file stem (`github`, `azure`): the provider the case belongs to. */
  provider: string;
  /** The peer's rule id. */
  rule: string;
  label: 'positive' | 'negative';
  text: string;
  /** File path the peer tests the case under, when it gives one. */
  path?: string;
  /** Unique, stable id: source/provider/rule/tpN|fpN. */
  id: string;
  /**
   * Negatives only: the text holds a value the peer's rule lists by value in its own allowlist
   * (published example keys). Such a label is a fact about that one value, not about its format.
   */
  valueAllowlisted?: boolean;
  /**
   * Negatives only: the peer's own comment on the example calls it a false negative (`// False
   * Negative` above it): a credential its rule misses, listed among the negatives so its test passes.
   */
  peerMisses?: boolean;
  /**
   * Negatives only: the id of another of the peer's rules for the same credential type (same rule
   * name) whose pattern matches the text. The peer itself reports it; its label is about one
   * rule's format or context (New Relic's legacy 40-hex license key), not about the value.
   */
  peerSibling?: string;
}

export interface Extraction {
  cases: Case[];
  /** Cases (or statements) left out because they were not statically extractable, by reason. */
  skipped: Map<string, number>;
}
