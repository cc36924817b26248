// Runs the CLI's main() in-process with a fake IO and captures what it writes.
import { main } from '../../src/cli/main.ts';
import type { CliIO } from '../../src/cli/io.ts';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `stdin`: what `keywarden scan -` reads; `tty`: pretend stdout and stderr are terminals. */
export async function runCli(argv: string[], cwd: string, env: Record<string, string> = {}, opts: { stdin?: string | Buffer; tty?: boolean } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    cwd,
    env,
    isTTY: opts.tty ?? false,
    stderrIsTTY: false,
    readStdin: async () => Buffer.from(opts.stdin ?? ''),
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** The Node 24 in node_modules (runs the TypeScript sources directly) and the CLI's source entry point. */
export const NODE = new URL('../../node_modules/.bin/node', import.meta.url).pathname;
export const CLI_ENTRY = new URL('../../src/cli/index.ts', import.meta.url).pathname;
