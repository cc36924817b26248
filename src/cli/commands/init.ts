// `keywarden init`: writes a starter .keywarden.yml, a GitHub Actions workflow and a pre-commit hook
// for the hook manager the project uses (husky, lefthook, simple-git-hooks, the pre-commit framework,
// or a plain git hook in an npm project that has none). A hook file that exists gets keywarden added;
// a hook that is not active in this clone is said so, with the command that activates it. Existing
// configuration and workflow files are kept unless --force, which saves the old file as `<file>.bak`.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { writeFileSafely } from '../../safe-write.ts';
import { addToGitHook, addToHuskyHook, addToLefthookConfig, addToPreCommitConfig, addToSimpleGitHooks, gitHook } from '../init/hook-files.ts';
import { HOOK_COMMAND, huskyHook, lefthookConfig, preCommitConfig, starterConfig, workflowFile } from '../init/templates.ts';
import { parseCommandArgs, UsageError } from '../args.ts';
import { dependsOn, detectHook, gitHookPath, HOOK_KINDS, huskyActive, LEFTHOOK_FILES, readProjectFacts, type GitQuery, type HookKind } from '../init/hooks.ts';
import { EXIT_ERROR, EXIT_OK, type Command } from '../io.ts';
import { gitSyncText } from '../../sources/git/run.ts';

const USAGE = `Usage: keywarden init [options]

Writes, in the current directory (a repository root):
  .keywarden.yml                    starter configuration
  .github/workflows/keywarden.yml   pull-request, push and nightly history scans
  a pre-commit hook                 for the hook manager the project uses:
                                      husky             .husky/pre-commit
                                      lefthook          lefthook.yml
                                      simple-git-hooks  package.json "simple-git-hooks"
                                      pre-commit        .pre-commit-config.yaml (the Python framework)
                                      git               .git/hooks/pre-commit (npm projects with no manager)
A hook file that exists gets keywarden added. Configuration and workflow files that exist are kept
unless --force (the old file is saved as <file>.bak).

Options:
      --hook [KIND]   write only the hook; KIND is one of ${HOOK_KINDS.join(', ')}, or auto
                      (default: detected from package.json, .husky/, lefthook.yml, .pre-commit-config.yaml)
      --branch NAME   branch whose pushes the workflow scans (default: the repository's default branch)
      --action REF    the Action's uses: reference (default: keywarden/keywarden@v1)
      --force         overwrite the configuration and workflow (keeping a .bak copy)
      --dir DIR       where to write (default: current directory)
`;

const OPTIONS = {
  hook: { type: 'string' },
  branch: { type: 'string' },
  action: { type: 'string' },
  force: { type: 'boolean' },
  dir: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** A file init may write: its content when new, and how to add keywarden to an existing one. */
interface Planned {
  /** Path relative to the root, or absolute (a git hook outside the work tree). */
  path: string;
  content: string;
  /** Hook files: how to add keywarden to an existing file. */
  merge?: (existing: string) => string;
  /** Written with the executable bit (hook scripts). */
  executable?: boolean;
  /** Does the existing file already run keywarden? Default: it mentions keywarden. */
  runsKeywarden?: (existing: string) => boolean;
}

/** `--hook` with no value (last, or followed by another option) means `--hook auto`. */
function withHookDefault(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    out.push(a);
    if (a === '--hook' && (i + 1 >= args.length || (args[i + 1] ?? '').startsWith('-'))) out.push('auto');
  }
  return out;
}

/** Entry point of the `init` subcommand. */
export const initCommand: Command = async (args, io) => {
  const parsed = parseCommandArgs(withHookDefault(args), OPTIONS, false);
  const v = parsed.values;
  if (v.help) {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  const root = resolve(io.cwd, v.dir ?? '.');
  const kinds: readonly string[] = [...HOOK_KINDS, 'auto'];
  if (v.hook !== undefined && !kinds.includes(v.hook)) throw new UsageError(`--hook: "${v.hook}" is not one of ${kinds.join(', ')}`);
  const git = gitIn(root);
  const facts = readProjectFacts(root);
  const hook: HookKind = v.hook === undefined || v.hook === 'auto' ? detectHook(facts) : (v.hook as HookKind);
  const hookOnly = v.hook !== undefined;
  const planned: Planned[] = hookOnly
    ? []
    : [
        { path: '.keywarden.yml', content: starterConfig() },
        { path: '.github/workflows/keywarden.yml', content: workflowFile({ branch: v.branch ?? defaultBranch(git), actionRef: v.action }) },
      ];
  const hookPlan = hookFiles(hook, root, git, v.action);
  if (hookPlan === undefined) {
    io.stderr('keywarden init: no git hooks directory here (not a git repository?): run `git init` first, or pick a hook manager with --hook\n');
    return EXIT_ERROR;
  }
  planned.push(...hookPlan);
  for (const p of planned) io.stdout(`${await writePlanned(root, p, Boolean(v.force))}\n`);
  for (const line of activation(hook, facts, git)) io.stdout(`${line}\n`);
  return EXIT_OK;
};

function hookFiles(hook: HookKind, root: string, git: GitQuery, actionRef: string | undefined): Planned[] | undefined {
  switch (hook) {
    case 'pre-commit':
      return [{ path: '.pre-commit-config.yaml', content: preCommitConfig(actionRef), merge: (t) => addToPreCommitConfig(t, actionRef) }];
    case 'husky':
      return [{ path: '.husky/pre-commit', content: huskyHook(), merge: addToHuskyHook, executable: true }];
    case 'lefthook': {
      const existing = LEFTHOOK_FILES.find((f) => existsSync(join(root, f))) ?? 'lefthook.yml';
      return [{ path: existing, content: lefthookConfig(), merge: addToLefthookConfig }];
    }
    case 'simple-git-hooks':
      return [{ path: 'package.json', content: addToSimpleGitHooks('{}'), merge: addToSimpleGitHooks, runsKeywarden: simpleGitHooksRunKeywarden }];
    case 'git': {
      const path = gitHookPath(root, git);
      return path ? [{ path, content: gitHook(), merge: addToGitHook, executable: true }] : undefined;
    }
    default:
      return [];
  }
}

/** Lines that say whether the hook runs now, and if not, the one command that makes it run. */
function activation(hook: HookKind, facts: ReturnType<typeof readProjectFacts>, git: GitQuery): string[] {
  switch (hook) {
    case 'pre-commit':
      return ["Not active yet: run 'pre-commit install' once in each clone (the framework needs Python; npm projects can use --hook git or husky instead)."];
    case 'husky': {
      const lines: string[] = [];
      if (!dependsOn(facts.packageJson, 'husky')) lines.push("husky is not a dependency: run 'npm i -D husky keywarden' and 'npm pkg set scripts.prepare=husky'.");
      lines.push(huskyActive(git) ? 'Active: husky runs .husky/pre-commit on every commit.' : "Not active in this clone yet: run 'npx husky' (or 'npm install', which runs husky's prepare script).");
      return lines;
    }
    case 'lefthook':
      return ["Not active until installed in this clone: run 'npx lefthook install'."];
    case 'simple-git-hooks':
      return ["Not active until applied: run 'npx simple-git-hooks' (again after each change of its configuration)."];
    case 'git':
      return [
        `Active: git runs the hook on every commit in this clone (${HOOK_COMMAND}).`,
        "It is not shared through the repository: teammates run 'npx keywarden init --hook' once, or adopt husky to share it.",
      ];
    default:
      return ['No hook written (--hook none).'];
  }
}

/** Writes one planned file and says what happened. Never leaves a hook file without keywarden silently. */
async function writePlanned(root: string, p: Planned, force: boolean): Promise<string> {
  const abs = resolve(root, p.path);
  const shown = relative(root, abs).startsWith('..') ? abs : relative(root, abs);
  const mode = p.executable ? { mode: 0o755 } : undefined;
  if (!existsSync(abs)) {
    await writeFileSafely(abs, p.content, mode);
    return `created ${shown}`;
  }
  const existing = await readFile(abs, 'utf8');
  if (p.merge) {
    if ((p.runsKeywarden ?? ((t: string) => /\bkeywarden\b/.test(t)))(existing)) return `kept ${shown} (it already runs keywarden)`;
    await writeFileSafely(abs, p.merge(existing), mode);
    return `added keywarden to ${shown}`;
  }
  if (!force) return `kept ${shown} (it exists; --force to overwrite it, keeping a .bak copy)`;
  const backup = backupName(abs);
  await writeFileSafely(backup, existing);
  await writeFileSafely(abs, p.content);
  return `overwrote ${shown} (the previous version is in ${relative(root, backup)})`;
}

/** package.json: keywarden is a dependency there, so only its simple-git-hooks entry counts. */
function simpleGitHooksRunKeywarden(text: string): boolean {
  try {
    const hooks = (JSON.parse(text) as { 'simple-git-hooks'?: Record<string, unknown> })['simple-git-hooks'];
    return typeof hooks?.['pre-commit'] === 'string' && hooks['pre-commit'].includes('keywarden');
  } catch {
    return false;
  }
}

/** `<file>.bak`, or `<file>.bak.2`, `.bak.3`… when taken. */
function backupName(abs: string): string {
  if (!existsSync(`${abs}.bak`)) return `${abs}.bak`;
  let n = 2;
  while (existsSync(`${abs}.bak.${n}`)) n++;
  return `${abs}.bak.${n}`;
}

/** Runs git in `root`; undefined when it fails or prints nothing. */
function gitIn(root: string): GitQuery {
  return (...a: string[]) => gitSyncText(root, a);
}

/** The remote's default branch, else the current branch, else `main`. */
function defaultBranch(git: GitQuery): string {
  return git('symbolic-ref', '--short', 'refs/remotes/origin/HEAD')?.replace(/^origin\//, '') ?? git('branch', '--show-current') ?? 'main';
}
