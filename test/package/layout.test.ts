// The README's "How it works" table names every folder of src/ (and names none that is gone), and the
// detector core stays independent of the rest.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const ROOT = join(import.meta.dirname, '..', '..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## How it works'), readme.indexOf('\n## ', readme.indexOf('## How it works') + 1));

describe('source layout', () => {
  it('the README table lists every folder of src/ and only folders that exist', () => {
    const listed = [...section.matchAll(/^\| `(src\/[a-z/-]+\/)` \|/gm)].map((m) => m[1] ?? '');
    const folders = readdirSync(join(ROOT, 'src'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => `src/${d.name}/`);
    assert.deepEqual(folders.filter((f) => !listed.includes(f)), [], 'folders missing from the README table');
    assert.deepEqual(listed.filter((f) => !existsSync(join(ROOT, f))), [], 'README lists folders that do not exist');
  });

  it('src/core/ imports no other folder of src/', () => {
    const core = join(ROOT, 'src', 'core');
    const outside = (readdirSync(core, { recursive: true }) as string[])
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) => {
        const depth = f.split(/[\\/]/).length - 1;
        const up = `'${'../'.repeat(depth + 1)}`;
        return readFileSync(join(core, f), 'utf8').includes(up) ? [f] : [];
      });
    assert.deepEqual(outside, []);
  });

  it('src/config/ only loads, validates and merges: it does not run scans (no src/engine/ import)', () => {
    const config = join(ROOT, 'src', 'config');
    const users = readdirSync(config).filter((f) => readFileSync(join(config, f), 'utf8').includes("from '../engine/"));
    assert.deepEqual(users, []);
  });
});
