// The CLI proper: the bin's entry (index.ts) loads it, from dist/cli-run.cjs through a code cache
// when bundled (code-cache.ts), and calls run().
import { releaseOldGeneration } from '../engine/old-generation.ts';
import { releaseYoungGeneration } from '../engine/young-generation.ts';
import { processIO } from './io.ts';
import { main } from './main.ts';

/** Runs the CLI on this process's arguments and sets its exit code. */
export async function run(): Promise<void> {
  process.exitCode = await main(process.argv.slice(2), processIO());
}

/**
 * Called by the code cache (code-cache.ts) before it saves the compiled code at exit: V8 refuses a
 * cache written under other flags than its own, and a scan changes two (old-generation.ts,
 * young-generation.ts), so that every later run would compile afresh (and write the cache again).
 */
export function beforeCodeCache(): void {
  releaseOldGeneration();
  releaseYoungGeneration();
}
