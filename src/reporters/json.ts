// JSON report: one object `{ tool, version, secrets: [{ …, occurrences: [...] }], allowedInline: [same shape], stats, errors }`
// (`allowedInline`: secrets on lines marked `keywarden:allow`, not reported, listed for review).
// Secret.secret is non-enumerable, so JSON.stringify cannot emit it.
import { VERSION } from '../version.ts';
import type { Reporter } from './reporter.ts';

export const jsonReporter = ((result) => {
  const out = { tool: 'keywarden', version: VERSION, ...(result.shard ? { shard: result.shard } : {}), secrets: result.secrets, allowedInline: result.allowedInline ?? [], stats: result.stats, errors: result.errors };
  return `${JSON.stringify(out, null, 2)}\n`;
}) satisfies Reporter;
