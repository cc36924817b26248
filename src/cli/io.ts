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
  /** All of standard input (`keywarden scan -`); absent where there is none. */
  readStdin?: () => Promise<Buffer>;
}

/** A CLI subcommand: parses its own arguments and returns the process exit code (0, 1 or 2). */
export type Command = (args: string[], io: CliIO) => Promise<number>;

/**
 * Whether output to a stream may be coloured: never with `--no-color`; else FORCE_COLOR (any value but
 * `0`/`false`) turns colours on and NO_COLOR (non-empty, https://no-color.org) off, FORCE_COLOR winning
 * as in Node itself; else only on a terminal.
 */
export function colorEnabled(env: CliIO['env'], isTTY: boolean, noColorFlag = false): boolean {
  if (noColorFlag) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '0' && force.toLowerCase() !== 'false') return true;
  if (env.NO_COLOR) return false;
  return isTTY;
}

/** Exit codes: 0 nothing found, 1 findings at or above the threshold, 2 usage or runtime error. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

/**
 * A CliIO over the real process. A reader that goes away early (`keywarden rules | head -1`) closes the
 * pipe: EPIPE on stdout or stderr then ends the process quietly with the code it would have had, as
 * `cat` and `git` do, instead of an unhandled 'error' event and a stack trace.
 */
export function processIO(): CliIO {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
      process.exit(process.exitCode ?? EXIT_OK);
    });
  }
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    cwd: process.cwd(),
    env: process.env,
    isTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
  };
}
