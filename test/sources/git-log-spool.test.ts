// The attribution walk started early (CliGitReader.prepareChanges, log-spool.ts) gives the same
// introductions as the walk run when they are asked for, surfaces git's own error, and leaves no
// temporary file behind; a history scan starts it at its first match.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { after, before, describe, it } from 'node:test';
import { CliGitReader } from '../../src/sources/git/cli-reader.ts';
import { GitSpool } from '../../src/sources/git/log-spool.ts';
import type { BlobChange } from '../../src/sources/git/reader.ts';
import { githubPat } from '../helpers/secrets.ts';
import { TestRepo } from './git-repo.ts';

let repo: TestRepo;
before(() => {
  repo = TestRepo.init('kw-log-spool-');
  for (let i = 0; i < 6; i++) repo.commit(`c${i}`, { 'app/settings.env': `TOKEN=${githubPat(`spool-${i % 3}`)}\n`, [`n${i % 2}.txt`]: `note ${i}\n` });
});
after(() => repo.remove());

const spoolDirs = (): string[] => readdirSync(tmpdir()).filter((d) => d.startsWith('keywarden-git-'));

async function walk(reader: CliGitReader, oids: Set<string>, tips?: string[]): Promise<BlobChange[]> {
  const out: BlobChange[] = [];
  for await (const c of reader.changes(oids, tips)) out.push(c);
  return out;
}

describe('the attribution walk spooled while the scan runs', () => {
  it('gives the introductions the live walk gives, and removes its file', async () => {
    const reader = new CliGitReader(repo.dir);
    const oids = new Set(repo.git('rev-list', '--objects', '--all').split('\n').map((l) => l.split(' ')[0] ?? ''));
    const live = await walk(reader, oids);
    assert.ok(live.length >= 8);
    const before = spoolDirs();
    reader.prepareChanges();
    assert.equal(spoolDirs().length, before.length + 1, 'a spool file while git runs');
    assert.deepEqual(await walk(reader, oids), live);
    assert.deepEqual(spoolDirs(), before, 'the file is gone once read');
    assert.deepEqual(await walk(reader, oids), live, 'a later walk runs live again');
  });

  it('is not used for a walk from other tips', async () => {
    const reader = new CliGitReader(repo.dir);
    const first = repo.head('HEAD~4');
    const oids = new Set(repo.git('rev-list', '--objects', '--all').split('\n').map((l) => l.split(' ')[0] ?? ''));
    reader.prepareChanges(); // every ref
    const fromFirst = await walk(reader, oids, [first]);
    assert.ok(fromFirst.length > 0 && fromFirst.length < (await walk(reader, oids)).length);
  });

  it("fails with git's own error, and removes its file", async () => {
    const before = spoolDirs();
    const spool = new GitSpool(repo.dir, ['log', 'no-such-revision']);
    await assert.rejects(async () => {
      for await (const _ of spool.read());
    }, /git log failed: .*no-such-revision/);
    assert.deepEqual(spoolDirs(), before);
  });
});
