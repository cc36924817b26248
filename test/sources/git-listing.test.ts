// The git binary's listing of a history's blobs (cli-reader.ts listBlobs, `rev-list --objects` parsed
// as bytes): each reachable blob once, with the path it was met at, whatever that path holds
// (spaces, UTF-8; git cuts a path at a newline, even before what looks like an id), and blobs met at
// one path all carry it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { CliGitReader } from '../../src/sources/git/cli-reader.ts';
import type { BlobRef } from '../../src/sources/git/reader.ts';
import { TestRepo } from './git-repo.ts';

const LOOKS_LIKE_ID = 'a'.repeat(40);
let repo: TestRepo;

before(() => {
  repo = TestRepo.init('kw-listing-');
  repo.commit('one', { 'plain.txt': 'one\n', 'with space.txt': 'space\n', 'caf\u00e9/\u65e5\u672c.txt': 'utf8\n', [`new\nline ${LOOKS_LIKE_ID}.txt`]: 'newline\n', [`new\n${LOOKS_LIKE_ID}`]: 'id-like line\n' });
  repo.commit('two', { 'plain.txt': 'two\n' });
  repo.commit('three', { 'plain.txt': 'three\n' });
});
after(() => repo.remove());

async function listing(): Promise<BlobRef[]> {
  const out: BlobRef[] = [];
  for await (const b of new CliGitReader(repo.dir).listBlobs({})) out.push(b);
  return out;
}

describe('listing a history’s blobs (git binary)', () => {
  it('gives each blob once with its path, whatever the path holds', async () => {
    const listed = await listing();
    const blobs = execFileSync('git', ['log', '--all', '--format=', '--raw', '--no-abbrev'], { cwd: repo.dir, encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split(' ')[3]);
    assert.deepEqual(listed.map((b) => b.oid).sort(), [...new Set(blobs)].sort());
    const byPath = new Map<string, string[]>();
    for (const b of listed) byPath.set(b.path, [...(byPath.get(b.path) ?? []), b.oid]);
    assert.deepEqual([...byPath.keys()].sort(), ['caf\u00e9/\u65e5\u672c.txt', 'new', 'plain.txt', 'with space.txt']);
    assert.equal(byPath.get('plain.txt')?.length, 3);
    const hash = (text: string) => execFileSync('git', ['hash-object', '--stdin'], { cwd: repo.dir, input: text, encoding: 'utf8' }).trim();
    assert.deepEqual(byPath.get('new')?.sort(), [hash('newline\n'), hash('id-like line\n')].sort());
  });
});
