// The README's sections, for tests that keep its documentation honest.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const README = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');

/** The text of the `## heading` section (up to the next `## ` heading). */
export function readmeSection(heading: string): string {
  const start = README.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`README has no "## ${heading}" section`);
  const next = README.indexOf('\n## ', start + 4);
  return README.slice(start + 1, next < 0 ? undefined : next + 1);
}
