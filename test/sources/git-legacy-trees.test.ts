// Trees git reads without complaint but isomorphic-git's parser refuses: legacy file modes (100664,
// 100640), a zero-padded directory mode (040000), names holding a quote or a backslash. Tree objects
// are written by hand (`git hash-object -t tree --literally`); the history scan through isomorphic-git
// (the backend used where no git binary exists) must report what the git binary backend reports.
// A tree that even git cannot parse stops the scan with exit 2 naming the object, never "no secrets".
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { secretOf } from '../../src/core/match.ts';
import { silentLogger } from '../../src/logger.ts';
import { scan } from '../../src/scan.ts';
import { defaultSettings } from '../../src/settings.ts';
import { canonicalMode, parseTree } from '../../src/sources/git/iso-tree.ts';
import { runCli } from '../helpers/cli.ts';
import { githubPat } from '../helpers/secrets.ts';
import { TestRepo } from './git-repo.ts';

const SECRETS = {
  legacy: githubPat('legacy-tree-100664'),
  private: githubPat('legacy-tree-100640'),
  nested: githubPat('legacy-tree-040000'),
  quote: githubPat('legacy-tree-quote'),
  backslash: githubPat('legacy-tree-backslash'),
};
const NAMES = new Map(Object.entries(SECRETS).map(([k, v]) => [v, k]));

/** Writes an object from stdin and returns its id. */
function writeObject(repo: TestRepo, args: string[], input: Buffer | string): string {
  return execFileSync('git', ['hash-object', '-w', '--stdin', ...args], { cwd: repo.dir, input }).toString().trim();
}

/** Raw tree content from entries given in git's order (mode as written, name, object id). */
function treeContent(entries: [mode: string, name: string, oid: string][]): Buffer {
  return Buffer.concat(entries.map(([mode, name, oid]) => Buffer.concat([Buffer.from(`${mode} ${name}\0`), Buffer.from(oid, 'hex')])));
}

/** A commit of `tree` on `main`. */
function commitTree(repo: TestRepo, tree: string, message: string): string {
  const commit = repo.nextTick().git('commit-tree', tree, '-m', message);
  repo.git('update-ref', 'refs/heads/main', commit);
  return commit;
}

async function historySecrets(repo: TestRepo, backend: 'git' | 'isomorphic-git'): Promise<Map<string, string[]>> {
  const saved = process.env.KEYWARDEN_GIT_BACKEND;
  process.env.KEYWARDEN_GIT_BACKEND = backend;
  try {
    const result = await scan({ ...defaultSettings(repo.dir, { kind: 'history' }), threads: 1 }, { logger: silentLogger });
    assert.deepEqual(result.errors, []);
    return new Map(result.secrets.map((s) => [NAMES.get(secretOf(s) ?? '') ?? 'unexpected', s.occurrences.map((o) => o.path)]));
  } finally {
    if (saved === undefined) delete process.env.KEYWARDEN_GIT_BACKEND;
    else process.env.KEYWARDEN_GIT_BACKEND = saved;
  }
}

describe('git tree modes and names, as git reads them', () => {
  it('canonical modes: any regular file is 100644 or 100755, a zero-padded directory is 40000', () => {
    const canon = (m: string): string => canonicalMode(Number.parseInt(m, 8)).toString(8);
    assert.deepEqual(['100664', '100640', '100600', '100744', '100775', '040000', '120777', '160000'].map(canon), ['100644', '100644', '100644', '100755', '100755', '40000', '120000', '160000']);
  });

  it('a malformed entry names the tree', () => {
    assert.throws(() => parseTree(Buffer.from('100644 no-nul-and-no-id'), 'abc123'), /cannot read git object abc123: malformed tree entry at byte 0/);
    assert.throws(() => parseTree(Buffer.concat([Buffer.from('100644 a\0'), Buffer.alloc(7)]), 'abc123'), /abc123: tree entry cut short/);
  });
});

describe('history scan of legacy trees through isomorphic-git', () => {
  let repo: TestRepo;
  const expected = new Map([
    ['backslash', ['back\\slash.env']],
    ['nested', ['conf/app.env']],
    ['legacy', ['legacy.env']],
    ['private', ['private.env']],
    ['quote', ['quote"name.env']],
  ]);

  before(() => {
    repo = TestRepo.init('kw-legacy-trees-');
    const blob = (text: string): string => writeObject(repo, [], text);
    const sub = writeObject(repo, ['-t', 'tree', '--literally'], treeContent([['100644', 'app.env', blob(`TOKEN=${SECRETS.nested}\n`)]]));
    // Names in git's tree order (a directory sorts as if its name ended in '/').
    const root = treeContent([
      ['100644', 'back\\slash.env', blob(`TOKEN=${SECRETS.backslash}\n`)],
      ['040000', 'conf', sub],
      ['100664', 'legacy.env', blob(`TOKEN=${SECRETS.legacy}\n`)],
      ['100640', 'private.env', blob(`TOKEN=${SECRETS.private}\n`)],
      ['100644', 'quote"name.env', blob(`TOKEN=${SECRETS.quote}\n`)],
    ]);
    commitTree(repo, writeObject(repo, ['-t', 'tree', '--literally'], root), 'legacy tools');
  });
  after(() => repo.remove());

  it('the git binary reads every entry (the reference)', async () => {
    assert.deepEqual(await historySecrets(repo, 'git'), expected);
  });

  it('isomorphic-git reports the same secrets at the same paths', async () => {
    assert.deepEqual(await historySecrets(repo, 'isomorphic-git'), expected);
  });
});

describe('a tree no backend can parse', () => {
  it('stops a history scan through isomorphic-git with exit 2 naming the object', async () => {
    const repo = TestRepo.init('kw-bad-tree-');
    try {
      const bad = writeObject(repo, ['-t', 'tree', '--literally'], '100644 no-nul-and-no-id');
      commitTree(repo, bad, 'broken');
      const saved = process.env.KEYWARDEN_GIT_BACKEND;
      process.env.KEYWARDEN_GIT_BACKEND = 'isomorphic-git';
      try {
        const r = await runCli(['scan', '--history'], repo.dir);
        assert.equal(r.code, 2, r.stdout);
        assert.match(r.stderr, new RegExp(`cannot read git object ${bad}`));
        assert.doesNotMatch(r.stdout + r.stderr, /no secrets found/);
      } finally {
        if (saved === undefined) delete process.env.KEYWARDEN_GIT_BACKEND;
        else process.env.KEYWARDEN_GIT_BACKEND = saved;
      }
    } finally {
      repo.remove();
    }
  });
});
