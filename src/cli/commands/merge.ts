// `keywarden merge FILE…`: the JSON reports of `scan --history --shard I/N`, one per shard, become the
// report one unsharded scan would have written (src/engine/merge.ts), in any output format.
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ScanResult } from '../../core/types.ts';
import { MergeError, parseShardReport } from '../../engine/merge.ts';
import { summaryLine } from '../../reporters/text.ts';
import { mergeScan } from '../../scan.ts';
import { FORMATS, parseCommandArgs, UsageError, type Format } from '../args.ts';
import { REPORTERS, reportContext } from '../reporters.ts';
import { colorEnabled, EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, type Command } from '../io.ts';

const USAGE = `Usage: keywarden merge FILE... [options]

Merges the JSON reports of a sharded history scan (keywarden scan --history --shard I/N --format json,
one per shard) into the report one unsharded scan would have written: one secret per fingerprint with
all its occurrences and its earliest introducing commit. Refuses a set with a missing or duplicated
shard, or shards of another commit or configuration.

Options:
  -f, --format FORMAT   text (default), json, sarif or html
  -o, --output FILE     write the report to FILE instead of standard output
      --no-color        plain text
Exit codes: 0 no secrets, 1 secrets found, 2 the shards cannot be merged (one line says why).
`;

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const mergeCommand: Command = async (args, io) => {
  const { values: v, positionals } = parseCommandArgs(args, OPTIONS, true);
  if (v.help) {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  const format = (v.format ?? 'text') as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format: "${String(v.format).slice(0, 20)}" is not one of ${FORMATS.join(', ')}`);
  if (positionals.length === 0) throw new UsageError('give the JSON report of every shard (keywarden merge shard-*.json)');
  const reports = [];
  for (const file of positionals) {
    let text: string;
    try {
      text = await readFile(resolve(io.cwd, file), 'utf8');
    } catch (e) {
      throw new UsageError(`${file}: cannot read it (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    reports.push(parseShardReport(text, file));
  }
  // The rules (built-in and this directory's configuration) name and describe the merged secrets.
  let result: ScanResult;
  try {
    result = await mergeScan(reports, io.cwd);
  } catch (e) {
    if (e instanceof MergeError) {
      io.stderr(`keywarden merge: ${e.message}\n`);
      return EXIT_ERROR;
    }
    throw e;
  }
  const ctx = reportContext(format, result.rules, !v.output && colorEnabled(io.env, io.isTTY, Boolean(v['no-color'])));
  const report = REPORTERS[format](result, ctx);
  if (v.output) {
    await writeFile(resolve(io.cwd, v.output), report);
    io.stderr(`${summaryLine(result, { color: false })}\nmerged ${reports.length} shards into ${v.output}\n`);
  } else io.stdout(report);
  return result.secrets.length ? EXIT_FINDINGS : EXIT_OK;
};
