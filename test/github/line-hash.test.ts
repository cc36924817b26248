// The line hash must equal github/codeql-action's `fingerprints.hash` output; the expected values are
// that project's own test vectors (src/fingerprints.test.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lineHashes } from '../../src/github/line-hash.ts';

const cases: { name: string; input: string; expected: string[] }[] = [
  { name: 'empty file', input: '', expected: ['c129715d7a2bc9a3:1'] },
  { name: 'mixed indentation', input: ' a\nb\n  \t\tc\n d', expected: ['271789c17abda88f:1', '54703d4cd895b18:1', '180aee12dab6264:1', 'a23a3dc5e078b07b:1'] },
  {
    name: 'no trailing newline',
    input: ' hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End',
    expected: ['8b7cf3e952e7aeb2:1', 'b1ae1287ec4718d9:1', 'bff680108adb0fcc:1', 'c6805c5e1288b612:1', 'b86d3392aea1be30:1', 'e6ceba753e1a442:1'],
  },
  ...[
    { name: 'LF endings', input: ' hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n' },
    { name: 'CR endings', input: ' hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r' },
    { name: 'CRLF endings', input: ' hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n' },
    { name: 'mixed endings', input: ' hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n' },
  ].map((c) => ({
    ...c,
    expected: ['e9496ae3ebfced30:1', 'fb7c023a8b9ccb3f:1', 'ce8ba1a563dcdaca:1', 'e20e36e16fcb0cc8:1', 'b3edc88f2938467e:1', 'c8e28b0b4002a3a0:1', 'c129715d7a2bc9a3:1'],
  })),
  {
    name: 'repeated lines are numbered',
    input: 'Lorem ipsum dolor sit amet.\n'.repeat(10),
    expected: [
      ...[1, 2, 3, 4, 5, 6].map((n) => `a7f2ff13bc495cf2:${n}`),
      'a7f2ff1481e87703:1',
      'a9cf91f7bbf1862b:1',
      '55ec222b86bcae53:1',
      'cc97dc7b1d7d8f7b:1',
      'c129715d7a2bc9a3:1',
    ],
  },
  {
    name: 'short code lines',
    input: 'x = 2\nx = 1\nprint(x)\nx = 3\nprint(x)\nx = 4\nprint(x)\n',
    expected: ['e54938cc54b302f1:1', 'bb609acbe9138d60:1', '1131fd5871777f34:1', '5c482a0f8b35ea28:1', '54517377da7028d2:1', '2c644846cb18d53e:1', 'f1b89f20de0d133:1', 'c129715d7a2bc9a3:1'],
  },
];

for (const c of cases) {
  test(`line hash: ${c.name}`, () => {
    assert.deepEqual(lineHashes(c.input), c.expected);
  });
}

test('line hash: a line longer than the window hashes its first 100 non-blank characters', () => {
  const long = 'a'.repeat(150);
  const [h1] = lineHashes(`${long}\n`);
  const [h2] = lineHashes(`${'a'.repeat(100)}${'b'.repeat(50)}\n`);
  assert.equal(h1, h2);
});
