// JSON report: one object `{ version, findings, stats, errors }`. Finding.secret is non-enumerable,
// so JSON.stringify cannot emit it.
import { VERSION } from '../version.ts';
import type { Reporter } from './reporter.ts';

export const jsonReporter = ((result) => {
  const out = { tool: 'keywarden', version: VERSION, findings: result.findings, stats: result.stats, errors: result.errors };
  return `${JSON.stringify(out, null, 2)}\n`;
}) satisfies Reporter;
