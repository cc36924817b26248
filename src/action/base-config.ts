// On pull requests and merge queues, the files that tell keywarden what to skip come from the base
// commit, not from the change under review: otherwise a pull request could add `allowlist: {paths:
// ['**']}`, `extends: none`, an ignore line or a baseline entry next to its secret and pass. Each file
// is read with `git cat-file blob BASE:./path`, copied to a private directory and handed to the scan;
// a file the pull request changes gets a notice, and its changes take effect once merged.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, isAbsolute, join, relative, sep } from 'node:path';
import { BASELINE_FILE } from '../config/baseline.ts';
import { IGNORE_FILE } from '../config/ignore-file.ts';
import { CONFIG_FILE_NAMES } from '../config/find.ts';
import type { Logger } from '../logger.ts';
import { ensureCommits, ShallowCheckoutError, type Git } from './commits.ts';

/** Where the scan reads its configuration from, and what the reader should be told. */
export interface TrustedFiles {
  /** The base commit's configuration file (an empty one when the base has none). */
  configPath: string;
  /** The base commit's baseline, when one was asked for and the base has it. */
  baselinePath?: string;
  /** The base commit's ignore file (absent when the base has none). */
  ignorePath: string;
  /** Visible notices: the pull request changes files that only take effect once merged. */
  notices: string[];
}

/** The paths the Action would otherwise read, relative to the workspace where they are inside it. */
export interface ConfigRequest {
  workspace: string;
  configPath?: string;
  baselinePath?: string;
  /** Directory for the copies; default: RUNNER_TEMP or the system temp directory. */
  tempDir?: string;
}

/** `path` relative to `workspace` with `/`, or undefined when it lies outside (not in the repository). */
function inRepo(workspace: string, path: string): string | undefined {
  const rel = relative(workspace, path);
  return rel && !rel.startsWith(`..`) && !isAbsolute(rel) ? rel.split(sep).join('/') : undefined;
}

/** The blob at `commit:./rel`, or undefined when the commit has no such file. */
async function blobAt(git: Git, commit: string, rel: string): Promise<string | undefined> {
  const spec = `${commit}:./${rel}`;
  if ((await git(['cat-file', '-e', spec])).code !== 0) return undefined;
  const res = await git(['cat-file', 'blob', spec]);
  if (res.code !== 0) throw new Error(`cannot read ${rel} at ${commit.slice(0, 12)}: ${res.stderr.trim().split('\n')[0]}`);
  return res.stdout;
}

async function workspaceText(path: string): Promise<string | undefined> {
  return readFile(path, 'utf8').catch(() => undefined);
}

/** Reads the configuration, ignore file and baseline from `base`; notes the files the checkout changes. */
export async function configFromBase(git: Git, base: string, req: ConfigRequest, logger: Logger): Promise<TrustedFiles> {
  if (!(await ensureCommits(git, [base], logger))) throw new ShallowCheckoutError(`the base commit ${base.slice(0, 12)}, whose configuration applies to this change, could not be fetched`);
  const dir = await mkdtemp(join(req.tempDir ?? process.env.RUNNER_TEMP ?? tmpdir(), 'keywarden-base-'));
  const changed: string[] = [];
  const copy = async (rel: string, baseText: string | undefined): Promise<void> => {
    if ((await workspaceText(join(req.workspace, rel))) !== baseText) changed.push(rel);
  };

  // Configuration: the named file, or the first default name the base commit has.
  const configNames = req.configPath ? [inRepo(req.workspace, req.configPath)] : [...CONFIG_FILE_NAMES];
  let configPath = join(dir, CONFIG_FILE_NAMES[0]);
  let configText = '';
  if (req.configPath && !configNames[0]) {
    configPath = req.configPath; // outside the repository: not something a pull request can change
  } else {
    let found = false;
    for (const rel of configNames as string[]) {
      const text = await blobAt(git, base, rel);
      await copy(rel, text);
      if (text !== undefined && !found) {
        found = true;
        configText = text;
        configPath = join(dir, basename(rel));
      }
    }
    await writeFile(configPath, configText);
  }

  const ignoreText = await blobAt(git, base, IGNORE_FILE);
  await copy(IGNORE_FILE, ignoreText);
  const ignorePath = join(dir, IGNORE_FILE);
  if (ignoreText !== undefined) await writeFile(ignorePath, ignoreText);

  let baselinePath: string | undefined;
  if (req.baselinePath) {
    const rel = inRepo(req.workspace, req.baselinePath);
    if (!rel) baselinePath = req.baselinePath;
    else {
      const text = await blobAt(git, base, rel);
      await copy(rel, text);
      if (text !== undefined) await writeFile((baselinePath = join(dir, `base-${basename(rel) || BASELINE_FILE}`)), text);
    }
  }

  const notices = changed.length
    ? [
        `This change edits ${changed.map((f) => `\`${f}\``).join(', ')}. keywarden read ${changed.length === 1 ? 'it' : 'them'} from the base commit ${base.slice(0, 7)} instead: changes to what keywarden skips take effect only once they are merged.`,
      ]
    : [];
  for (const n of notices) logger.warn(n);
  return { configPath, baselinePath, ignorePath, notices };
}
