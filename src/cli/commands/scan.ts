// `keywarden scan`: run a scan, render the report, pick the exit code.
import type { ScanResult } from '../../core/types.ts';
import { atLeastSeverity } from '../../engine/thresholds.ts';
import { streamLogger, type Logger } from '../../logger.ts';
import { summaryLine } from '../../reporters/text.ts';
import { writeFileSafely } from '../../safe-write.ts';
import { scan } from '../../scan.ts';
import { parseScanArgs, UsageError, type ScanCommandOptions } from '../args.ts';
import { REPORTERS, reportContext } from '../reporters.ts';
import { colorEnabled, EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, type CliIO, type Command } from '../io.ts';
import { progressLine } from '../progress.ts';
import { SCAN_HELP } from '../help.ts';
import { commitHints } from '../hints.ts';
import { builtinPlaybooks } from '../../data/builtin.ts';
import { rootAtScannedDirectory } from '../scan-root.ts';
import { renderIncidentMarkdown } from '../../playbook/incident.ts';

/** Exit code for a result: 1 when a secret reaches the fail-on severity. */
export function exitCodeFor(result: ScanResult, failOn: ScanCommandOptions['failOn']): number {
  if (failOn === 'none') return EXIT_OK;
  return result.secrets.some((s) => atLeastSeverity(s.severity, failOn)) ? EXIT_FINDINGS : EXIT_OK;
}

async function writeReport(opts: ScanCommandOptions, result: ScanResult, io: CliIO): Promise<void> {
  const ctx = reportContext(opts.format, result.rules, !opts.output && colorEnabled(io.env, io.isTTY, !opts.color));
  // In a pre-commit hook the output is short: what, where, and how to fix or allow it.
  const hook = opts.settings.target.kind === 'staged' && opts.format === 'text' && !opts.output;
  const report = hook ? `${commitHints(result.secrets, { preCommitFramework: io.env.PRE_COMMIT === '1' })}${summaryLine(result, ctx)}\n` : REPORTERS[opts.format](result, ctx);
  if (opts.output) {
    await writeFileSafely(opts.output, report);
    if (!opts.quiet) io.stderr(`${summaryLine(result, { color: colorEnabled(io.env, io.stderrIsTTY, !opts.color) })}\nreport written to ${opts.output}\n`);
  } else if (opts.quiet && opts.format === 'text') {
    if (result.secrets.length) io.stdout(report);
  } else {
    io.stdout(report);
  }
}

export const scanCommand: Command = async (args, io) => {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(SCAN_HELP);
    return EXIT_OK;
  }
  const opts = parseScanArgs(args, io.cwd, io.env);
  opts.settings = rootAtScannedDirectory(opts.settings);
  if (opts.settings.target.kind === 'stdin') {
    if (!io.readStdin) throw new UsageError('scan -: no standard input here');
    opts.settings.target = { ...opts.settings.target, content: await io.readStdin() };
  }
  const logger = streamLogger(io.stderr, { verbose: opts.verbose, quiet: opts.quiet });
  if (opts.explain !== undefined) return explainCommand(opts, opts.explain, io, logger);
  const progress = progressLine(io.stderr, io.stderrIsTTY && !opts.quiet);
  let result: ScanResult;
  try {
    result = await scan(opts.settings, { logger, onProgress: (d) => progress.update(d) });
  } finally {
    progress.clear();
  }
  await writeReport(opts, result, io);
  if (opts.playbookFile) {
    await writeFileSafely(opts.playbookFile, result.secrets.length ? renderIncidentMarkdown(result.secrets, builtinPlaybooks()) : '# keywarden: no secrets found\n');
    if (!opts.quiet) io.stderr(`incident playbook written to ${opts.playbookFile}\n`);
  }
  const code = result.secrets.length || opts.failOn === 'none' ? exitCodeFor(result, opts.failOn) : EXIT_OK;
  return code === EXIT_OK ? incompleteScanCode(result, opts, io) : code;
};

/** `--explain FILE[:LINE]`: a diagnostic, exit 0 unless it cannot run (2: a missing file, a bad line). */
async function explainCommand(opts: ScanCommandOptions, arg: string, io: CliIO, logger: Logger): Promise<number> {
  const { explainFile, parseExplainTarget } = await import('../../explain/run.ts');
  const { renderExplainJson, renderExplainText } = await import('../../explain/render.ts');
  const report = await explainFile(opts.settings, parseExplainTarget(arg, io.cwd), logger);
  const text = opts.format === 'json' ? renderExplainJson(report) : renderExplainText(report);
  if (opts.output) await writeFileSafely(opts.output, text);
  else io.stdout(text);
  return EXIT_OK;
}

/** A scan that could not read part of its input fails (exit 2) unless `--on-error warn`: never "no secrets found". */
function incompleteScanCode(result: ScanResult, opts: ScanCommandOptions, io: CliIO): number {
  const errors = result.errors.filter((e) => !e.warning);
  if (!errors.length || opts.onError === 'warn') return EXIT_OK;
  const first = errors[0]?.path ?? errors[0]?.message ?? '';
  io.stderr(`keywarden: ${errors.length} scan error${errors.length === 1 ? '' : 's'} (first: ${first}): the scan is incomplete (--on-error warn to exit 0 anyway)\n`);
  return EXIT_ERROR;
}

export { EXIT_ERROR };
