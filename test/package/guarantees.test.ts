// The README's Guarantees section names every reason a file can be left unscanned (each `onSkip` kind
// in src/sources/) and every exit code, so that "nothing is skipped silently" stays true of the docs.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readmeSection } from '../helpers/readme.ts';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

describe('README: Guarantees', () => {
  const section = readmeSection('Guarantees');

  it('names every skip reason the sources count', () => {
    const kinds = new Set<string>();
    for (const file of sourceFiles(join(import.meta.dirname, '../../src/sources'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/onSkip\('([a-z0-9-]+)'/g)) kinds.add(m[1] ?? '');
      for (const m of text.matchAll(/kind: '([a-z0-9-]+)'; path: string \}/g)) if (m[1] !== 'hunk') kinds.add(m[1] ?? '');
    }
    assert.ok(kinds.size >= 5, [...kinds].join(', '));
    for (const k of kinds) assert.ok(section.includes(`\`${k}\``), `Guarantees does not name the skip reason ${k}`);
  });

  it('says what each exit code means', () => {
    for (const code of ['`0`', '`1`', '`2`']) assert.ok(section.includes(code), code);
    assert.match(section, /--on-error warn/);
  });
});
