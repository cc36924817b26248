// The README's install and hook snippets must be what the code accepts: the hook command is the one
// `init` writes, the pre-commit snippet names hooks of .pre-commit-hooks.yaml, the tarball name is the one
// `npm pack` makes, and every release tag it shows either exists or is said not to exist yet.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { HOOK_COMMAND, preCommitConfig } from '../../src/cli/init/templates.ts';
import { readmeSection } from '../helpers/readme.ts';

const ROOT = join(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string; scripts: Record<string, string> };
const manifest = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string }[];
const install = readmeSection('Install');
const hooks = readmeSection('Configuration, ignores, baselines and hooks');
const tags = execFileSync('git', ['tag', '-l'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);

/** Fenced code blocks of a Markdown text, with their info string. */
function blocks(md: string): { lang: string; body: string }[] {
  return [...md.matchAll(/^```(\w*)\n([\s\S]*?)^```/gm)].map((m) => ({ lang: m[1] ?? '', body: m[2] ?? '' }));
}

describe('README: install and hook snippets', () => {
  it('every hook command shown is the one init writes', () => {
    const lines = [...install, ...hooks].join('').split('\n').filter((l) => /keywarden scan --staged/.test(l) && /npx/.test(l) && !/^\s*[-*]/.test(l));
    assert.ok(lines.length >= 4, 'husky, lefthook, simple-git-hooks and the plain hook are documented');
    for (const l of lines) assert.ok(l.includes(HOOK_COMMAND), `README hook line does not run "${HOOK_COMMAND}": ${l}`);
  });

  it('the pre-commit snippet names hooks of the manifest, and its rev exists or is said not to', () => {
    const yaml = blocks(hooks).filter((b) => b.lang === 'yaml' && b.body.includes('repos:'));
    assert.equal(yaml.length, 1);
    const body = yaml[0]?.body ?? '';
    const config = parse(body) as { repos: { repo: string; rev: string; hooks: { id: string }[] }[] };
    const ids = manifest.map((h) => h.id);
    for (const r of config.repos) {
      for (const h of r.hooks) assert.ok(ids.includes(h.id), `hook ${h.id} is not in .pre-commit-hooks.yaml (${ids.join(', ')})`);
      if (!tags.includes(r.rev)) assert.match(body, new RegExp(`rev: ${r.rev}\\s+# not tagged yet`), `rev ${r.rev} does not exist: say so`);
    }
    const generated = preCommitConfig();
    const rev = /rev: (\S+)/.exec(generated)?.[1] ?? '';
    if (!tags.includes(rev)) assert.match(generated, /until the first release is tagged/, 'init says its rev is not a tag yet');
  });

  it('every Action and release tag in the README exists, or the README says none exists yet', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const refs = new Set([...readme.matchAll(/keywarden\/keywarden@(v[\d.]+)\b/g)].map((m) => m[1] ?? ''));
    const missing = [...refs].filter((t) => !tags.includes(t));
    if (missing.length) assert.match(install, /none of these tags\s+exists yet/, `tags ${missing.join(', ')} do not exist yet and the README must say so`);
  });

  it('the install commands fit the package: its name, the tarball npm pack writes, no install-time build', () => {
    assert.match(install, new RegExp(`npm i -D github:keywarden/${pkg.name}\\b`));
    assert.ok(install.includes(`./${pkg.name}-${pkg.version}.tgz`), `the tarball is ${pkg.name}-${pkg.version}.tgz`);
    for (const s of ['preinstall', 'install', 'postinstall', 'prepare']) assert.equal(pkg.scripts[s], undefined, `a ${s} script would run on install`);
    // npm installs a git dependency by running a full development install first when the package has any
    // of these scripts (pacote's git fetcher), pulling every devDependency: a git URL install must not.
    for (const s of ['build', 'prepack', 'preinstall', 'install', 'postinstall', 'prepare']) assert.equal(pkg.scripts[s], undefined, `a "${s}" script makes npm i github:… install all devDependencies`);
  });

  it('publishing is guarded: prepublishOnly type-checks, checks dist/ is fresh and self-scans; a changelog ships', () => {
    assert.match(pkg.scripts.prepublishOnly ?? '', /typecheck.*check-dist.*scan \./);
    const changelog = readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8');
    assert.match(changelog, /^## \[Unreleased\]/m);
    assert.match(changelog, new RegExp(`^## \\[${pkg.version.replace(/\./g, '\\.')}\\]`, 'm'), `CHANGELOG.md has a section for ${pkg.version}`);
  });
});
