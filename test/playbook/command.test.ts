// `keywarden playbook`: by type, by rule id, --list, and the one-line error with suggestions.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CliIO } from '../../src/cli/io.ts';
import { playbookCommand } from '../../src/cli/commands/playbook.ts';
import { PLAYBOOK_IDS } from '../../src/playbook/ids.ts';

async function run(args: string[], options: { isTTY?: boolean; env?: Record<string, string> } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd: process.cwd(), env: options.env ?? {}, isTTY: options.isTTY ?? false, stderrIsTTY: false };
  const code = await playbookCommand(args, io);
  return { code, stdout, stderr };
}

describe('keywarden playbook', () => {
  it('prints the steps for a secret type', async () => {
    const r = await run(['aws']);
    assert.equal(r.code, 0);
    assert.equal(r.stderr, '');
    assert.match(r.stdout, /^AWS access key \(Amazon Web Services\) · playbook aws\n/);
    assert.match(r.stdout, /aws iam update-access-key/);
  });

  it('accepts a rule id and prints that rule\'s playbook, ignoring case', async () => {
    const r = await run(['GitHub-PAT']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /· playbook github\n/);
  });

  it('lists every playbook id', async () => {
    const r = await run(['--list']);
    assert.equal(r.code, 0);
    assert.deepEqual(r.stdout.trimEnd().split('\n').map((l) => l.split(' ')[0]).sort(), [...PLAYBOOK_IDS].sort());
  });

  it('answers an unknown id with one line naming the closest ids, exit 2', async () => {
    const r = await run(['awz']);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr.split('\n').filter(Boolean).length, 1);
    assert.match(r.stderr, /no playbook or rule "awz"; closest: aws, /);
    assert.match((await run(['vault'])).stderr, /closest: hashicorp-vault,/);
  });

  it('rejects missing or extra arguments and unknown options with exit 2', async () => {
    for (const args of [[], ['aws', 'gcp'], ['--list', 'aws'], ['aws', '--json']]) {
      const r = await run(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, /Usage: keywarden playbook/);
    }
  });

  it('colours only on a terminal without NO_COLOR or --no-color', async () => {
    assert.match((await run(['aws'], { isTTY: true })).stdout, /\x1b\[/);
    assert.doesNotMatch((await run(['aws', '--no-color'], { isTTY: true })).stdout, /\x1b\[/);
    assert.doesNotMatch((await run(['aws'], { isTTY: true, env: { NO_COLOR: '1' } })).stdout, /\x1b\[/);
  });
});
