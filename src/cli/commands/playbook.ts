// `keywarden playbook <rule-id|type>`: the rotate-and-revoke steps for one secret type.
// `keywarden playbook --list`: every playbook id. Unknown id: one line with the closest ids, exit 2.
import { builtinPlaybooks, builtinRuleSpecs } from '../../data/builtin.ts';
import { closestIds, playbookFor } from '../../playbook/resolve.ts';
import { renderPlaybookList, renderPlaybookText } from '../../playbook/render.ts';
import { colorEnabled, EXIT_ERROR, EXIT_OK, type CliIO, type Command } from '../io.ts';

const USAGE = `Usage: keywarden playbook <rule-id|type>   steps to revoke, rotate and clean up a leaked secret
       keywarden playbook --list             every secret type with a playbook
Options: --no-color  plain text even on a terminal
`;

function useColor(io: CliIO, flags: Set<string>): boolean {
  return colorEnabled(io.env, io.isTTY, flags.has('--no-color'));
}

/** Entry point of the `playbook` subcommand. */
export const playbookCommand: Command = async (args, io) => {
  const flags = new Set(args.filter((a) => a.startsWith('-')));
  const names = args.filter((a) => !a.startsWith('-'));
  const unknown = [...flags].filter((f) => !['--list', '--no-color', '--help', '-h'].includes(f));
  if (flags.has('--help') || flags.has('-h')) {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  const wantsList = flags.has('--list');
  if (unknown.length || names.length > 1 || (wantsList ? names.length !== 0 : names.length !== 1)) {
    io.stderr(`keywarden playbook: ${unknown.length ? `unknown option ${unknown[0]}` : 'give one rule id or secret type, or --list'}\n${USAGE}`);
    return EXIT_ERROR;
  }
  const set = builtinPlaybooks();
  if (wantsList) {
    io.stdout(renderPlaybookList(set.playbooks));
    return EXIT_OK;
  }
  const specs = builtinRuleSpecs().map((s) => s.spec);
  const name = names[0] ?? '';
  const playbook = playbookFor(name, set.playbooks, specs);
  if (!playbook) {
    const near = closestIds(name, [...set.playbooks.map((p) => p.id), ...specs.map((s) => s.id)]);
    io.stderr(`keywarden playbook: no playbook or rule ${JSON.stringify(name)}; closest: ${near.join(', ')} (see --list)\n`);
    return EXIT_ERROR;
  }
  io.stdout(renderPlaybookText(playbook, set.common, { color: useColor(io, flags) }));
  return EXIT_OK;
};
