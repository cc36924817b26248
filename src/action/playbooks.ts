// The built-in playbooks as the Action's renderers use them: titles and first steps for the comment and
// the summary, help text for SARIF rules, the full set for incident issues.
import { builtinPlaybooks } from '../data/builtin.ts';
import type { Logger } from '../logger.ts';
import type { PlaybookSet } from '../playbook/types.ts';

/** The built-in playbooks, or undefined (with a warning) if they cannot be loaded. */
export function loadPlaybooks(logger: Logger): PlaybookSet | undefined {
  try {
    return builtinPlaybooks();
  } catch (e) {
    logger.warn(`playbooks unavailable: ${(e as Error).message.split('\n')[0]}`);
    return undefined;
  }
}

export { playbookLookup } from '../playbook/lookup.ts';
export { playbookUrl, sarifHelp } from '../playbook/sarif-help.ts';
