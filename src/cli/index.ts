// Entry point of the `keywarden` bin: turns on Node's compile cache (Node 22.1+), then loads the CLI.
// The CLI is a separate bundle (dist/cli-run.js, see scripts/build.mjs): a module is only compiled
// from the cache if the cache was on before it loaded, so this file stays tiny and imports nothing
// else statically. A pre-commit hook then starts from cached code instead of parsing megabytes.
import nodeModule from 'node:module';

// Node 20 has no enableCompileCache: a named import would fail to link there.
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();
await import('./run.ts');
