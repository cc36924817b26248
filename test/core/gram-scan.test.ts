// The WebAssembly scanner's committed bytes are the compiled form of its committed source.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';

describe('gram-scan-bytes.ts', () => {
  it('is what scripts/wasm.mjs compiles from gram-scan.wat', () => {
    const r = spawnSync(process.execPath, [fileURLToPath(new URL('../../scripts/wasm.mjs', import.meta.url)), '--check'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  });
});
