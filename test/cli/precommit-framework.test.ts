// The hook manifest (.pre-commit-hooks.yaml) under a real pre-commit framework: Debian 12's 3.0.4,
// installed by .ci/run. pre-commit installs this repository (its committed files plus uncommitted
// changes, through `try-repo`) into its own Node environment, exactly as a user's config would, then
// runs the hook on a project's staged changes: a secret blocks, a clean change passes. try-repo sees
// only tracked files, so it is given a snapshot of the whole working tree (a fresh bundle can add
// files to dist/ before they are committed).
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { githubPat } from '../helpers/secrets.ts';

const repoRoot = resolve(import.meta.dirname, '../..');
const preCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
const available = preCommit.status === 0;

describe('pre-commit framework', { skip: available ? false : 'pre-commit is not installed (.ci/run installs Debian\'s)', timeout: 240_000 }, () => {
  let dir = '';
  let project = '';
  let env: NodeJS.ProcessEnv = {};
  let snapshot = '';

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'kw-precommit-'));
    project = join(dir, 'project');
    env = { ...process.env, PRE_COMMIT_HOME: join(dir, 'cache'), PRE_COMMIT_COLOR: 'never', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.invalid', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.invalid' };
    // The framework's node environment uses the system node and npm found on PATH.
    execFileSync('git', ['init', '-q', project], { env });
    snapshot = join(dir, 'snapshot');
    execFileSync('git', ['clone', '-q', '--no-checkout', repoRoot, snapshot], { env });
    const g = ['-c', 'commit.gpgsign=false', '--git-dir', join(snapshot, '.git'), '--work-tree', repoRoot];
    execFileSync('git', [...g, 'add', '-A'], { env });
    execFileSync('git', [...g, 'commit', '-q', '--no-verify', '--allow-empty', '-m', 'working tree'], { env });
    execFileSync('git', ['-C', snapshot, 'reset', '-q', '--hard'], { env });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** `pre-commit try-repo <this working tree> keywarden` on what is staged in the project. */
  const tryRepo = (): { status: number | null; out: string } => {
    const r = spawnSync('pre-commit', ['try-repo', snapshot, 'keywarden', '--verbose'], { cwd: project, env, encoding: 'utf8', timeout: 200_000 });
    return { status: r.status, out: `${r.stdout}${r.stderr}` };
  };

  it(`accepts the manifest (${preCommit.stdout.trim()}) and passes a clean change`, () => {
    writeFileSync(join(project, 'README.md'), '# hello\n');
    execFileSync('git', ['add', 'README.md'], { cwd: project, env });
    const r = tryRepo();
    assert.doesNotMatch(r.out, /InvalidManifestError/);
    assert.equal(r.status, 0, r.out);
    assert.match(r.out, /keywarden \(secrets in staged changes\)\.+Passed/);
  });

  it('blocks a staged secret and suggests a fix that works inside the framework', () => {
    const secret = githubPat();
    writeFileSync(join(project, 'config.env'), `GITHUB_TOKEN=${secret}\n`);
    execFileSync('git', ['add', 'config.env'], { cwd: project, env });
    const r = tryRepo();
    assert.notEqual(r.status, 0, r.out);
    assert.match(r.out, /Failed/);
    assert.match(r.out, /Commit blocked: 1 secret/);
    assert.match(r.out, /config\.env:1/);
    // keywarden is not on PATH in the framework's environment: the hint is the ignore-file line.
    assert.match(r.out, /add this line to \.keywardenignore/);
    assert.doesNotMatch(r.out, /run: (npx )?keywarden ignore/);
    assert.ok(!r.out.includes(secret), 'the raw secret must not be printed');
  });
});
