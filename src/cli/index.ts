// Entry point of the `keywarden` bin: turns on Node's compile cache (Node 22.1+) for what loads
// after it (the detector workers' bundle, the subcommand modules), then runs the CLI.
import nodeModule from 'node:module';

// Node 20 has no enableCompileCache: a named import would fail to link there.
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();
const { main } = await import('./main.ts');
const { processIO } = await import('./io.ts');
process.exitCode = await main(process.argv.slice(2), processIO());
