// The built-in playbooks as the Action's renderers use them: titles and first steps for the comment and
// the summary, help text for SARIF rules, the full set for incident issues.
import { builtinPlaybooks } from '../data/builtin.ts';
import type { Logger } from '../logger.ts';
import { numbered } from '../playbook/markdown.ts';
import type { Playbook, PlaybookSet } from '../playbook/types.ts';
import type { ReportContext } from '../reporters/reporter.ts';
import type { PlaybookLookup } from '../reporters/pr-comment.ts';
import { INFORMATION_URI } from '../version.ts';

/** The built-in playbooks, or undefined (with a warning) if they cannot be loaded. */
export function loadPlaybooks(logger: Logger): PlaybookSet | undefined {
  try {
    return builtinPlaybooks();
  } catch (e) {
    logger.warn(`playbooks unavailable: ${(e as Error).message.split('\n')[0]}`);
    return undefined;
  }
}

/** Title and first step per playbook id. */
export function playbookLookup(set: PlaybookSet | undefined): PlaybookLookup {
  const byId = new Map((set?.playbooks ?? []).map((p) => [p.id, p]));
  return {
    title: (id) => byId.get(id)?.title,
    firstStep: (id) => byId.get(id)?.revoke[0],
  };
}

/** Where the steps of a playbook are published. */
export function playbookUrl(id: string): string {
  return `${INFORMATION_URI}/blob/main/rules/playbooks/${encodeURIComponent(id)}.yaml`;
}

function helpMarkdown(p: Playbook): string {
  return [`**${p.title}** (${p.provider}). ${p.grants}`, '', '**Revoke**', '', numbered(p.revoke), '', '**Rotate**', '', numbered(p.rotate.steps), '', `All steps: \`keywarden playbook ${p.id}\` or ${playbookUrl(p.id)}`].join('\n');
}

/** SARIF rule help from the playbook of each rule (revoke and rotate steps). */
export function sarifHelp(set: PlaybookSet | undefined, playbookOfRule: (ruleId: string) => string | undefined): ReportContext['helpFor'] {
  if (!set) return undefined;
  return (ruleId) => {
    const p = set.playbooks.find((x) => x.id === playbookOfRule(ruleId));
    if (!p) return undefined;
    const markdown = helpMarkdown(p);
    return { text: markdown.replace(/\*\*/g, '').replace(/`/g, ''), markdown };
  };
}
