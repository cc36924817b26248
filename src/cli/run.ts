// The CLI proper, loaded by the entry (index.ts) once Node's compile cache is on, so that its bundle
// (dist/cli-run.js) is compiled from the cache on every run after the first.
import { processIO } from './io.ts';
import { main } from './main.ts';

process.exitCode = await main(process.argv.slice(2), processIO());
