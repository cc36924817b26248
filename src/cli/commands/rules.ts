// `keywarden rules`: list the active rules.
import { builtinRuleSpecs } from '../../data/builtin.ts';
import { EXIT_OK, type Command } from '../io.ts';

export const rulesCommand: Command = async (args, io) => {
  const specs = builtinRuleSpecs().map((s) => s.spec);
  if (args.includes('--json')) {
    io.stdout(`${JSON.stringify(specs.map(({ id, name, severity, playbook, enabled }) => ({ id, name, severity, playbook, enabled: enabled !== false })), null, 2)}\n`);
    return EXIT_OK;
  }
  const w = Math.max(...specs.map((s) => s.id.length));
  for (const s of specs) io.stdout(`${s.id.padEnd(w)}  ${s.severity.padEnd(8)}  ${s.playbook.padEnd(20)}  ${s.name}${s.enabled === false ? ' (off by default)' : ''}\n`);
  io.stdout(`${specs.length} rules\n`);
  return EXIT_OK;
};
