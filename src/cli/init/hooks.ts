// Which hook manager a project uses, and whether a hook written for it is active in this clone.
// `keywarden init` writes the hook for the manager in use (an npm project with husky gets
// .husky/pre-commit, not a pre-commit-framework config that needs Python) and never leaves a hook
// silently inactive: what is not yet active is said, with the one command that activates it.
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';

/** Hook managers `keywarden init` can set up. `git` is a plain hook in the clone's hooks directory. */
export type HookKind = 'husky' | 'lefthook' | 'simple-git-hooks' | 'pre-commit' | 'git' | 'none';
export const HOOK_KINDS: readonly HookKind[] = ['husky', 'lefthook', 'simple-git-hooks', 'pre-commit', 'git', 'none'];

/** The facts about a project that decide its hook manager. */
export interface ProjectFacts {
  /** package.json, parsed; undefined when there is none (or it does not parse). */
  packageJson?: Record<string, unknown>;
  /** Files and folders present at the root. */
  has: (path: string) => boolean;
}

export function readProjectFacts(root: string): ProjectFacts {
  let packageJson: Record<string, unknown> | undefined;
  const pj = join(root, 'package.json');
  if (existsSync(pj)) {
    try {
      const parsed: unknown = JSON.parse(readFileSync(pj, 'utf8'));
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) packageJson = parsed as Record<string, unknown>;
    } catch {
      // An unparsable package.json: decided as if absent; init writes no package.json change then.
    }
  }
  return { packageJson, has: (p) => existsSync(join(root, p)) };
}

/** True when package.json lists `name` in any dependency field. */
export function dependsOn(pkg: Record<string, unknown> | undefined, name: string): boolean {
  if (!pkg) return false;
  return ['dependencies', 'devDependencies', 'optionalDependencies'].some((k) => {
    const deps = pkg[k];
    return Boolean(deps && typeof deps === 'object' && name in deps);
  });
}

export const LEFTHOOK_FILES = ['lefthook.yml', 'lefthook.yaml', '.lefthook.yml', '.lefthook.yaml'];

/**
 * The hook manager in use: husky, lefthook or simple-git-hooks when the project shows one; a plain git
 * hook for any other npm project (it works at once, with no Python); the pre-commit framework otherwise.
 */
export function detectHook(facts: ProjectFacts): HookKind {
  const pkg = facts.packageJson;
  if (facts.has('.husky') || dependsOn(pkg, 'husky')) return 'husky';
  if (LEFTHOOK_FILES.some((f) => facts.has(f)) || dependsOn(pkg, 'lefthook') || dependsOn(pkg, '@evilmartians/lefthook')) return 'lefthook';
  if ((pkg && 'simple-git-hooks' in pkg) || dependsOn(pkg, 'simple-git-hooks') || facts.has('.simple-git-hooks.json')) return 'simple-git-hooks';
  if (facts.has('.pre-commit-config.yaml')) return 'pre-commit';
  if (pkg) return 'git';
  return 'pre-commit';
}

/** `core.hooksPath` as git reports it (absolute or relative to the work tree), or undefined. */
export type GitQuery = (...args: string[]) => string | undefined;

/** Absolute path of the clone's pre-commit hook file (git run in `root`), honouring `core.hooksPath`. */
export function gitHookPath(root: string, git: GitQuery): string | undefined {
  const hooksPath = git('config', '--get', 'core.hooksPath');
  if (hooksPath) return isAbsolute(hooksPath) ? join(hooksPath, 'pre-commit') : join(root, hooksPath, 'pre-commit');
  const gitPath = git('rev-parse', '--git-path', 'hooks/pre-commit');
  if (!gitPath) return undefined;
  return isAbsolute(gitPath) ? gitPath : join(root, gitPath);
}

/** Is husky installed in this clone (git runs .husky/_ hooks)? */
export function huskyActive(git: GitQuery): boolean {
  const hooksPath = git('config', '--get', 'core.hooksPath');
  return Boolean(hooksPath && /(^|\/)\.husky(\/_)?\/?$/.test(hooksPath));
}
