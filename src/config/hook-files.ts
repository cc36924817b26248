// Adding keywarden to hook files that already exist (`keywarden init --force`), keeping everything
// else in them: the pre-commit framework's repos list, a husky hook script, lefthook's commands.
import { isSeq, parseDocument } from 'yaml';
import { HOOK_COMMAND, preCommitRepoEntry } from './init-templates.ts';

/** Hook managers `keywarden init` can set up. */
export type HookKind = 'pre-commit' | 'husky' | 'lefthook' | 'none';
export const HOOK_KINDS: readonly HookKind[] = ['pre-commit', 'husky', 'lefthook', 'none'];

/** `.pre-commit-config.yaml` text with keywarden's repo appended to `repos`. */
export function addToPreCommitConfig(text: string, actionRef?: string): string {
  const doc = parseDocument(text);
  const entry = doc.createNode(preCommitRepoEntry(actionRef));
  const repos = doc.get('repos', true);
  if (isSeq(repos)) repos.add(entry);
  else doc.set('repos', doc.createNode([preCommitRepoEntry(actionRef)]));
  return doc.toString();
}

/** A husky hook script with the keywarden command appended. */
export function addToHuskyHook(text: string): string {
  return `${text}${text && !text.endsWith('\n') ? '\n' : ''}${HOOK_COMMAND}\n`;
}

/** `lefthook.yml` text with a `pre-commit.commands.keywarden` command. */
export function addToLefthookConfig(text: string): string {
  const doc = parseDocument(text);
  doc.setIn(['pre-commit', 'commands', 'keywarden', 'run'], HOOK_COMMAND);
  return doc.toString();
}
