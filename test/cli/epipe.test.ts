// `keywarden rules | head -1`: the reader closes the pipe early; the CLI must end quietly (issue 11.19).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CLI_ENTRY, NODE } from '../helpers/cli.ts';

describe('closed stdout (EPIPE)', () => {
  it('keywarden rules into a reader that exits at once: exit 0, nothing on stderr', () => {
    const err = join(mkdtempSync(join(tmpdir(), 'kw-epipe-')), 'stderr');
    // `true` exits without reading, so every write of the CLI meets a closed pipe.
    const r = spawnSync('bash', ['-c', `"${NODE}" "${CLI_ENTRY}" rules 2>"${err}" | true; exit \${PIPESTATUS[0]}`], { encoding: 'utf8' });
    assert.equal(readFileSync(err, 'utf8'), '');
    assert.equal(r.status, 0);
  });
});
