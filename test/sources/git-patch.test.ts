// Parsers of git output: unified diffs (-U0), C-quoted paths, blame porcelain, cat-file batches,
// raw logs. Each is fed whole and byte by byte, which must give the same result.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePorcelain } from '../../src/sources/git/blame.ts';
import { BatchParser, type BatchObject } from '../../src/sources/git/cat-file.ts';
import { RawLogParser } from '../../src/sources/git/log-parse.ts';
import { PatchParser, headerPath, type PatchEvent } from '../../src/sources/git/patch.ts';
import { unquoteCPath } from '../../src/sources/git/quote.ts';

function parsePatch(text: string, maxBytes = 1 << 20, bytewise = false): PatchEvent[] {
  const p = new PatchParser(maxBytes);
  const buf = Buffer.from(text, 'utf8');
  const chunks = bytewise ? [...buf].map((b) => Buffer.from([b])) : [buf];
  return [...chunks.flatMap((c) => p.push(c)), ...p.end()];
}

const PATCH = [
  'diff --git a/app.env b/app.env',
  'index 1111111..2222222 100644',
  '--- a/app.env',
  '+++ b/app.env',
  '@@ -2,0 +3,2 @@ NAME=demo',
  '+LEVEL=2',
  '+NEXT=x',
  '@@ -9 +11 @@',
  '-old',
  '++++ not a header',
  'diff --git a/gone.txt b/gone.txt',
  'deleted file mode 100644',
  '--- a/gone.txt',
  '+++ /dev/null',
  '@@ -1 +0,0 @@',
  '-bye',
  'diff --git "a/t\\tab \\"q\\".txt" "b/t\\tab \\"q\\".txt"',
  'new file mode 100644',
  '--- /dev/null',
  '+++ "b/t\\tab \\"q\\".txt"',
  '@@ -0,0 +1 @@',
  '+diff --git a/x b/x',
  '\\ No newline at end of file',
  'diff --git a/img.png b/img.png',
  'new file mode 100644',
  'Binary files /dev/null and b/img.png differ',
  'diff --git a/sp ace.txt b/sp ace.txt',
  '--- a/sp ace.txt\t',
  '+++ b/sp ace.txt\t',
  '@@ -1,0 +2 @@',
  '+added',
  '',
].join('\n');

const EXPECTED: PatchEvent[] = [
  { kind: 'hunk', path: 'app.env', startLine: 3, text: 'LEVEL=2\nNEXT=x' },
  { kind: 'hunk', path: 'app.env', startLine: 11, text: '+++ not a header' },
  { kind: 'hunk', path: 't\tab "q".txt', startLine: 1, text: 'diff --git a/x b/x' },
  { kind: 'binary', path: 'img.png' },
  { kind: 'hunk', path: 'sp ace.txt', startLine: 2, text: 'added' },
];

describe('PatchParser', () => {
  it('reads added blocks with their new-side line, paths of every shape, binary files', () => {
    assert.deepEqual(parsePatch(PATCH), EXPECTED);
  });

  it('gives the same result when fed byte by byte', () => {
    assert.deepEqual(parsePatch(PATCH, 1 << 20, true), EXPECTED);
  });

  it('reports a block over the size limit instead of its text', () => {
    const events = parsePatch('diff --git a/a b/a\n--- a/a\n+++ b/a\n@@ -0,0 +1,2 @@\n+0123456789\n+0123456789\n', 15);
    assert.deepEqual(events, [{ kind: 'too-large', path: 'a' }]);
  });
});

describe('git path quoting', () => {
  it('unquotes escapes and octal UTF-8 bytes', () => {
    assert.equal(unquoteCPath('"\\303\\251t\\303\\251 \\"x\\"\\\\.txt"'), 'été "x"\\.txt');
    assert.equal(unquoteCPath('plain name.txt'), 'plain name.txt');
  });

  it('finds the new path in a diff --git header', () => {
    assert.equal(headerPath('a/x y.txt b/x y.txt'), 'x y.txt');
    assert.equal(headerPath('a/old.txt b/new.txt'), 'new.txt');
    assert.equal(headerPath('"a/\\303\\251" "b/\\303\\251"'), 'é');
  });
});

describe('blame porcelain', () => {
  it('maps final lines to commits, reusing headers given once per commit', () => {
    const a = 'a'.repeat(40);
    const b = 'b'.repeat(40);
    const text = [
      `${a} 1 3 1`,
      'author Ann',
      'author-mail <ann@example.com>',
      'author-time 1700000000',
      'author-tz -0130',
      'summary first',
      'filename x',
      '\tline three',
      `${b} 2 7 1`,
      'author Bob',
      'author-mail <bob@example.com>',
      'author-time 1700000060',
      'author-tz +0000',
      'summary second',
      'previous cccc x',
      'filename x',
      '\tline seven',
      `${a} 4 9`,
      '\tline nine',
      '',
    ].join('\n');
    const got = parsePorcelain(text);
    assert.deepEqual(Object.fromEntries(got), {
      3: { sha: a, author: 'Ann', email: 'ann@example.com', date: '2023-11-14T20:43:20-01:30', message: 'first' },
      7: { sha: b, author: 'Bob', email: 'bob@example.com', date: '2023-11-14T22:14:20+00:00', message: 'second' },
      9: { sha: a, author: 'Ann', email: 'ann@example.com', date: '2023-11-14T20:43:20-01:30', message: 'first' },
    });
  });
});

describe('cat-file batch parser', () => {
  const batch = Buffer.concat([
    Buffer.from(`${'1'.repeat(40)} blob 5\nhello\n`),
    Buffer.from(`${'2'.repeat(40)} missing\n`),
    Buffer.from(`${'3'.repeat(40)} blob 12\nline\nline\nxx\n`),
    Buffer.from(`${'4'.repeat(40)} blob 0\n\n`),
  ]);

  function parse(maxSize: number, bytewise: boolean): BatchObject[] {
    const p = new BatchParser(maxSize);
    const chunks = bytewise ? [...batch].map((b) => Buffer.from([b])) : [batch];
    const out = chunks.flatMap((c) => p.push(c));
    p.end();
    return out.map((o) => ({ ...o, data: o.data && Buffer.from(o.data) }));
  }

  it('splits objects, reports missing ones and leaves out contents over the limit', () => {
    for (const bytewise of [false, true]) {
      assert.deepEqual(parse(10, bytewise), [
        { oid: '1'.repeat(40), type: 'blob', size: 5, data: Buffer.from('hello') },
        { oid: '2'.repeat(40), type: 'missing', size: 0, data: undefined },
        { oid: '3'.repeat(40), type: 'blob', size: 12, data: undefined },
        { oid: '4'.repeat(40), type: 'blob', size: 0, data: Buffer.alloc(0) },
      ]);
    }
  });

  it('never gives an object a view of an earlier chunk (the reader frees each chunk once its objects are used)', () => {
    const oid = '5'.repeat(40);
    const first = Buffer.from(`${oid} blob 5\nhello`); // the content ends here, its newline comes next
    const second = Buffer.from(`\n${'6'.repeat(40)} blob 2\nhi\n`);
    const p = new BatchParser(100);
    assert.deepEqual(p.push(first), []);
    const out = p.push(second);
    assert.deepEqual(out.map((o) => [o.oid, o.data?.toString()]), [[oid, 'hello'], ['6'.repeat(40), 'hi']]);
    first.fill(0);
    assert.equal(out[0]?.data?.toString(), 'hello');
    assert.equal(out[1]?.data?.buffer, second.buffer, 'an object whole in its chunk is a view of it, not a copy');
  });

  it('throws when the stream stops inside an object', () => {
    const p = new BatchParser(100);
    p.push(Buffer.from(`${'1'.repeat(40)} blob 5\nhel`));
    assert.throws(() => p.end(), /middle of an object/);
  });
});

describe('raw log parser', () => {
  const sha = (ch: string) => ch.repeat(40);
  const meta = (newOid: string, status: string) => `:100644 100644 ${sha('0')} ${newOid} ${status}`;
  const log = [
    `\x01${sha('c')}\0\0Ann\0ann@example.com\x002023-11-14T22:13:20+00:00\0first\0`,
    `\n${meta(sha('a'), 'A')}\0dir/a.txt\0${meta(sha('b'), 'A')}\0b.txt\0`,
    `\x01${sha('d')}\0${sha('c')}\0Bob\0bob@example.com\x002023-11-14T22:14:20+00:00\0second\0`,
    `\n${meta(sha('a'), 'M')}\0:odd\npath\0${meta(sha('0'), 'D')}\0b.txt\0`,
  ].join('');

  it('returns wanted introductions with their commit and order, paths read as they are', () => {
    for (const bytewise of [false, true]) {
      const p = new RawLogParser(new Set([sha('a')]));
      const buf = Buffer.from(log);
      const chunks = bytewise ? [...buf].map((b) => Buffer.from([b])) : [buf];
      const got = chunks.flatMap((c) => p.push(c));
      p.end();
      assert.deepEqual(
        got.map((g) => `${g.order} ${g.commit.sha.slice(0, 1)} ${g.commit.author} ${JSON.stringify(g.path)}`),
        ['0 c Ann "dir/a.txt"', '1 d Bob ":odd\\npath"'],
      );
    }
  });
});
