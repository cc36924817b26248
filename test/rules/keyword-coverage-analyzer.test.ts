// keywordEscape on small hand-written patterns: what it proves (every match holds a keyword) and
// what it must not (a match without one), across the regex forms rules use. Soundness is checked
// against V8 too: for each "escapes" case a concrete text that matches the pattern and holds no
// keyword is given, and for each "holds" case a few texts that match are checked to hold one.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classChars, keywordEscape, matchesHoldKeyword } from '../../src/rules/keyword-coverage.ts';

interface Case {
  name: string;
  pattern: string;
  keywords: string[];
  flags?: string;
  /** Texts the pattern matches (each must hold a keyword when proved, and one must hold none when not). */
  matches: string[];
}

const holds = (kws: readonly string[], text: string): boolean => kws.some((k) => text.toLowerCase().includes(k));

const PROVED: Case[] = [
  { name: 'a plain literal', pattern: 'apikey=(\\w+)', keywords: ['apikey'], matches: ['apikey=x'] },
  { name: 'the keyword in other case', pattern: 'APIKEY=(\\w+)', keywords: ['apikey'], matches: ['APIKEY=x'] },
  { name: 'a case-insensitive pattern', pattern: 'apikey=(\\w+)', flags: 'i', keywords: ['apikey'], matches: ['ApiKey=x'] },
  { name: 'a keyword across a group', pattern: 'ap(?:i)key=(\\w+)', keywords: ['apikey'], matches: ['apikey=x'] },
  { name: 'each alternative holds a keyword', pattern: '(?:npm_token|npmtoken)=(\\w+)', keywords: ['npm_token', 'npmtoken'], matches: ['npm_token=x', 'npmtoken=x'] },
  { name: 'an alternation inside a keyword', pattern: 'dd(?:_|-)api=(\\w+)', keywords: ['dd_api', 'dd-api'], matches: ['dd_api=x', 'dd-api=x'] },
  { name: 'a small class inside a keyword', pattern: 'dd[_.-]api=(\\w+)', keywords: ['dd_api', 'dd-api', 'dd.api'], matches: ['dd.api=x'] },
  { name: 'a class range folded', pattern: 'key[A-C]=(\\w+)', keywords: ['keya', 'keyb', 'keyc'], matches: ['keyC=x'] },
  { name: 'an optional part before the keyword', pattern: '(?:x_)?token=(\\w+)', keywords: ['token'], matches: ['token=x', 'x_token=x'] },
  { name: 'an optional separator, both forms listed', pattern: 'rapid[_-]?api=(\\w+)', keywords: ['rapidapi', 'rapid_api', 'rapid-api'], matches: ['rapidapi=x'] },
  { name: 'a literal repeat', pattern: 'A{3}key(\\w+)', keywords: ['aaakey'], matches: ['AAAkeyx'] },
  { name: 'a bounded repeat unrolled', pattern: '(?:ab){1,2}c(\\w)', keywords: ['abc'], matches: ['abc1', 'ababc1'] },
  { name: 'an unbounded repeat followed until no run is new', pattern: 'x(?:ab)+c(\\w)', keywords: ['abc'], matches: ['xababababababc1'] },
  { name: 'escapes: a dot and a slash', pattern: 'x\\.y\\/z(\\w)', keywords: ['x.y/z'], matches: ['x.y/z1'] },
  { name: 'hex and unicode escapes', pattern: '\\x41\\u0042c(\\w)', keywords: ['abc'], matches: ['ABc1'] },
  { name: 'a keyword in a positive lookahead', pattern: '(\\w{8})(?=\\s*#\\s*apikey)', keywords: ['apikey'], matches: ['abcdefgh # apikey'] },
  { name: 'a keyword in a positive lookbehind', pattern: '(?<=apikey=)(\\w{8})', keywords: ['apikey'], matches: ['apikey=abcdefgh'] },
  { name: 'a lookaround between the halves of a keyword', pattern: 'api(?!x)key=(\\w+)', keywords: ['apikey'], matches: ['apikey=x'] },
  { name: 'assertions consume nothing', pattern: '\\bapi\\Bkey\\b=(\\w+)', keywords: ['apikey'], matches: ['apikey=x'] },
  { name: 'an empty class never matches', pattern: '(\\w+)(?:[]|apikey)', keywords: ['apikey'], matches: ['xapikey'] },
  { name: 'a named group', pattern: '(?<v>apikey=\\w+)', keywords: ['apikey'], matches: ['apikey=x'] },
  { name: 'the keyword after a wide class', pattern: '[\\w.-]{0,20}token=(\\w+)', keywords: ['token'], matches: ['a.b-token=x'] },
];

const ESCAPES: Case[] = [
  { name: 'an optional keyword', pattern: '(?:apikey)?=(\\w+)', keywords: ['apikey'], matches: ['=x'] },
  { name: 'one alternative without a keyword', pattern: '(?:apikey|api_key)=(\\w+)', keywords: ['apikey'], matches: ['api_key=x'] },
  { name: 'a separator the keywords miss', pattern: 'dd[_.-]api=(\\w+)', keywords: ['dd_api', 'dd-api'], matches: ['dd.api=x'] },
  { name: 'an optional separator the keywords require', pattern: 'rapid[_-]?api=(\\w+)', keywords: ['rapid_api', 'rapid-api'], matches: ['rapidapi=x'] },
  { name: 'a wide class inside the keyword', pattern: 'cf[\\w.-]{0,20}?api=(\\w+)', keywords: ['cf_api', 'cfapi'], matches: ['cf_account_api=x'] },
  { name: 'a dot inside the keyword', pattern: 'api.key=(\\w+)', keywords: ['api_key', 'apikey'], matches: ['api:key=x'] },
  { name: 'a keyword that is context elsewhere', pattern: '--token\\s+(\\w+)', keywords: ['kubeadm'], matches: ['--token abc'] },
  { name: 'a repeat that may be absent', pattern: '(?:apikey){0,3}=(\\w+)', keywords: ['apikey'], matches: ['=x'] },
  { name: 'a keyword only in a negative lookahead', pattern: '(?!apikey)(\\w{6})', keywords: ['apikey'], matches: ['abcdef'] },
  { name: 'a keyword only in a negative lookbehind', pattern: '(?<!apikey=)(\\w{6})', keywords: ['apikey'], matches: ['abcdef'] },
  { name: 'a backreference is not read', pattern: '(["\'])apikey\\1|(\\w{4})', keywords: ['apikey'], matches: ['abcd'] },
  { name: 'a wide range is not read as literals', pattern: 'key[a-z]=(\\w+)', keywords: ['keya'], matches: ['keyq=x'] },
  { name: 'a negated class is not read as literals', pattern: 'key[^b]=(\\w+)', keywords: ['keya'], matches: ['keyq=x'] },
  { name: 'a class holding \\w is not read as literals', pattern: 'key[\\wa]=(\\w+)', keywords: ['keya'], matches: ['key_=x'] },
  { name: 'an octal escape is not read as \\0 then a digit', pattern: 'x\\01(\\w)', keywords: ['x\u00001'], matches: ['x\u0001a'] },
  { name: 'a keyword split by an unknown character', pattern: 'api.key(\\w)', keywords: ['apikey'], matches: ['api-keyx'] },
  { name: 'no keywords', pattern: 'token=(\\w+)', keywords: [], matches: ['token=x'] },
  { name: 'a Kelvin sign is not a k to the prefilter', pattern: '\u212Aey(\\w)', keywords: ['key'], matches: ['\u212Aeyx'] },
  { name: 'a non-ASCII letter is not folded', pattern: '\u00C9t\u00E9=(\\w)', flags: 'i', keywords: ['\u00E9t\u00E9'], matches: ['\u00C9t\u00E9=x'] },
];

function matchesAll(c: Case): void {
  for (const text of c.matches) assert.match(text, new RegExp(c.pattern, c.flags ?? ''), `${c.name}: the case's text must match`);
}

describe('keywordEscape', () => {
  for (const c of PROVED) {
    it(`proves ${c.name}`, () => {
      matchesAll(c);
      for (const text of c.matches) assert.ok(holds(c.keywords, text), `${c.name}: ${JSON.stringify(text)} holds a keyword`);
      assert.equal(keywordEscape(c.pattern, c.keywords), undefined);
      assert.ok(matchesHoldKeyword(c.pattern, c.keywords));
    });
  }
  for (const c of ESCAPES) {
    it(`does not prove ${c.name}`, () => {
      matchesAll(c);
      // The case's text is a real match without a keyword (as the prefilter folds: A–Z only)…
      const asciiHolds = (text: string): boolean => c.keywords.some((k) => text.replace(/[A-Z]/g, (ch) => ch.toLowerCase()).includes(k.toLowerCase()));
      assert.ok(c.matches.some((t) => !asciiHolds(t)), `${c.name}: a text without a keyword`);
      // …so a proof would be wrong.
      assert.equal(typeof keywordEscape(c.pattern, c.keywords), 'string');
      assert.ok(!matchesHoldKeyword(c.pattern, c.keywords));
    });
  }

  it('sketches a match without a keyword: literals as they are, the rest as regex source', () => {
    assert.equal(keywordEscape('dd[_.-]api=([a-f0-9]{32})', ['dd_api', 'dd-api']), 'dd.api=[a-f0-9]{32}');
    assert.equal(keywordEscape('(?:apikey|token)=(\\w+)', ['apikey']), 'token=\\w+');
  });

  it('gives up on a long repeat of a literal group without a wrong proof', () => {
    // After MAX_REPEAT unrolled copies the rest is open: "ab" x 9 then c holds "abc", unproved is fine,
    // a proof would be too; what matters is that a repeat with no keyword is never proved.
    assert.equal(typeof keywordEscape('(?:xy){9}(\\w)', ['abc']), 'string');
    assert.equal(keywordEscape('(?:ab){1,9}c(\\w)', ['abc']), undefined);
  });

  it('keeps runs bounded: many classes in a row do not blow up', () => {
    const started = performance.now();
    assert.equal(typeof keywordEscape(`${'[a-f]'.repeat(40)}(\\w)`, ['abcdefabcdefabcdefabcdef']), 'string');
    assert.ok(performance.now() - started < 2000);
  });
});

describe('classChars', () => {
  const cases: [string, string[] | undefined][] = [
    ['a', ['a']],
    ['A', ['a']],
    ['\\.', ['.']],
    ['\\-', ['-']],
    ['\\t', ['\t']],
    ['\\x41', ['a']],
    ['[_.-]', ['_', '.', '-']],
    ['[aA]', ['a']],
    ['[a-c]', ['a', 'b', 'c']],
    ['[+--]', ['+', ',', '-']],
    ['[\\x41-\\x43]', ['a', 'b', 'c']],
    ['.', undefined],
    ['\\w', undefined],
    ['\\d', undefined],
    ['\\0', undefined],
    ['[^a]', undefined],
    ['[a-z]', undefined],
    ['[\\da]', undefined],
    ['[\\b]', undefined],
    ['\u00e9', undefined],
    ['[a\u212A]', undefined],
  ];
  for (const [src, want] of cases) {
    it(`${JSON.stringify(src)} stands for ${want ? JSON.stringify(want) : 'too many characters to follow'}`, () => {
      assert.deepEqual(classChars(src)?.sort(), want?.sort());
    });
  }
});
