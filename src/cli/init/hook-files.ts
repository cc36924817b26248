// Adding keywarden to hook files that already exist (`keywarden init --force`), keeping everything
// else in them: the pre-commit framework's repos list, a husky hook script, lefthook's commands.
import { isSeq, parseDocument } from 'yaml';
import { HOOK_COMMAND, preCommitRepoEntry } from './templates.ts';

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

/** A plain git hook script (`.git/hooks/pre-commit`) with the keywarden command appended. */
export function addToGitHook(text: string): string {
  if (!text.trim()) return gitHook();
  return addToHuskyHook(text);
}

/** A new plain git hook script. */
export function gitHook(): string {
  return `#!/bin/sh\n# Installed by \`keywarden init\`: blocks a commit that adds a secret.\n${HOOK_COMMAND}\n`;
}

/**
 * package.json text with keywarden in `simple-git-hooks.pre-commit` (run after what is there, joined
 * with `&&`), keeping the file's indentation. Throws when the text is not a JSON object.
 */
export function addToSimpleGitHooks(packageJsonText: string): string {
  const pkg: unknown = JSON.parse(packageJsonText);
  if (!pkg || typeof pkg !== 'object' || Array.isArray(pkg)) throw new Error('package.json is not a JSON object');
  const obj = pkg as Record<string, unknown>;
  const current = obj['simple-git-hooks'];
  const hooks: Record<string, unknown> = current && typeof current === 'object' && !Array.isArray(current) ? { ...(current as Record<string, unknown>) } : {};
  const existing = typeof hooks['pre-commit'] === 'string' ? hooks['pre-commit'].trim() : '';
  hooks['pre-commit'] = existing ? `${existing} && ${HOOK_COMMAND}` : HOOK_COMMAND;
  obj['simple-git-hooks'] = hooks;
  const indent = /^[{[]\n([ \t]+)/.exec(packageJsonText)?.[1] ?? '  ';
  return `${JSON.stringify(obj, null, indent)}\n`;
}
