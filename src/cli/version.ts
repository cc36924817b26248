// `keywarden --version`: answered by the bin's entry (index.ts) before any of the CLI loads, and by
// main() for callers that run it directly.
import { VERSION } from '../version.ts';

/** The arguments that ask for the version (as the first argument). */
export const VERSION_ARGS: readonly string[] = ['version', '--version', '-V'];

/** What `--version` prints. */
export const versionText = (): string => `keywarden ${VERSION}\n`;
