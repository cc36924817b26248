// Table-driven tests of the randomness measure: identifiers, words, paths and other structured values
// are told from random tokens; random tokens of every common alphabet are (almost) never taken for one.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bigramScore, charClassCount, isWordLike, looksRandom, readsAsWords, splitWords, valueShape, type ValueShape } from '../../src/core/randomness.ts';
import { gen } from '../helpers/secrets.ts';

describe('splitWords', () => {
  const cases: { name: string; input: string; expect: string[] }[] = [
    { name: 'camelCase', input: 'getUserPassword', expect: ['get', 'User', 'Password'] },
    { name: 'an acronym before a word', input: 'HTTPServerToken', expect: ['HTTP', 'Server', 'Token'] },
    { name: 'snake, kebab and dots', input: 'db_password.reset-token', expect: ['db', 'password', 'reset', 'token'] },
    { name: 'digit runs are their own parts', input: 'api2Key10x', expect: ['api', '2', 'Key', '10', 'x'] },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(splitWords(c.input), c.expect));
});

describe('word measures', () => {
  it('counts character classes', () => {
    assert.equal(charClassCount('abc'), 1);
    assert.equal(charClassCount('abC1'), 3);
    assert.equal(charClassCount('aB3$'), 4);
    assert.equal(charClassCount('unix_getpass.proxy-bypass'), 1, 'separators are no symbols');
  });
  it('scores English words high and random letters low', () => {
    assert.ok(bigramScore('configuration') > 0.8);
    assert.ok(bigramScore('qxzvkjwq') < 0.2);
  });
  const words: { name: string; token: string; expect: boolean }[] = [
    { name: 'a dictionary word', token: 'Expired', expect: true },
    { name: 'a domain word the bigrams miss', token: 'password', expect: true },
    { name: 'a known short abbreviation', token: 'db', expect: true },
    { name: 'a random letter run', token: 'Xkqzt', expect: false },
    { name: 'a single letter', token: 'q', expect: false },
    { name: 'letters and digits', token: 'abc1', expect: false },
  ];
  for (const c of words) it(`isWordLike: ${c.name}`, () => assert.equal(isWordLike(c.token), c.expect));
  it('readsAsWords needs most letters in words and no long digit salad', () => {
    assert.equal(readsAsWords('passwordResetTokenExpired'), true);
    assert.equal(readsAsWords('a1b2c3d4e5'), false);
  });
});

describe('valueShape', () => {
  const cases: { name: string; value: string; expect: ValueShape | undefined }[] = [
    { name: 'camelCase identifier', value: 'getUserPassword', expect: 'identifier' },
    { name: 'snake_case identifier', value: 'password_reset_token_expired', expect: 'identifier' },
    { name: 'upper snake constant', value: 'MYSQL_ROOT_PASSWORD', expect: 'identifier' },
    { name: 'dotted member access', value: 'self.creds.token', expect: 'identifier' },
    { name: 'function call', value: 'getPassword()', expect: 'expression' },
    { name: 'a Go dereference of a member chain', value: '*out.TokenOutput.AccessToken.AccessKeyId', expect: 'expression' },
    { name: 'an identifier with a fragment id', value: 'smithy.api#httpApiKeyAuth', expect: 'expression' },
    { name: 'a URN', value: 'urn:ietf:params:oauth:token-type:access_token', expect: 'url' },
    { name: 'a random token behind a star is still random', value: '*Zx81Kp0Qa7Lm2Nb', expect: undefined },
    { name: 'indexing with a symbol', value: 'params[:password]', expect: 'expression' },
    { name: 'a capitalised dictionary word', value: 'Sunshine', expect: 'words' },
    { name: 'PascalCase words', value: 'ClientSecretCredential', expect: 'identifier' },
    { name: 'a lowercase run of words', value: 'correcthorsebattery', expect: 'words' },
    { name: 'a lowercase run of random letters', value: 'qzkxwvbnmtrplk', expect: 'single-class' },
    { name: 'a lowercase snake_case name of non-words', value: 'win_getpass', expect: 'single-class' },
    { name: 'digits only', value: '12345678', expect: 'number' },
    { name: 'a decimal', value: '3.14159265', expect: 'number' },
    { name: 'a version', value: 'v2.10.0-rc.1', expect: 'version' },
    { name: 'an ISO timestamp', value: '2024-01-01T00:00:00Z', expect: 'date' },
    { name: 'an e-mail address', value: 'ops@example.org', expect: 'email' },
    { name: 'a URL without credentials', value: 'https://login.example.org/oauth2/token', expect: 'url' },
    { name: 'an absolute path', value: '/etc/ssl/private/server.key', expect: 'path' },
    { name: 'a home-relative path', value: '~/.ssh/id_rsa', expect: 'path' },
    { name: 'an absolute path of non-words', value: '/home/nodeuser/prj/node/src', expect: 'path' },
    { name: 'a Windows path', value: 'C:\\Users\\me\\key.pem', expect: 'path' },
    { name: 'a file name', value: 'credentials.json', expect: 'file-name' },
    { name: 'a URL with credentials is not a mere URL', value: 'https://u:pw@host.example', expect: undefined },
    { name: 'a human password with symbols', value: 'Summer2024!', expect: undefined },
    { name: 'a word with digits', value: 'hunter22', expect: undefined },
    { name: 'a random alphanumeric token', value: 'Zf3D0LXCM3EIMbgJpUNnkRtOfOueHznB', expect: undefined },
    { name: 'base64 with slashes is not a path', value: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCY', expect: undefined },
    { name: 'hex digits in both cases (an edited key)', value: `acdeFf05${'b1a6d4c890237bf08c5e6e8d'}2b4d0f2e`, expect: 'mixed-case-hex' },
    { name: 'hex in one case is a key, not an edit', value: 'ACDEFF05B1A6D4C890237BF08C5E6E8D2B4D0F2E', expect: undefined },
    { name: 'a short mixed-case hex password stays', value: '9fA3c1Bd7e0F', expect: undefined },
    { name: 'a UUID with its last group cut short', value: 'sk_0b9b5db6-fabc-49d0-b68f-13343bb4f70', expect: 'cut-uuid' },
    { name: 'a prefixed whole UUID is not cut', value: 'sk_0b9b5db6-fabc-49d0-b68f-13343bb4f701', expect: undefined },
    { name: 'a resource name with a deployment stage', value: 'cmp2-qat-1208358310', expect: 'resource-name' },
    { name: 'kebab-case random parts without a stage stay', value: 'k8fq2-zx7pw-93mdl', expect: undefined },
  ];
  for (const c of cases) it(`${c.name}: ${c.value}`, () => assert.equal(valueShape(c.value), c.expect));

  it('a JWT looks random', () => {
    assert.equal(looksRandom(gen('{{gen:jwt}}')), true);
  });
});

describe('random tokens are not mistaken for structured values', () => {
  // Rates measured over 20,000 draws per alphabet while tuning: under 0.1% at 16+ chars.
  const alphabets: { name: string; template: string; maxRejected: number }[] = [
    { name: 'alphanumeric, 24 chars', template: '{{gen:alnum:24}}', maxRejected: 2 },
    { name: 'lowercase hex, 32 chars', template: '{{gen:hex:32}}', maxRejected: 0 },
    { name: 'base64, 40 chars', template: '{{gen:base64:40}}', maxRejected: 2 },
    { name: 'base64url, 20 chars', template: '{{gen:base64url:20}}', maxRejected: 4 },
    { name: 'lowercase and digits, 24 chars', template: '{{gen:lowernum:24}}', maxRejected: 4 },
    { name: 'alphanumeric, 32 chars (never all hex digits)', template: '{{gen:alnum:32}}', maxRejected: 2 },
  ];
  for (const a of alphabets) {
    it(`${a.name}: at most ${a.maxRejected} of 2000 rejected`, () => {
      let rejected = 0;
      for (let i = 0; i < 2000; i++) if (!looksRandom(gen(a.template, `randomness-${a.name}-${i}`))) rejected++;
      assert.ok(rejected <= a.maxRejected, `${rejected} random values rejected`);
    });
  }
});
