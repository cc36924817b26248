// `keywarden init`: the files it writes validate (configuration schema, workflow YAML whose
// `with:` keys are inputs of action.yml, hook files), and existing files are kept unless --force.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { parseConfig } from '../../src/config/load.ts';
import { checkUserRegexes } from '../../src/rules/safety/user-regexes.ts';
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
    assert.equal(wf.jobs['pull-request']?.permissions['pull-requests'], 'write');
    assert.equal(wf.jobs.nightly?.permissions.issues, 'write');
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
    const nightlyCheckout = wf.jobs.nightly?.steps.find((s) => s.uses?.startsWith('actions/checkout@'));
    assert.equal(nightlyCheckout?.with?.['fetch-depth'], 0, 'the history scan needs a full clone');
    assert.equal(wf.jobs.nightly?.steps.find((s) => s.uses?.startsWith('keywarden/'))?.with?.mode, 'history');

    const preCommit = parse(read(dir, '.pre-commit-config.yaml')) as { repos: { repo: string; rev: string; hooks: { id: string }[] }[] };
    assert.deepEqual(preCommit.repos[0]?.hooks, [{ id: 'keywarden' }]);
    assert.match(preCommit.repos[0]?.rev ?? '', /^v\d+\.\d+\.\d+/);
  });

  it('keeps existing configuration unless --force (then keeps a .bak copy); adds keywarden to an existing hook file without --force', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kw-init-'));
    writeFileSync(join(dir, '.keywarden.yml'), 'disable: [github-pat]\n');
    writeFileSync(join(dir, '.pre-commit-config.yaml'), 'repos:\n  - repo: https://github.com/pre-commit/pre-commit-hooks\n    rev: v5.0.0\n    hooks:\n      - id: trailing-whitespace\n');
    const first = await runCli(['init', '--branch', 'main'], dir);
    assert.match(first.stdout, /kept \.keywarden\.yml \(it exists; --force to overwrite it, keeping a \.bak copy\)/);
    assert.match(first.stdout, /added keywarden to \.pre-commit-config\.yaml/, 'the hook is never skipped silently');
    assert.match(first.stdout, /Not active yet: run 'pre-commit install'/);
    assert.equal(read(dir, '.keywarden.yml'), 'disable: [github-pat]\n');
    const repos = (parse(read(dir, '.pre-commit-config.yaml')) as { repos: { hooks: { id: string }[] }[] }).repos;
    assert.deepEqual(repos.map((x) => x.hooks[0]?.id), ['trailing-whitespace', 'keywarden']);

    const forced = await runCli(['init', '--branch', 'main', '--force'], dir);
    assert.match(forced.stdout, /overwrote \.keywarden\.yml \(the previous version is in \.keywarden\.yml\.bak\)/);
    assert.equal(read(dir, '.keywarden.yml.bak'), 'disable: [github-pat]\n');
    assert.match(forced.stdout, /kept \.pre-commit-config\.yaml \(it already runs keywarden\)/);
    const again = await runCli(['init', '--branch', 'main', '--force'], dir);
    assert.match(again.stdout, /previous version is in \.keywarden\.yml\.bak\.2/, 'a second --force never overwrites the first backup');
  });

  it('uses husky when .husky/ exists or husky is a dependency, and lefthook when lefthook.yml exists', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kw-init-'));
    mkdirSync(join(dir, '.husky'));
    const r = await runCli(['init', '--branch', 'main'], dir);
    assert.equal(read(dir, '.husky/pre-commit'), 'npx --no -- keywarden scan --staged\n');
    assert.ok(!existsSync(join(dir, '.pre-commit-config.yaml')));
    assert.match(r.stdout, /husky is not a dependency/);
    assert.match(r.stdout, /Not active in this clone yet: run 'npx husky'/);

    const npm = mkdtempSync(join(tmpdir(), 'kw-init-'));
    writeFileSync(join(npm, 'package.json'), JSON.stringify({ name: 'x', devDependencies: { husky: '^9.1.7' } }));
    await runCli(['init', '--hook'], npm);
    assert.equal(read(npm, '.husky/pre-commit'), 'npx --no -- keywarden scan --staged\n');
    assert.ok(!existsSync(join(npm, '.keywarden.yml')), '--hook writes only the hook');

    const lh = mkdtempSync(join(tmpdir(), 'kw-init-'));
    writeFileSync(join(lh, 'lefthook.yml'), 'pre-commit:\n  commands:\n    lint:\n      run: npm run lint\n');
    const out = await runCli(['init', '--hook'], lh);
    assert.match(out.stdout, /added keywarden to lefthook\.yml/);
    const lefthook = parse(read(lh, 'lefthook.yml')) as { 'pre-commit': { commands: Record<string, { run: string }> } };
    assert.deepEqual(lefthook['pre-commit'].commands, { lint: { run: 'npm run lint' }, keywarden: { run: 'npx --no -- keywarden scan --staged' } });
    assert.match(out.stdout, /npx lefthook install/);
  });

  it('adds keywarden to simple-git-hooks in package.json, keeping the other keys and the indentation', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kw-init-'));
    writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'x', scripts: { test: 'node --test' }, devDependencies: { keywarden: '^0.1.0' }, 'simple-git-hooks': { 'pre-commit': 'npx lint-staged' } }, null, 4)}\n`);
    const r = await runCli(['init', '--hook'], dir);
    assert.match(r.stdout, /added keywarden to package\.json/);
    const text = read(dir, 'package.json');
    assert.match(text, /^\{\n {4}"name"/);
    const pkg = JSON.parse(text) as { scripts: unknown; 'simple-git-hooks': Record<string, string> };
    assert.deepEqual(pkg.scripts, { test: 'node --test' });
    assert.equal(pkg['simple-git-hooks']['pre-commit'], 'npx lint-staged && npx --no -- keywarden scan --staged');
    assert.match(r.stdout, /npx simple-git-hooks/);
    const again = await runCli(['init', '--hook'], dir);
    assert.match(again.stdout, /kept package\.json \(it already runs keywarden\)/);
  });

  it('installs a plain git hook in an npm project with no hook manager: active at once, not the Python framework', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kw-init-'));
    execFileSync('git', ['init', '-q', dir]);
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'x' }));
    const r = await runCli(['init', '--branch', 'main'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(!existsSync(join(dir, '.pre-commit-config.yaml')));
    const hook = join(dir, '.git/hooks/pre-commit');
    assert.match(readFileSync(hook, 'utf8'), /^#!\/bin\/sh\n[\s\S]*npx --no -- keywarden scan --staged\n$/);
    assert.ok((statSync(hook).mode & 0o111) !== 0, 'executable');
    assert.match(r.stdout, /created \.git\/hooks\/pre-commit\nActive: git runs the hook/);

    // An existing hook gets keywarden added, never skipped.
    writeFileSync(hook, '#!/bin/sh\nnpm test\n', { mode: 0o755 });
    const again = await runCli(['init', '--hook', 'git'], dir);
    assert.match(again.stdout, /added keywarden to \.git\/hooks\/pre-commit/);
    assert.equal(readFileSync(hook, 'utf8'), '#!/bin/sh\nnpm test\nnpx --no -- keywarden scan --staged\n');

    // core.hooksPath is honoured.
    execFileSync('git', ['config', 'core.hooksPath', 'githooks'], { cwd: dir });
    await runCli(['init', '--hook', 'git'], dir);
    assert.match(readFileSync(join(dir, 'githooks/pre-commit'), 'utf8'), /keywarden scan --staged/);
  });

  it('says so when a git hook cannot be placed (not a repository)', async () => {
    const r = await runCli(['init', '--hook', 'git'], mkdtempSync(join(tmpdir(), 'kw-init-')));
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no git hooks directory here/);
  });

  it('rejects an unknown hook kind', async () => {
    const r = await runCli(['init', '--hook', 'overcommit'], mkdtempSync(join(tmpdir(), 'kw-init-')));
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--hook: "overcommit" is not one of husky, lefthook, simple-git-hooks, pre-commit, git, none, auto/);
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
    assert.ok(bin.includes(hooks[0]?.entry.split(' ')[0] ?? '-'), 'the node hook entry is a bin of package.json');
  });
});
