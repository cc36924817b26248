// SARIF rule help from the playbooks: code scanning shows it on every alert, so the revoke and
// rotate steps are one click away from the finding (CLI and Action alike).
import type { ReportContext } from '../reporters/reporter.ts';
import { INFORMATION_URI } from '../version.ts';
import { numbered } from './markdown.ts';
import type { Playbook, PlaybookSet } from './types.ts';

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
