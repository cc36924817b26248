// Runs the scanners under comparison over the corpus and normalises their JSON reports to ToolFinding.
// Neither report is written with raw secrets: keywarden's JSON never holds them, and secretlint's
// (whose `sourceContent` is the scanned file) is parsed in memory and redacted here.
import { spawnSync } from 'node:child_process';
import { relative } from 'node:path';
import { redact } from '../../src/core/redact.ts';
import { EVAL_FINGERPRINT_KEY } from './answers.ts';
import type { ToolFinding } from './match.ts';

/** Findings and wall time of one tool run. */
export interface ToolRun {
  findings: ToolFinding[];
  seconds: number;
}

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): { stdout: string; seconds: number } {
  const started = performance.now();
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = (performance.now() - started) / 1000;
  if (r.error) throw r.error;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.slice(0, 2).join(' ')} exited with ${r.status}: ${r.stderr.slice(0, 2000)}`);
  return { stdout: r.stdout, seconds };
}

interface KeywardenReport {
  secrets: { ruleId: string; redacted: string; fingerprint: string; occurrences: { path: string; line: number; endLine: number }[] }[];
}

/** keywarden's JSON report → one finding per occurrence of each secret. */
export function parseKeywarden(json: string): ToolFinding[] {
  const report = JSON.parse(json) as KeywardenReport;
  return report.secrets.flatMap((s) => s.occurrences.map((o) => ({ file: o.path, line: o.line, endLine: o.endLine, type: s.ruleId, redacted: s.redacted, fingerprint: s.fingerprint })));
}

/** Scans `corpusDir` with keywarden (`cli`: dist/cli.js or src/cli/index.ts). */
export function runKeywarden(cli: string, corpusDir: string): ToolRun {
  const env = { ...process.env, KEYWARDEN_FINGERPRINT_KEY: EVAL_FINGERPRINT_KEY };
  const { stdout, seconds } = run(process.execPath, [cli, 'scan', '.', '--format', 'json', '--no-ignore', '--no-color'], corpusDir, env);
  return { findings: parseKeywarden(stdout), seconds };
}

interface SecretlintResult {
  filePath: string;
  sourceContent?: string;
  messages: { ruleId: string; messageId?: string; range: [number, number]; loc: { start: { line: number }; end: { line: number } } }[];
}

/** secretlint's `--format json` output → findings, paths relative to `corpusDir`, values redacted. */
export function parseSecretlint(json: string, corpusDir: string): ToolFinding[] {
  const results = JSON.parse(json) as SecretlintResult[];
  return results.flatMap((r) =>
    r.messages.map((m) => ({
      file: relative(corpusDir, r.filePath).split('\\').join('/'),
      line: m.loc.start.line,
      endLine: m.loc.end.line,
      type: `${m.ruleId.replace('@secretlint/secretlint-rule-', '')}${m.messageId ? `:${m.messageId}` : ''}`,
      redacted: r.sourceContent ? redact(r.sourceContent.slice(m.range[0], m.range[1]), true) : '',
    })),
  );
}

/** The secretlint configuration used for the comparison: the recommended preset, nothing else. */
export const SECRETLINT_RC = { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] };

/** Scans `corpusDir` with secretlint (`bin`: node_modules/secretlint/bin/secretlint.js) and config `rcPath`. */
export function runSecretlint(bin: string, rcPath: string, corpusDir: string): ToolRun {
  const { stdout, seconds } = run(process.execPath, [bin, '**/*', '--format', 'json', '--no-gitignore', '--no-color', '--secretlintrc', rcPath], corpusDir);
  return { findings: parseSecretlint(stdout, corpusDir), seconds };
}
