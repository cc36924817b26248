// A whole history listed by the attribution walk (cli-reader.ts walkBlobs, log-blobs.ts): the same
// blobs `rev-list --objects` lists (merges, a symlink, a submodule's entry left out, a blob at two
// paths, the blobs of tags that name a tree, a blob, a tag of a blob), each once, and again at the
// later paths `alsoAt` accepts; the walk then serves the attribution with the introductions the walk
// run for it alone gives, in the same order; and a history scan reads a blob at each path a rule
// without keywords reads, whichever path the walk met it at first.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { secretOf } from '../../src/core/match.ts';
import { silentLogger } from '../../src/logger.ts';
import { scan } from '../../src/scan.ts';
import { defaultSettings } from '../../src/settings.ts';
import { CliGitReader } from '../../src/sources/git/cli-reader.ts';
import { HistorySource } from '../../src/sources/git/history.ts';
import { LogBlobs } from '../../src/sources/git/log-blobs.ts';
import { GitSpool } from '../../src/sources/git/log-spool.ts';
import type { BlobChange, BlobRef } from '../../src/sources/git/reader.ts';
import { gen } from '../helpers/secrets.ts';
import { TestRepo } from './git-repo.ts';

let repo: TestRepo;
let submodule: TestRepo;

/** `git <args>` in the test repository with `input` on stdin. */
function gitIn(input: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: repo.dir, input, encoding: 'utf8' }).trim();
}

before(() => {
  submodule = TestRepo.init('kw-walk-sub-');
  submodule.commit('sub', { 'inner.txt': 'inside the submodule\n' });
  repo = TestRepo.init('kw-walk-');
  repo.commit('one', { 'a.txt': 'a1\n', 'same.txt': 'shared\n', 'dir/b.txt': 'b1\n' });
  symlinkSync('a.txt', join(repo.dir, 'link'));
  repo.commit('link and copy', { 'dir/copy.txt': 'shared\n' });
  repo.git('checkout', '-q', '-b', 'side');
  repo.commit('side', { 'side.txt': 'side only\n', 'a.txt': 'a-side\n' });
  repo.git('checkout', '-q', 'main');
  repo.commit('main moves', { 'dir/b.txt': 'b2\n' });
  repo.nextTick().git('merge', '-q', '--no-edit', '-m', 'merge side', 'side');
  repo.git('-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', submodule.dir, 'vendored');
  repo.commit('submodule');
  repo.git('rm', '-q', 'same.txt');
  repo.commit('remove one copy');
  // Refs that name no commit: a tree (holding a blob no commit holds), a blob, a tag of a tag of a blob.
  const treeBlob = gitIn('only in a tagged tree\n', 'hash-object', '-w', '--stdin');
  repo.git('tag', 'tree-tag', gitIn(`100644 blob ${treeBlob}\tdeep.txt\n`, 'mktree'));
  repo.git('tag', '-a', '-m', 'a blob', 'blob-tag', gitIn('only in a tagged blob\n', 'hash-object', '-w', '--stdin'));
  repo.git('tag', '-a', '-m', 'a tag of a tag', 'tag-tag', 'blob-tag');
});
after(() => {
  repo.remove();
  submodule.remove();
});

/** rev-list's listing: blob id → path. */
function revList(): Map<string, string> {
  const out = repo.git('rev-list', '--objects', '--filter=object:type=blob', '--filter-provided-objects', '--all');
  return new Map(out.split('\n').map((l) => [l.slice(0, 40), l.slice(41)]));
}

async function walked(reader: CliGitReader, alsoAt: (oid: string, path: string) => boolean = () => false): Promise<BlobRef[]> {
  const listing = await reader.walkBlobs(undefined, alsoAt);
  assert.ok(listing, 'a whole history is listed by the walk');
  const out: BlobRef[] = [];
  for await (const b of listing) out.push(b);
  return out;
}

async function changes(reader: CliGitReader, oids: ReadonlySet<string>): Promise<BlobChange[]> {
  const out: BlobChange[] = [];
  for await (const c of reader.changes(oids)) out.push(c);
  return out;
}

// A temporary directory of this file's own (os.tmpdir() follows TMPDIR): other test files' scans
// spool to theirs meanwhile.
const tmp = mkdtempSync(join(tmpdir(), 'kw-walk-tmp-'));
const savedTmp = process.env.TMPDIR;
process.env.TMPDIR = tmp;
after(() => {
  if (savedTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmp;
  rmSync(tmp, { recursive: true, force: true });
});
const spoolDirs = (): string[] => readdirSync(tmpdir()).filter((d) => d.startsWith('keywarden-git-'));

describe('listing a whole history by the attribution walk (git binary)', () => {
  it('lists the blobs rev-list lists, each once, at a path a commit or tagged tree put it at', async () => {
    const reader = new CliGitReader(repo.dir);
    const listed = await walked(reader);
    reader.releaseWalk();
    const expected = revList();
    assert.deepEqual(listed.map((b) => b.oid).sort(), [...expected.keys()].sort());
    const paths = new Map(listed.map((b) => [b.oid, b.path]));
    const hash = (text: string): string => gitIn(text, 'hash-object', '--stdin');
    assert.equal(paths.get(hash('only in a tagged tree\n')), 'deep.txt');
    assert.equal(paths.get(hash('only in a tagged blob\n')), '');
    assert.equal(paths.get(hash('a.txt')), 'link', 'the symlink is a blob');
    assert.ok(['same.txt', 'dir/copy.txt'].includes(paths.get(hash('shared\n')) ?? ''));
    assert.equal(paths.get(submodule.head()), undefined, "the submodule's commit is no blob");
  });

  it('lists a blob again at each later path alsoAt accepts', async () => {
    const reader = new CliGitReader(repo.dir);
    const asked: string[] = [];
    const listed = await walked(reader, (_oid, path) => {
      asked.push(path);
      return path === 'same.txt';
    });
    reader.releaseWalk();
    const shared = gitIn('shared\n', 'hash-object', '--stdin');
    // The walk goes from the newest commit: dir/copy.txt comes first, same.txt later.
    assert.deepEqual(
      listed.filter((b) => b.oid === shared),
      [{ oid: shared, path: 'dir/copy.txt' }, { oid: shared, path: 'same.txt', again: true }],
    );
    assert.ok(asked.includes('same.txt'));
  });

  it('serves the attribution with what the walk run for it gives, then removes its file', async () => {
    const oids = new Set(revList().keys());
    const live = await changes(new CliGitReader(repo.dir), oids);
    assert.ok(live.length >= 8);
    const before = spoolDirs();
    const reader = new CliGitReader(repo.dir);
    await walked(reader);
    reader.prepareChanges(); // the walk is already there: no second one
    assert.equal(spoolDirs().length, before.length + 1, 'one walk, in one file');
    assert.deepEqual(await changes(reader, oids), live);
    assert.deepEqual(spoolDirs(), before, 'the file is gone once read');
  });

  it('leaves the attribution to a walk of its own when the listing stopped early', async () => {
    const oids = new Set(revList().keys());
    const live = await changes(new CliGitReader(repo.dir), oids);
    const before = spoolDirs();
    const reader = new CliGitReader(repo.dir);
    const listing = await reader.walkBlobs(undefined, () => false);
    for await (const _ of listing ?? []) break;
    assert.deepEqual(spoolDirs(), before, 'stopped: git stopped, its file removed');
    assert.deepEqual(await changes(reader, oids), live);
  });
});

describe('which listing a history scan takes', () => {
  it('the walk for a whole history, rev-list for one since a date (whole trees of the recent commits)', async () => {
    for (const since of [undefined, '2000-01-01']) {
      const reader = new CliGitReader(repo.dir);
      const calls = { walk: 0, revList: 0 };
      const walkBlobs = reader.walkBlobs.bind(reader);
      const listBlobs = reader.listBlobs.bind(reader);
      reader.walkBlobs = (tips, alsoAt) => {
        calls.walk++;
        return walkBlobs(tips, alsoAt);
      };
      reader.listBlobs = (scope) => {
        calls.revList++;
        return listBlobs(scope);
      };
      const source = await HistorySource.open({ root: repo.dir, maxFileSize: 1 << 20, backend: reader, ...(since ? { since } : {}) });
      let blobs = 0;
      for await (const _ of source.fragments({ onError: () => {}, onSkip: () => {} })) blobs++;
      await source.provenance([]);
      assert.deepEqual(calls, since ? { walk: 0, revList: 1 } : { walk: 1, revList: 0 });
      assert.equal(blobs, revList().size);
    }
  });
});

describe('reading git log --raw -z output as bytes (LogBlobs)', () => {
  it('gives the same entries whatever the chunks, and refuses a cut record', async () => {
    const spool = new GitSpool(repo.dir, ['log', '--raw', '--root', '--no-renames', '--no-abbrev', '-z', '--diff-merges=first-parent', '--format=%x01%H%x00%P%x00%an%x00%ae%x00%aI%x00%s', '--all']);
    const chunks: Buffer[] = [];
    for await (const c of spool.follow()) chunks.push(Buffer.from(c));
    spool.dispose();
    const whole = Buffer.concat(chunks);
    const entries = (size: number): string[] => {
      const parser = new LogBlobs();
      const out: string[] = [];
      for (let at = 0; at < whole.length; at += size) {
        for (const e of parser.push(whole.subarray(at, at + size))) out.push(`${e.buf.toString('latin1', e.oidStart, e.oidEnd)} ${e.buf.toString('utf8', e.pathStart, e.pathEnd)}`);
      }
      parser.end();
      return out;
    };
    const all = entries(whole.length);
    assert.ok(all.length >= 8);
    assert.ok(!all.some((e) => e.endsWith(' vendored')), "no submodule's entry");
    assert.deepEqual(entries(7), all);
    const cut = new LogBlobs();
    for (const _ of cut.push(whole.subarray(0, whole.length - 3)));
    assert.throws(() => cut.end(), /ended in the middle of a record/);
  });

  it("follows a command that fails with git's own error, and removes its file", async () => {
    const before = spoolDirs();
    const spool = new GitSpool(repo.dir, ['log', 'no-such-revision']);
    await assert.rejects(async () => {
      for await (const _ of spool.follow());
    }, /git log failed: .*no-such-revision/);
    assert.deepEqual(spoolDirs(), before);
  });
});

describe('history scan: a blob is read at each path a rule without keywords reads', () => {
  it('reports a .pgpass line where the walk met the blob first at another path', async () => {
    const pgRepo = TestRepo.init('kw-walk-pgpass-');
    try {
      const line = gen('warehouse.internal:25061:stock:loader:{{gen:alnum:24}}\n');
      pgRepo.commit('pgpass', { '.pgpass': line });
      // Newest first, the walk (and rev-list, from the last tree) meets the blob at notes/db.txt.
      pgRepo.commit('moved', { 'notes/db.txt': line });
      pgRepo.git('rm', '-q', '.pgpass');
      pgRepo.commit('removed');
      const result = await scan({ ...defaultSettings(pgRepo.dir, { kind: 'history' }), threads: 1 }, { logger: silentLogger });
      const found = result.secrets.map((s) => `${s.ruleId}: ${s.occurrences.map((o) => o.path).join(', ')}`);
      assert.deepEqual(found, ['pgpass-file: .pgpass']);
      assert.equal(secretOf(result.secrets[0]!), line.trim().split(':').pop());
    } finally {
      pgRepo.remove();
    }
  });
});
