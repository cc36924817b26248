// The report formats of `scan` and `merge`: the reporter per `--format` and what it needs to know.
import type { Rule } from '../core/types.ts';
import { builtinPlaybooks } from '../data/builtin.ts';
import { playbookLookup } from '../playbook/lookup.ts';
import { sarifHelp } from '../playbook/sarif-help.ts';
import { htmlReporter } from '../reporters/html.ts';
import { jsonReporter } from '../reporters/json.ts';
import type { ReportContext, Reporter } from '../reporters/reporter.ts';
import { sarifReporter } from '../reporters/sarif.ts';
import { textReporter } from '../reporters/text.ts';
import type { Format } from './args.ts';

export const REPORTERS: Record<Format, Reporter> = { text: textReporter, json: jsonReporter, sarif: sarifReporter, html: htmlReporter };

/** The report context for `format`: SARIF rule help and the HTML report's playbook steps come from the built-in playbooks. */
export function reportContext(format: Format, rules: readonly Pick<Rule, 'id' | 'playbook'>[], color: boolean): ReportContext {
  if (format === 'sarif') {
    const playbookOf = new Map(rules.map((r) => [r.id, r.playbook]));
    return { color: false, helpFor: sarifHelp(builtinPlaybooks(), (id) => playbookOf.get(id)) };
  }
  if (format === 'html') return { color: false, playbooks: playbookLookup(builtinPlaybooks()) };
  return { color };
}
