// What a CLI command may touch of the outside world. Tests pass a fake; index.ts passes the process.

export interface CliIO {
  /** Writes to standard output (no newline added). */
  stdout(text: string): void;
  /** Writes to standard error (no newline added). */
  stderr(text: string): void;
  /** Directory the command runs in (absolute). */
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** True when stdout is a terminal: colours and progress are allowed. */
  isTTY: boolean;
  /** True when stderr is a terminal: progress lines are allowed. */
  stderrIsTTY: boolean;
}

/** A CLI subcommand: parses its own arguments and returns the process exit code (0, 1 or 2). */
export type Command = (args: string[], io: CliIO) => Promise<number>;

/** Exit codes: 0 nothing found, 1 findings at or above the threshold, 2 usage or runtime error. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

/** A CliIO over the real process. */
export function processIO(): CliIO {
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    cwd: process.cwd(),
    env: process.env,
    isTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
  };
}
