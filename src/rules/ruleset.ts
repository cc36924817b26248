// Builds the active RuleSet from specs: drops disabled rules, compiles the rest.
import { buildRuleSet, type RuleSet } from '../core/detect.ts';
import type { Rule } from '../core/types.ts';
import { builtinPlaceholders } from '../data/builtin.ts';
import { compileRule } from './compile.ts';
import type { SourcedRuleSpec } from './load.ts';

export interface RuleSetOptions {
  /** Rule ids to drop. */
  disable?: readonly string[];
  /** Rule ids to turn on although their spec says `enabled: false`. */
  enable?: readonly string[];
  /** Report secrets on lines marked `keywarden:allow` too. */
  ignoreInlineAllow?: boolean;
  /** Return matches waved through by `keywarden:allow`, flagged, for the reports' review list (RuleSet.listInlineAllowed). */
  listInlineAllowed?: boolean;
}

/** Compiles the enabled rules of `specs`; a later spec with the same id replaces an earlier one. */
export function compileRuleSet(specs: readonly SourcedRuleSpec[], options: RuleSetOptions = {}): RuleSet {
  const byId = new Map<string, SourcedRuleSpec>();
  for (const s of specs) byId.set(s.spec.id, s);
  const disable = new Set(options.disable ?? []);
  const enable = new Set(options.enable ?? []);
  const rules: Rule[] = [];
  // Provider rules that are off still keep generic rules from reporting their matches (see RuleSet.suppressors).
  const suppressors: Rule[] = [];
  for (const { spec, source, trusted } of byId.values()) {
    const off = disable.has(spec.id) || (spec.enabled === false && !enable.has(spec.id));
    if (off && (spec.generic || spec.keywords.length === 0)) continue;
    (off ? suppressors : rules).push(compileRule(spec, source, { lazy: trusted === true }));
  }
  return buildRuleSet(rules, builtinPlaceholders(), { ignoreInlineAllow: options.ignoreInlineAllow, listInlineAllowed: options.listInlineAllowed, suppressors });
}
