// Dispatches `keywarden <command>` and maps every failure to a one-line message and exit code 2.
import { didYouMean } from '../core/nearest.ts';
import { quoteUserValue } from '../core/quote.ts';
import { printable } from '../core/printable.ts';
import { UsageError } from './args.ts';
import { MAIN_HELP } from './help.ts';
import { EXIT_ERROR, EXIT_OK, type CliIO, type Command } from './io.ts';
import { VERSION_ARGS, versionText } from './version.ts';

/** Registered subcommands, each loaded on use (`--version` and `scan` never parse `init`'s code). */
export const COMMANDS: Record<string, () => Promise<Command>> = {
  scan: async () => (await import('./commands/scan.ts')).scanCommand,
  rules: async () => (await import('./commands/rules.ts')).rulesCommand,
  playbook: async () => (await import('./commands/playbook.ts')).playbookCommand,
  ignore: async () => (await import('./commands/ignore.ts')).ignoreCommand,
  baseline: async () => (await import('./commands/baseline.ts')).baselineCommand,
  init: async () => (await import('./commands/init.ts')).initCommand,
  merge: async () => (await import('./commands/merge.ts')).mergeCommand,
  'org-plan': async () => (await import('./commands/org-plan.ts')).orgPlanCommand,
};

/** Runs the CLI with `argv` (without `node` and the script) and returns the exit code. */
export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(MAIN_HELP);
    return name ? EXIT_OK : EXIT_ERROR;
  }
  if (VERSION_ARGS.includes(name)) {
    io.stdout(versionText());
    return EXIT_OK;
  }
  const load = COMMANDS[name];
  if (!load) {
    const near = didYouMean(name, [...Object.keys(COMMANDS), 'version', 'help']);
    io.stderr(`keywarden: unknown command ${quoteUserValue(name)}${near || ` (commands: ${Object.keys(COMMANDS).join(', ')}, version, help)`}\n`);
    return EXIT_ERROR;
  }
  try {
    const command = await load();
    return await command(rest, io);
  } catch (e) {
    const err = e as Error;
    const prefix = err instanceof UsageError ? 'usage error' : 'error';
    io.stderr(`keywarden: ${prefix}: ${printable(firstLine(err))}\n`);
    if (io.env.KEYWARDEN_DEBUG) io.stderr(`${err.stack ?? ''}\n`);
    return EXIT_ERROR;
  }
}

function firstLine(err: Error): string {
  const msg = err.message || String(err);
  const lines = msg.split('\n');
  return lines.length > 1 ? `${lines[0]} (and ${lines.length - 1} more)` : (lines[0] ?? '');
}
