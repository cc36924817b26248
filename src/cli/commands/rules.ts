// `keywarden rules [--config FILE] [--json]`: list the rules a scan here would use, built-in and custom.
// `keywarden rules test FILE`: run the examples of a custom rule file; exit 1 when one fails.
import { resolve } from 'node:path';
import { displayPath, loadConfigFor } from '../../config/load.ts';
import { resolveConfig } from '../../config/merge.ts';
import { loadRulesForTest, testRuleExamples } from '../../rules/rule-test.ts';
import { builtinRuleSpecs } from '../../data/builtin.ts';
import { defaultSettings } from '../../settings.ts';
import { parseCommandArgs, UsageError } from '../args.ts';
import { EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, type CliIO, type Command } from '../io.ts';

const USAGE = `Usage: keywarden rules [--config FILE] [--json]   list the rules (built-in and from .keywarden.yml)
       keywarden rules test FILE                   run the examples of a rule file or .keywarden.yml
`;

const OPTIONS = { json: { type: 'boolean' }, config: { type: 'string', short: 'c' }, help: { type: 'boolean', short: 'h' } } as const;

/** Entry point of the `rules` subcommand. */
export const rulesCommand: Command = async (args, io) => {
  if (args[0] === 'test') return rulesTest(args.slice(1), io);
  const parsed = parseCommandArgs(args, OPTIONS, false);
  const v = parsed.values;
  if (v.help) {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  const loaded = await loadConfigFor(io.cwd, v.config ? resolve(io.cwd, v.config) : undefined, { probe: false });
  const resolved = resolveConfig(loaded, defaultSettings(io.cwd), builtinRuleSpecs);
  const custom = new Set(loaded?.config.rules?.map((r) => r.id));
  const enable = new Set(resolved.enable);
  const disable = new Set(resolved.disable);
  const rows = resolved.specs.map(({ spec, source }) => {
    const enabled = !disable.has(spec.id) && (spec.enabled !== false || enable.has(spec.id));
    const note = disable.has(spec.id) ? ' (disabled by config)' : enabled ? '' : ' (off by default)';
    return { id: spec.id, name: spec.name, severity: spec.severity, playbook: spec.playbook, enabled, source, note: `${note}${custom.has(spec.id) ? ` (custom, ${source})` : ''}` };
  });
  if (v.json) {
    io.stdout(`${JSON.stringify(rows.map(({ note: _note, ...r }) => r), null, 2)}\n`);
    return EXIT_OK;
  }
  const w = Math.max(...rows.map((r) => r.id.length));
  for (const r of rows) io.stdout(`${r.id.padEnd(w)}  ${r.severity.padEnd(8)}  ${r.playbook.padEnd(20)}  ${r.name}${r.note}\n`);
  io.stdout(`${rows.length} rules${loaded ? ` (configuration: ${loaded.source})` : ''}\n`);
  return EXIT_OK;
};

/** `rules test FILE`: one line per example, a summary, exit 1 on any failure. */
async function rulesTest(args: string[], io: CliIO): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  const file = args[0];
  if (args.length !== 1 || file === undefined || file.startsWith('-')) throw new UsageError('rules test takes one file (a rule file or .keywarden.yml)');
  const path = resolve(io.cwd, file);
  const source = displayPath(path, io.cwd);
  const specs = await loadRulesForTest(path, source);
  if (specs.length === 0) {
    io.stderr(`keywarden rules test: ${source} has no rules\n`);
    return EXIT_ERROR;
  }
  const results = testRuleExamples(specs);
  const w = Math.max(...results.map((r) => r.ruleId.length));
  for (const r of results) {
    const what = `${r.kind === 'example' ? 'example' : 'negative example'} #${r.index}`;
    const why = r.kind === 'example' ? `not reported by ${r.ruleId}: ${r.detail}` : r.detail;
    io.stdout(`${r.ok ? 'pass' : 'FAIL'}  ${r.ruleId.padEnd(w)}  ${r.ok ? what : `${what.padEnd(20)}  ${why}`}\n`);
  }
  const failed = results.filter((r) => !r.ok).length;
  io.stdout(`${results.length} examples of ${specs.length} rule${specs.length === 1 ? '' : 's'}: ${results.length - failed} passed, ${failed} failed\n`);
  return failed ? EXIT_FINDINGS : EXIT_OK;
}
