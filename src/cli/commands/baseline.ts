// `keywarden baseline [PATH] [--output FILE] [--upgrade] [scan source flags]`: scans like
// `keywarden scan` and writes the secrets' fingerprints to a baseline file (default
// .keywarden-baseline at the root), so that `scan --baseline FILE` reports only what is new. With
// `--upgrade` it rewrites the version 1 fingerprints of an existing baseline and .keywardenignore
// instead (the secrets found by the scan are what maps an old fingerprint to its new one).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BASELINE_FILE, formatBaseline, upgradeFingerprints } from '../../config/baseline.ts';
import { IGNORE_FILE } from '../../config/ignore-file.ts';
import { displayPath } from '../../config/find.ts';
import type { Secret } from '../../core/types.ts';
import { streamLogger } from '../../logger.ts';
import { writeFileSafely } from '../../safe-write.ts';
import { scan } from '../../scan.ts';
import { parseScanArgs, UsageError } from '../args.ts';
import { rootAtScannedDirectory } from '../scan-root.ts';
import { EXIT_OK, type CliIO, type Command } from '../io.ts';

const USAGE = `Usage: keywarden baseline [PATH...] [--output FILE] [--upgrade] [scan options]

Scans like 'keywarden scan' (same source flags: --staged, --diff, --history, --config…) and writes
the fingerprint of every secret to FILE (default: ${BASELINE_FILE} at the root), sorted, one per
line with the rule id and a path. Then 'keywarden scan --baseline ${BASELINE_FILE}' reports only
secrets that are not in it. Commit the file; regenerate it when you accept the current state again.
A baselined secret is still a leaked secret: plan its rotation.

  --upgrade   rewrite the old-format (32-character) fingerprints of FILE and of ${IGNORE_FILE}
              to the current ones, keeping comments; run it with the scan flags the file was
              made with (--history for a history baseline). Old entries are still read until then.
`;

/** Entry point of the `baseline` subcommand. */
export const baselineCommand: Command = async (args, io) => {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  const upgrade = args.includes('--upgrade');
  const opts = parseScanArgs(args.filter((a) => a !== '--upgrade'), io.cwd, io.env);
  const settings = { ...rootAtScannedDirectory(opts.settings), baselinePath: undefined };
  const logger = streamLogger(io.stderr, { verbose: opts.verbose, quiet: opts.quiet });
  const output = opts.output ?? join(settings.root, BASELINE_FILE);
  if (upgrade && !existsSync(output)) throw new UsageError(`--upgrade: no baseline at ${displayPath(output, io.cwd)} (give it with --output FILE)`);
  // An upgrade must see the ignored secrets too: it maps their old fingerprints.
  const result = await scan(settings, { logger, unfiltered: upgrade });
  for (const e of result.errors) logger.warn(`${e.path ? `${e.path}: ` : ''}${e.message}`);
  if (upgrade) {
    await upgradeFile(output, result.secrets, io, opts.quiet);
    const ignore = join(settings.root, IGNORE_FILE);
    if (existsSync(ignore)) await upgradeFile(ignore, result.secrets, io, opts.quiet);
    return EXIT_OK;
  }
  await writeFileSafely(output, formatBaseline(result.secrets));
  const count = result.secrets.length;
  const places = result.secrets.reduce((n, s) => n + s.occurrences.length, 0);
  if (!opts.quiet) io.stdout(`wrote ${count} fingerprint${count === 1 ? '' : 's'} (${places} place${places === 1 ? '' : 's'}) to ${displayPath(output, io.cwd)}\n`);
  return EXIT_OK;
};

async function upgradeFile(path: string, secrets: readonly Secret[], io: CliIO, quiet: boolean): Promise<void> {
  const shown = displayPath(path, io.cwd);
  const up = upgradeFingerprints(await readFile(path, 'utf8'), shown, secrets);
  if (up.upgraded) await writeFileSafely(path, up.text);
  if (quiet) return;
  const left = up.unmatched ? `; ${up.unmatched} old entr${up.unmatched === 1 ? 'y' : 'ies'} matched no secret of this scan and stay as they are` : '';
  io.stdout(`${shown}: upgraded ${up.upgraded} fingerprint${up.upgraded === 1 ? '' : 's'}${left}\n`);
}
