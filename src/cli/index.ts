// Entry point of the `keywarden` bin. `--version` is answered here, before anything else loads. Every
// other command runs the CLI bundle (dist/cli-run.cjs, see scripts/build.mjs) through a V8 code
// cache of whole runs (code-cache.ts): a pre-commit hook then starts from compiled code instead of
// parsing and compiling megabytes. From the TypeScript sources (no bundle) it imports the CLI. It
// imports no built-in module (see code-cache.ts).
import { cacheDirectory, loadBundle, runKind } from './code-cache.ts';
import { VERSION_ARGS, versionText } from './version.ts';

const argv = process.argv.slice(2);
if (VERSION_ARGS.includes(argv[0] ?? '')) {
  process.stdout.write(versionText());
} else {
  // Node's compile cache still serves the ES modules loaded later (isomorphic-git's bundle); Node 20
  // has no enableCompileCache.
  (process.getBuiltinModule('node:module') as { enableCompileCache?: () => unknown }).enableCompileCache?.();
  const cli = import.meta.url.endsWith('.ts') ? await import('./run.ts') : (loadBundle(process.getBuiltinModule('node:url').fileURLToPath(new URL('./cli-run.cjs', import.meta.url)), runKind(argv), cacheDirectory()).exports as { run: () => Promise<void> });
  await cli.run();
}
