// `keywarden init`: the files it writes validate (configuration schema, workflow YAML whose
// `with:` keys are inputs of action.yml, hook files), and existing files are kept unless --force.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { parseConfig } from '../../src/config/load.ts';
import { checkUserRegexes } from '../../src/config/user-regexes.ts';
import { runCli } from '../helpers/cli.ts';

const ROOT = join(import.meta.dirname, '../..');

interface Step {
  uses?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, { if: string; permissions: Record<string, string>; steps: Step[] }>;
}

const read = (dir: string, p: string): string => readFileSync(join(dir, p), 'utf8');

describe('keywarden init', () => {
  it('writes a configuration that validates, a workflow that matches action.yml, and a pre-commit entry', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kw-init-'));
    const r = await runCli(['init', '--branch', 'trunk'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /created \.keywarden\.yml\ncreated \.github\/workflows\/keywarden\.yml\ncreated \.pre-commit-config\.yaml\n/);

    const loaded = parseConfig(read(dir, '.keywarden.yml'), '.keywarden.yml');
    await checkUserRegexes(loaded, { probe: false });
    assert.equal(loaded.config.extends, 'default');

    const inputs = Object.keys((parse(read(ROOT, 'action.yml')) as { inputs: Record<string, unknown> }).inputs);
    const wf = parse(read(dir, '.github/workflows/keywarden.yml')) as Workflow;
    assert.deepEqual(Object.keys(wf.on).sort(), ['pull_request', 'push', 'schedule', 'workflow_dispatch']);
    assert.deepEqual((wf.on.push as { branches: string[] }).branches, ['trunk']);
    assert.deepEqual(wf.permissions, {}, 'no permissions by default; each job asks for its own');
    assert.deepEqual(Object.keys(wf.jobs), ['pull-request', 'push', 'nightly']);
    assert.equal(wf.jobs['pull-request'].permissions['pull-requests'], 'write');
    assert.equal(wf.jobs.nightly.permissions.issues, 'write');
    let actionSteps = 0;
    for (const [name, job] of Object.entries(wf.jobs)) {
      assert.equal(job.permissions.contents, 'read', name);
      for (const step of job.steps.filter((s) => s.uses?.startsWith('keywarden/'))) {
        actionSteps++;
        for (const key of Object.keys(step.with ?? {})) assert.ok(inputs.includes(key), `${name}: with.${key} is not an input of action.yml (${inputs.join(', ')})`);
        if (step.with?.mode !== undefined) assert.ok(['auto', 'diff', 'history', 'tree'].includes(String(step.with.mode)), `${name}: mode ${String(step.with.mode)}`);
      }
      assert.ok(job.steps.some((s) => s.uses?.startsWith('actions/checkout@')), `${name}: checks out the code`);
    }
    assert.equal(actionSteps, 3);
    const nightlyCheckout = wf.jobs.nightly.steps.find((s) => s.uses?.startsWith('actions/checkout@'));
    assert.equal(nightlyCheckout?.with?.['fetch-depth'], 0, 'the history scan needs a full clone');
    assert.equal(wf.jobs.nightly.steps.find((s) => s.uses?.startsWith('keywarden/'))?.with?.mode, 'history');

    const preCommit = parse(read(dir, '.pre-commit-config.yaml')) as { repos: { repo: string; rev: string; hooks: { id: string }[] }[] };
    assert.deepEqual(preCommit.repos[0].hooks, [{ id: 'keywarden' }]);
    assert.match(preCommit.repos[0].rev, /^v\d+\.\d+\.\d+/);
  });

  it('keeps existing files unless --force; with --force it adds keywarden to a hook file and keeps the rest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kw-init-'));
    writeFileSync(join(dir, '.keywarden.yml'), 'disable: [github-pat]\n');
    writeFileSync(join(dir, '.pre-commit-config.yaml'), 'repos:\n  - repo: https://github.com/pre-commit/pre-commit-hooks\n    rev: v5.0.0\n    hooks:\n      - id: trailing-whitespace\n');
    const kept = await runCli(['init', '--hook', 'pre-commit', '--branch', 'main'], dir);
    assert.match(kept.stdout, /kept \.keywarden\.yml \(it exists; --force to overwrite it\)/);
    assert.match(kept.stdout, /kept \.pre-commit-config\.yaml \(it exists; --force to add keywarden to it\)/);
    assert.equal(read(dir, '.keywarden.yml'), 'disable: [github-pat]\n');

    const forced = await runCli(['init', '--hook', 'pre-commit', '--branch', 'main', '--force'], dir);
    assert.match(forced.stdout, /overwrote \.keywarden\.yml/);
    assert.match(forced.stdout, /added keywarden to \.pre-commit-config\.yaml/);
    const repos = (parse(read(dir, '.pre-commit-config.yaml')) as { repos: { hooks: { id: string }[] }[] }).repos;
    assert.deepEqual(repos.map((x) => x.hooks[0].id), ['trailing-whitespace', 'keywarden']);
    const again = await runCli(['init', '--hook', 'pre-commit', '--branch', 'main', '--force'], dir);
    assert.match(again.stdout, /kept \.pre-commit-config\.yaml \(it already runs keywarden\)/);
  });

  it('uses husky when .husky/ exists, and lefthook on request', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kw-init-'));
    mkdirSync(join(dir, '.husky'));
    await runCli(['init', '--branch', 'main'], dir);
    assert.equal(read(dir, '.husky/pre-commit'), 'npx --no -- keywarden scan --staged\n');
    assert.ok(!existsSync(join(dir, '.pre-commit-config.yaml')));

    writeFileSync(join(dir, 'lefthook.yml'), 'pre-commit:\n  commands:\n    lint:\n      run: npm run lint\n');
    await runCli(['init', '--hook', 'lefthook', '--branch', 'main', '--force'], dir);
    const lefthook = parse(read(dir, 'lefthook.yml')) as { 'pre-commit': { commands: Record<string, { run: string }> } };
    assert.deepEqual(lefthook['pre-commit'].commands, { lint: { run: 'npm run lint' }, keywarden: { run: 'npx --no -- keywarden scan --staged' } });
  });

  it('rejects an unknown hook kind', async () => {
    const r = await runCli(['init', '--hook', 'overcommit'], mkdtempSync(join(tmpdir(), 'kw-init-')));
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--hook: "overcommit" is not one of pre-commit, husky, lefthook, none/);
  });
});

describe('.pre-commit-hooks.yaml', () => {
  it('offers a node hook running the package bin and a system variant, both without file names', () => {
    const hooks = parse(read(ROOT, '.pre-commit-hooks.yaml')) as { id: string; entry: string; language: string; pass_filenames: boolean; stages?: string[] }[];
    const bin = Object.keys((JSON.parse(read(ROOT, 'package.json')) as { bin: Record<string, string> }).bin);
    assert.deepEqual(hooks.map((h) => [h.id, h.language]), [['keywarden', 'node'], ['keywarden-system', 'system']]);
    for (const h of hooks) {
      assert.equal(h.pass_filenames, false);
      // No stages: `pre-commit` is rejected by pre-commit < 3.2 and `commit` is deprecated after it.
      assert.equal(h.stages, undefined);
      assert.match(h.entry, /keywarden scan --staged$/);
    }
    assert.ok(bin.includes(hooks[0].entry.split(' ')[0]), 'the node hook entry is a bin of package.json');
  });
});
