// The one error type git sources throw for problems that stop a scan (not a repository, unknown
// revision, shallow clone, missing or corrupt object, no git binary). The message is one line that
// names the problem and, where there is one, the fix; the CLI prints it and exits with code 2.

/** A git problem that stops the scan. `message` is a single line. */
export class GitSourceError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(oneLine(message), options);
    this.name = 'GitSourceError';
  }
}

/** Message of a shallow clone that lacks the commits a scan needs. */
export const SHALLOW_HINT = 'set `fetch-depth: 0` in actions/checkout (or run `git fetch --unshallow`)';

/** git's `fatal:` line in `text` (else its first non-empty line), without the prefix. */
export function firstLine(text: string): string {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const line = lines.find((l) => l.startsWith('fatal: ')) ?? lines[0] ?? '';
  return line.replace(/^(fatal|error): /, '').trim();
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
