// The install path a new team takes before the package is on the registry: `npm pack`, install the
// tarball into an empty project (offline: the package must need nothing from the registry), run
// `npx keywarden`, add the hook with `init`, and see a commit with a synthetic secret blocked and a
// clean one go through. Runs the committed dist/ exactly as a user gets it.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { githubPat } from '../helpers/secrets.ts';

const repoRoot = resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  version: string;
  bin: Record<string, string>;
  files: string[];
  scripts: Record<string, string>;
  dependencies?: Record<string, string>;
};

describe('npm pack → install into an empty project → hook', { timeout: 180_000 }, () => {
  let dir = '';
  let project = '';
  let tarball = '';
  let env: NodeJS.ProcessEnv = {};
  const run = (cmd: string, args: string[]): SpawnSyncReturns<string> => spawnSync(cmd, args, { cwd: project, env, encoding: 'utf8', timeout: 120_000 });

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'kw-pack-'));
    project = join(dir, 'project');
    env = {
      ...process.env,
      npm_config_update_notifier: 'false',
      npm_config_fund: 'false',
      npm_config_audit: 'false',
      npm_config_cache: join(dir, 'npm-cache'),
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.invalid',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.invalid',
    };
    // `npm test` runs under npm: drop what it exported so the nested npm behaves as a user's would.
    for (const k of Object.keys(env)) if (/^npm_(lifecycle|package|config_(prefix|global|local))/.test(k)) delete env[k];
    const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: repoRoot, env, encoding: 'utf8' })) as { filename: string; files: { path: string }[] }[];
    const first = packed[0];
    assert.ok(first);
    tarball = join(dir, first.filename);
    execFileSync('git', ['init', '-q', project], { env });
    writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'empty-project', version: '1.0.0', private: true }, null, 2)}\n`);
    writeFileSync(join(project, '.gitignore'), 'node_modules/\n');
    const packedFiles = first.files.map((f) => f.path);
    writeFileSync(join(dir, 'files.json'), JSON.stringify(packedFiles));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('packs the bundles, rules and schemas, and nothing of the sources or tests', () => {
    const files = JSON.parse(readFileSync(join(dir, 'files.json'), 'utf8')) as string[];
    for (const f of ['dist/cli.js', 'dist/cli-run.cjs', 'dist/worker.js', 'dist/index.js', 'action.yml', 'LICENSE', 'README.md', 'CHANGELOG.md', 'package.json']) assert.ok(files.includes(f), `${f} is in the package`);
    assert.ok(files.some((f) => /^rules\/.+\.yaml$/.test(f)), 'rules/ is in the package');
    assert.ok(files.some((f) => /^schema\/.+\.json$/.test(f)), 'schema/ is in the package');
    assert.deepEqual(files.filter((f) => /^(src|test|bench|scripts)\//.test(f)), []);
    assert.deepEqual(pkg.dependencies ?? {}, {}, 'everything is bundled: an install needs no registry');
    for (const s of ['preinstall', 'install', 'postinstall', 'prepare']) assert.equal(pkg.scripts[s], undefined, `no ${s} script runs on the user's machine`);
  });

  it('installs offline and runs through npx from the project', () => {
    const install = run('npm', ['install', '--offline', '--save-dev', tarball]);
    assert.equal(install.status, 0, install.stderr);
    const version = run('npx', ['--no', '--', 'keywarden', '--version']);
    assert.equal(version.status, 0, version.stderr);
    assert.equal(version.stdout.trim(), `keywarden ${pkg.version}`);
    writeFileSync(join(project, 'index.js'), "console.log('hello');\n");
    const scan = run('npx', ['--no', '--', 'keywarden', 'scan', '--threads', '2', '--no-color']);
    assert.equal(scan.status, 0, `${scan.stdout}${scan.stderr}`);
    assert.match(scan.stdout, /no secrets found/i);
  });

  it('installs offline from a git URL too (what npm i -D github:keywarden/keywarden does), with no development install', () => {
    const other = join(dir, 'from-git');
    execFileSync('git', ['init', '-q', other], { env });
    writeFileSync(join(other, 'package.json'), `${JSON.stringify({ name: 'git-url-project', private: true })}\n`);
    const r = spawnSync('npm', ['install', '--offline', '--save-dev', `git+file://${repoRoot}`], { cwd: other, env, encoding: 'utf8', timeout: 120_000 });
    assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
    const version = spawnSync('npx', ['--no', '--', 'keywarden', '--version'], { cwd: other, env, encoding: 'utf8' });
    assert.equal(version.stdout.trim(), `keywarden ${pkg.version}`, version.stderr);
  });

  it('adds the hook with init; a commit with a secret is blocked, a clean one passes', () => {
    const init = run('npx', ['--no', '--', 'keywarden', 'init', '--hook']);
    assert.equal(init.status, 0, init.stderr);
    assert.match(init.stdout, /created \.git\/hooks\/pre-commit/);
    assert.match(init.stdout, /Active/);

    run('git', ['add', 'package.json', 'package-lock.json', '.gitignore', 'index.js']);
    const clean = run('git', ['commit', '-q', '-m', 'clean']);
    assert.equal(clean.status, 0, `${clean.stdout}${clean.stderr}`);

    const secret = githubPat();
    writeFileSync(join(project, 'deploy.sh'), `export GITHUB_TOKEN=${secret}\n`);
    run('git', ['add', 'deploy.sh']);
    const blocked = run('git', ['commit', '-q', '-m', 'leak']);
    const out = `${blocked.stdout}${blocked.stderr}`;
    assert.notEqual(blocked.status, 0, out);
    assert.match(out, /Commit blocked: 1 secret/);
    assert.match(out, /deploy\.sh:1/);
    assert.ok(!out.includes(secret), 'the raw secret is never printed');
    assert.equal(run('git', ['log', '--oneline']).stdout.trim().split('\n').length, 1, 'the leaking commit was not made');
  });
});
