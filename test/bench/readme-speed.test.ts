// The README's speed tables are the benches' own output (bench/*.mjs --readme): every block is
// filled, carries the machine line the benches print (keywarden's commit, load, policy), holds a
// table, and its key belongs to a bench that writes it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const blocks = [...readme.matchAll(/<!-- bench:([\w-]+) -->\n([\s\S]*?)<!-- \/bench:\1 -->/g)].map((m) => ({ key: m[1] ?? '', body: m[2] ?? '' }));
const writers: Record<string, string> = { bench: 'dir-bench.mjs', precommit: 'precommit-bench.mjs', prefilter: 'prefilter-bench.ts' };

describe('README speed tables', () => {
  it('has the blocks the benches write', () => {
    assert.deepEqual(blocks.map((b) => b.key).sort(), ['bench', 'bench-large', 'history-express', 'history-git', 'precommit', 'prefilter']);
    assert.equal((readme.match(/<!-- bench:[\w-]+ -->/g) ?? []).length, blocks.length, 'an unclosed bench block');
  });

  for (const { key, body } of blocks) {
    it(`${key}: a bench's output, not typed by hand`, () => {
      assert.match(body, /keywarden at [0-9a-f]{7,}/, 'the machine line with the commit measured');
      assert.match(body, /\d+ cores, load average/);
      assert.match(body, /\n\| [^\n]+ \|\n\| ?---/, 'a markdown table');
      const writer = key.startsWith('history-') ? 'history-bench.mjs' : key.startsWith('bench-') ? 'dir-bench.mjs' : writers[key];
      assert.ok(writer, `no bench writes bench:${key}`);
      const source = readFileSync(new URL(`../../bench/${writer}`, import.meta.url), 'utf8');
      assert.match(source, /updateReadme\(/, `${writer} writes into the README`);
    });
  }
});
