// The incident playbook vocabulary: what to do, in what order, once a secret of one type has leaked.
// On disk: `rules/playbooks/<id>.yaml` (one per secret type) and `rules/playbooks/_common.yaml` (the
// provider-independent steps). Both are validated against `schema/playbook.schema.json`.

/**
 * How to replace the credential without an outage:
 * - `two-keys`: the provider allows two live credentials; issue the new one, deploy it, revoke the old.
 * - `dual-read`: you run the verifier; accept old and new, switch signers to new, then drop old.
 * - `rolling-restart`: one value at a time; reset it, update the secret store, roll every consumer.
 * - `reissue`: a personal or ad-hoc credential; delete it and issue a narrower one where needed.
 */
export type RotationPattern = 'two-keys' | 'dual-read' | 'rolling-restart' | 'reissue';
export const ROTATION_PATTERNS: readonly RotationPattern[] = ['two-keys', 'dual-read', 'rolling-restart', 'reissue'];

/**
 * One step: a sentence of Markdown. Commands go in backticks; placeholders are `<UPPER_CASE>` and only
 * inside backticks (GitHub strips bare `<tags>` from issue bodies).
 */
export type Step = string;

/** The rotate-and-revoke playbook for one secret type (`rules/playbooks/<id>.yaml`). */
export interface Playbook {
  /** Provider slug or generic fallback id; equals the file name and the rules' `playbook` field. */
  id: string;
  /** Secret type as people say it, e.g. "AWS access key". */
  title: string;
  /** Who issues the credential, e.g. "Amazon Web Services"; "Generic" for fallbacks. */
  provider: string;
  /** Date (`YYYY-MM-DD`) the steps were last checked against the provider's documentation. */
  checked: string;
  /** One paragraph: what the credential grants. */
  grants: string;
  /** One paragraph: what an attacker can reach with it. */
  blastRadius: string;
  /** Within minutes: make the leaked value useless (console page or exact command). */
  revoke: Step[];
  /** Within minutes: put a replacement in place, following `pattern`. */
  rotate: { pattern: RotationPattern; steps: Step[] };
  /** Prove the old value is dead. */
  verify: Step[];
  /** Within the hour: where to look for misuse. */
  audit: Step[];
  /** Provider-specific notes for the history clean-up (the generic part is in the common file). */
  history?: Step[];
  /** Provider documentation used for these steps (https URLs). */
  references: string[];
}

/** Steps that apply whatever the secret type (`rules/playbooks/_common.yaml`). */
export interface CommonPlaybook {
  /** One sentence per rotation pattern, shown next to the rotate steps. */
  patterns: Record<RotationPattern, string>;
  /** Within the hour, after the type's audit steps: scope the damage, tell the owner. */
  withinHour: Step[];
  /** Within the day: how long and how widely the secret was exposed. */
  exposure: Step[];
  /** Within the day: cleaning git history, only after rotation. */
  history: Step[];
  /** Within the day: write it down, decide on notification duties. */
  record: Step[];
  /** Documentation for the common steps. */
  references: string[];
}

/** Every playbook plus the common steps: what `builtinPlaybooks()` returns and renderers take. */
export interface PlaybookSet {
  common: CommonPlaybook;
  /** Sorted by id. */
  playbooks: Playbook[];
}
