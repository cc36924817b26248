// `keywarden init`: writes a starter .keywarden.yml, a GitHub Actions workflow and a pre-commit hook
// entry. Existing files are kept (and said so) unless --force; with --force, hook files that already
// exist get keywarden added rather than being replaced.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { addToHuskyHook, addToLefthookConfig, addToPreCommitConfig, HOOK_KINDS, type HookKind } from '../../config/hook-files.ts';
import { huskyHook, lefthookConfig, preCommitConfig, starterConfig, workflowFile } from '../../config/init-templates.ts';
import { parseCommandArgs, UsageError } from '../args.ts';
import { EXIT_OK, type Command } from '../io.ts';

const USAGE = `Usage: keywarden init [options]

Writes, in the current directory (a repository root):
  .keywarden.yml                    starter configuration
  .github/workflows/keywarden.yml   pull-request, push and nightly history scans
  a pre-commit hook entry           .pre-commit-config.yaml, .husky/pre-commit or lefthook.yml
Existing files are left alone unless --force.

Options:
      --hook KIND     pre-commit, husky, lefthook or none (default: husky if .husky/ exists,
                      lefthook if lefthook.yml exists, else pre-commit)
      --branch NAME   branch whose pushes the workflow scans (default: the repository's default branch)
      --action REF    the Action's uses: reference (default: keywarden/keywarden@v1)
      --force         overwrite the configuration and workflow; add keywarden to existing hook files
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
  path: string;
  content: string;
  /** Hook files: how to add keywarden to an existing file (used with --force). */
  merge?: (existing: string) => string;
}

/** Entry point of the `init` subcommand. */
export const initCommand: Command = async (args, io) => {
  const parsed = parseCommandArgs(args, OPTIONS, false);
  const v = parsed.values;
  if (v.help) {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  const root = resolve(io.cwd, v.dir ?? '.');
  if (v.hook !== undefined && !(HOOK_KINDS as readonly string[]).includes(v.hook)) throw new UsageError(`--hook: "${v.hook}" is not one of ${HOOK_KINDS.join(', ')}`);
  const hook = (v.hook as HookKind | undefined) ?? detectHook(root);
  const planned: Planned[] = [
    { path: '.keywarden.yml', content: starterConfig() },
    { path: '.github/workflows/keywarden.yml', content: workflowFile({ branch: v.branch ?? defaultBranch(root), actionRef: v.action }) },
    ...hookFiles(hook, v.action),
  ];
  for (const p of planned) io.stdout(`${await writePlanned(root, p, Boolean(v.force))}\n`);
  if (hook === 'pre-commit') io.stdout("Next: 'pre-commit install' to enable the hook in this clone.\n");
  if (hook === 'husky') io.stdout("Next: 'npm i -D husky keywarden' and \"prepare\": \"husky\" in package.json, if not done yet.\n");
  if (hook === 'lefthook') io.stdout("Next: 'npx lefthook install' to enable the hook in this clone.\n");
  return EXIT_OK;
};

function hookFiles(hook: HookKind, actionRef: string | undefined): Planned[] {
  switch (hook) {
    case 'pre-commit':
      return [{ path: '.pre-commit-config.yaml', content: preCommitConfig(actionRef), merge: (t) => addToPreCommitConfig(t, actionRef) }];
    case 'husky':
      return [{ path: '.husky/pre-commit', content: huskyHook(), merge: addToHuskyHook }];
    case 'lefthook':
      return [{ path: 'lefthook.yml', content: lefthookConfig(), merge: addToLefthookConfig }];
    default:
      return [];
  }
}

/** Writes one planned file and says what happened. */
async function writePlanned(root: string, p: Planned, force: boolean): Promise<string> {
  const abs = join(root, p.path);
  if (!existsSync(abs)) {
    await mkdir(dirname(abs), { recursive: true });
    await writeFile(abs, p.content, p.path.startsWith('.husky/') ? { mode: 0o755 } : undefined);
    return `created ${p.path}`;
  }
  const existing = await readFile(abs, 'utf8');
  if (p.merge && /keywarden/.test(existing)) return `kept ${p.path} (it already runs keywarden)`;
  if (!force) return `kept ${p.path} (it exists; --force to ${p.merge ? 'add keywarden to it' : 'overwrite it'})`;
  await writeFile(abs, p.merge ? p.merge(existing) : p.content);
  return p.merge ? `added keywarden to ${p.path}` : `overwrote ${p.path}`;
}

function detectHook(root: string): HookKind {
  if (existsSync(join(root, '.husky'))) return 'husky';
  if (existsSync(join(root, 'lefthook.yml'))) return 'lefthook';
  return 'pre-commit';
}

/** The remote's default branch, else the current branch, else `main`. */
function defaultBranch(root: string): string {
  const git = (...a: string[]): string | undefined => {
    try {
      return execFileSync('git', a, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 }).trim() || undefined;
    } catch {
      return undefined;
    }
  };
  return git('symbolic-ref', '--short', 'refs/remotes/origin/HEAD')?.replace(/^origin\//, '') ?? git('branch', '--show-current') ?? 'main';
}
