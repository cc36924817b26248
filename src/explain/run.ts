// `keywarden scan --explain FILE[:LINE]`: the normal scan of that one file (same configuration
// discovery, ignore file, baseline and thresholds, through scan()), watched by an ExplainCollector.
import { statSync, readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { lineStarts } from '../core/location.ts';
import type { Logger } from '../logger.ts';
import { scan } from '../scan.ts';
import { FileSource } from '../sources/files.ts';
import type { Source } from '../sources/source.ts';
import type { ScanSettings } from '../settings.ts';
import { ExplainCollector } from './collect.ts';
import type { ExplainReport } from './types.ts';

/** What to explain: a file (as the user wrote it) and optionally one of its lines. */
export interface ExplainTarget {
  file: string;
  line?: number;
}

/** A file that cannot be explained (missing, a directory, a line past its end): a one-line message, exit 2. */
export class ExplainInputError extends Error {}

/**
 * Parses `FILE[:LINE]`. A trailing `:N` is a line number unless a file of the whole name exists
 * (`notes:2024` as a file name). LINE must be a whole number from 1.
 */
export function parseExplainTarget(arg: string, cwd: string): ExplainTarget {
  const m = /^(.+):([^:/\\]*)$/.exec(arg);
  if (!m || exists(resolve(cwd, arg))) return { file: arg };
  const [, file = '', line = ''] = m;
  if (/^[A-Za-z]$/.test(file)) return { file: arg }; // a Windows drive letter, not a line
  if (!/^\d+$/.test(line) || Number(line) < 1) throw new ExplainInputError(`--explain: "${line.slice(0, 20)}" is not a line number (FILE or FILE:LINE, lines from 1)`);
  return { file, line: Number(line) };
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Explains `target` under `settings` (whose target is replaced by the file alone). */
export async function explainFile(settings: ScanSettings, target: ExplainTarget, logger: Logger): Promise<ExplainReport> {
  const abs = resolve(settings.root, target.file);
  let isFile = false;
  try {
    isFile = statSync(abs).isFile();
  } catch {
    throw new ExplainInputError(`--explain: no such file: ${target.file}`);
  }
  if (!isFile) throw new ExplainInputError(`--explain: ${target.file} is not a file`);
  if (target.line !== undefined) {
    const text = readFileSync(abs, 'latin1');
    const lines = lineStarts(text).length - (text.endsWith('\n') ? 1 : 0);
    if (target.line > lines) throw new ExplainInputError(`--explain: line ${target.line} is past the end of ${target.file} (${lines} line${lines === 1 ? '' : 's'})`);
  }
  const collector = new ExplainCollector();
  // Named files are read whatever the ignore files say; the source says whether a directory scan would.
  let walkSkip: string | undefined;
  const onSource = (source: Source): void => {
    if (source instanceof FileSource) walkSkip = source.walkExclusion(abs);
  };
  const result = await scan({ ...settings, target: { kind: 'files', paths: [abs] }, threads: 1 }, { logger, observer: collector, onSource });
  const report = collector.report(displayPath(settings.root, abs), result, target.line);
  return walkSkip ? { ...report, walkSkip } : report;
}

function displayPath(root: string, abs: string): string {
  const rel = relative(root, abs);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : abs;
}
