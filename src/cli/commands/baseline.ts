// `keywarden baseline [PATH] [--output FILE] [scan source flags]`: scans like `keywarden scan` and
// writes the findings' fingerprints to a baseline file (default .keywarden-baseline at the root), so
// that `scan --baseline FILE` reports only what is new.
import { join } from 'node:path';
import { BASELINE_FILE, formatBaseline } from '../../config/baseline.ts';
import { displayPath } from '../../config/load.ts';
import { streamLogger } from '../../logger.ts';
import { writeFileSafely } from '../../safe-write.ts';
import { scan } from '../../scan.ts';
import { parseScanArgs } from '../args.ts';
import { EXIT_OK, type Command } from '../io.ts';

const USAGE = `Usage: keywarden baseline [PATH...] [--output FILE] [scan options]

Scans like 'keywarden scan' (same source flags: --staged, --diff, --history, --config…) and writes
the fingerprint of every finding to FILE (default: ${BASELINE_FILE} at the root), sorted, one per
line with the rule id and a path. Then 'keywarden scan --baseline ${BASELINE_FILE}' reports only
secrets that are not in it. Commit the file; regenerate it when you accept the current state again.
A baselined secret is still a leaked secret: plan its rotation.
`;

/** Entry point of the `baseline` subcommand. */
export const baselineCommand: Command = async (args, io) => {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  const opts = parseScanArgs(args, io.cwd, io.env);
  const settings = { ...opts.settings, baselinePath: undefined };
  const logger = streamLogger(io.stderr, { verbose: opts.verbose, quiet: opts.quiet });
  const result = await scan(settings, { logger });
  for (const e of result.errors) logger.warn(`${e.path ? `${e.path}: ` : ''}${e.message}`);
  const output = opts.output ?? join(settings.root, BASELINE_FILE);
  const text = formatBaseline(result.findings);
  await writeFileSafely(output, text);
  const count = new Set(result.findings.map((f) => f.fingerprint)).size;
  if (!opts.quiet) io.stdout(`wrote ${count} fingerprint${count === 1 ? '' : 's'} (${result.findings.length} finding${result.findings.length === 1 ? '' : 's'}) to ${displayPath(output, io.cwd)}\n`);
  return EXIT_OK;
};
