// `keywarden ignore <fingerprint>... --reason "…"`: appends the fingerprints to .keywardenignore
// (at --root, default the current directory) with the reason, who and when.
import { join, resolve } from 'node:path';
import { gitSyncText } from '../../sources/git/run.ts';
import { FINGERPRINT_RE, isLegacyFingerprint } from '../../config/fingerprint-list.ts';
import { appendToIgnoreFile, IGNORE_FILE, ignoreLine, readIgnoreFile } from '../../config/ignore-file.ts';
import { quoteUserValue } from '../../core/quote.ts';
import { parseCommandArgs, UsageError } from '../args.ts';
import { EXIT_OK, type Command } from '../io.ts';

const USAGE = `Usage: keywarden ignore <fingerprint>... --reason "why it is safe" [options]

Adds secrets to ${IGNORE_FILE}, so that scans stop reporting them. The fingerprint is in the
JSON and SARIF reports and in the pre-commit output. Ignoring does not make a real secret safe:
rotate it first (keywarden playbook <rule-id>).

Options:
      --reason TEXT   why this finding is not a secret, or is accepted (required)
      --by NAME       who decided (default: git user.name, else $USER)
      --root DIR      directory holding ${IGNORE_FILE} (default: current directory)
`;

const OPTIONS = {
  reason: { type: 'string' },
  by: { type: 'string' },
  root: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Entry point of the `ignore` subcommand. */
export const ignoreCommand: Command = async (args, io) => {
  const parsed = parseCommandArgs(args, OPTIONS, true);
  const v = parsed.values;
  if (v.help) {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  const fingerprints = parsed.positionals.map((p) => p.toLowerCase());
  if (fingerprints.length === 0) throw new UsageError('give at least one fingerprint (see keywarden ignore --help)');
  const bad = fingerprints.find((f) => !FINGERPRINT_RE.test(f) || isLegacyFingerprint(f));
  if (bad !== undefined) throw new UsageError(`${quoteUserValue(bad)} is not a secret fingerprint (40 hex characters, as in the JSON or SARIF report)`);
  if (!v.reason?.trim()) throw new UsageError('--reason is required: say why the finding is safe to ignore');
  const root = resolve(io.cwd, v.root ?? '.');
  const existing = new Map((await readIgnoreFile(root))?.entries.map((e) => [e.fingerprint, e.line]));
  const who = v.by ?? gitUserName(root) ?? io.env.USER ?? io.env.USERNAME ?? '';
  const lines: string[] = [];
  for (const fp of new Set(fingerprints)) {
    if (existing.has(fp)) io.stderr(`${fp} is already ignored (${IGNORE_FILE}:${existing.get(fp)})\n`);
    else lines.push(ignoreLine(fp, v.reason, who, new Date()));
  }
  if (lines.length) {
    await appendToIgnoreFile(join(root, IGNORE_FILE), lines);
    io.stdout(`added ${lines.length} fingerprint${lines.length === 1 ? '' : 's'} to ${IGNORE_FILE}; commit it with the change\n`);
  }
  return EXIT_OK;
};

function gitUserName(cwd: string): string | undefined {
  return gitSyncText(cwd, ['config', 'user.name']);
}
