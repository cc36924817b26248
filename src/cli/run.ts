// The CLI proper: the bin's entry (index.ts) loads it, from dist/cli-run.cjs through a code cache
// when bundled (code-cache.ts), and calls run().
import { processIO } from './io.ts';
import { main } from './main.ts';

/** Runs the CLI on this process's arguments and sets its exit code. */
export async function run(): Promise<void> {
  process.exitCode = await main(process.argv.slice(2), processIO());
}
