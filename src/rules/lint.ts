// Static checks of a rule pack, run by the test suite (warnings are errors) and `keywarden rules lint`.
import { captureGroupCount } from './compile.ts';
import { exampleText, expandExample } from './examples.ts';
import type { SourcedRuleSpec } from './load.ts';
import { VALIDATORS } from '../core/validators/index.ts';

export interface LintProblem {
  ruleId: string;
  source: string;
  message: string;
}

export interface LintOptions {
  /** Playbook ids that exist; when given, every rule's playbook must be one of them. */
  playbooks?: ReadonlySet<string>;
}

/** Every problem found in the pack; an empty list means the pack is clean. */
export function lintRules(specs: readonly SourcedRuleSpec[], options: LintOptions = {}): LintProblem[] {
  const problems: LintProblem[] = [];
  const seen = new Map<string, string>();
  for (const { spec, source } of specs) {
    const report = (message: string): void => {
      problems.push({ ruleId: spec.id, source, message });
    };
    const prev = seen.get(spec.id);
    if (prev) report(`duplicate id (also in ${prev})`);
    seen.set(spec.id, source);
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(spec.id)) report('id must be kebab-case');
    try {
      const groups = captureGroupCount(spec.pattern, spec.flags ?? '');
      if (groups !== 1) report(`pattern must have exactly one capture group, has ${groups}`);
    } catch (e) {
      report(`pattern does not compile: ${(e as Error).message}`);
    }
    if (spec.keywords.some((k) => k !== k.toLowerCase())) report('keywords must be lowercase');
    if (!spec.keywords.length && !spec.paths?.length) report('needs keywords (only rules limited by `paths` may have none)');
    if (spec.validator && !VALIDATORS[spec.validator]) report(`unknown validator "${spec.validator}"`);
    if (options.playbooks && !options.playbooks.has(spec.playbook)) report(`playbook "${spec.playbook}" does not exist in rules/playbooks/`);
    if (!spec.examples.length) report('needs at least one example');
    if (!spec.negativeExamples.length) report('needs at least one negative example');
    spec.examples.forEach((ex, i) => {
      const text = expandExample(exampleText(ex), `${spec.id}#${i}`).toLowerCase();
      if (spec.keywords.length && !spec.keywords.some((k) => text.includes(k))) report(`example #${i + 1} contains none of the keywords`);
      if (spec.paths?.length && typeof ex === 'string') report(`example #${i + 1} needs a \`path\` matching the rule's paths`);
    });
  }
  return problems;
}
