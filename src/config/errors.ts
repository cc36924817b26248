// The one error type of configuration problems (.keywarden.yml, .keywardenignore, baselines).
// Messages start with `file:line:` when the line is known, and name the key or rule at fault. A value
// quoted from a user file (or typed on the command line) may be a pasted secret: core/quote.ts.

/** A configuration file is invalid or unsafe; the scan does not start. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** `file:line: ` or `file: ` — the prefix of a configuration message. */
export function where(source: string, line: number | undefined): string {
  return `${source}${line ? `:${line}` : ''}: `;
}

