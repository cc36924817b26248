// Table-driven tests of the false-positive defences: the placeholder filter every rule gets, and the
// extra digest / shape gate of generic rules, alone and wired into detectFragment.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildRuleSet, detectFragment, type SkipCounter } from '../../src/core/detect.ts';
import { compilePlaceholders, digestKind, genericRejectKind, genericRejectReason, isEncodedPlaceholder, keyMakesCredential, placeholderReason, type DigestKind, type GenericRejectKind } from '../../src/core/placeholder.ts';
import { builtinPlaceholders } from '../../src/data/builtin.ts';

const P = compilePlaceholders(builtinPlaceholders());
import type { RuleSpec } from '../../src/core/types.ts';
import { compileRule } from '../../src/rules/compile.ts';
import { gen } from '../helpers/secrets.ts';

describe('placeholderReason', () => {
  const cases: { name: string; value: string; expect: 'placeholder' | 'stopword' | undefined }[] = [
    { name: 'shell variable reference', value: '${DB_PASSWORD}', expect: 'placeholder' },
    { name: 'Helm template', value: '{{.Values.password}}', expect: 'placeholder' },
    { name: 'command substitution', value: '$(cat /run/secrets/db)', expect: 'placeholder' },
    { name: 'Puppet / Ruby interpolation', value: '%{hiera_password}', expect: 'placeholder' },
    { name: 'replace-token marker', value: '__DB_PASSWORD__', expect: 'placeholder' },
    { name: 'sops-encrypted value', value: 'ENC[AES256_GCM,data:abc,iv:def,type:str]', expect: 'placeholder' },
    { name: 'Jasypt-encrypted value', value: 'ENC(Xk2lqPz0p)', expect: 'placeholder' },
    { name: 'a mask', value: 'sk-********', expect: 'placeholder' },
    { name: 'a documentation value', value: 'Password', expect: 'placeholder' },
    { name: 'a default credential', value: 'guest', expect: 'placeholder' },
    { name: "a database image's default password", value: 'postgres', expect: 'placeholder' },
    { name: 'a short digit run', value: '1234', expect: 'placeholder' },
    { name: 'a digit run inside a longer value is no stand-in', value: 'k1234Pq9Zr7wX2', expect: undefined },
    { name: 'a database name inside a longer value is no stand-in', value: 'postgresQ7vL2mK9', expect: undefined },
    { name: 'a value that says it is none', value: 'not-a-secret--read-the-doc!', expect: 'stopword' },
    { name: 'a keyboard sequence', value: 'qwertyuiop1', expect: 'placeholder' },
    { name: 'a stand-in word', value: 'your-api-key-goes-here', expect: 'stopword' },
    { name: 'the WordPress default salt', value: 'put your unique phrase here', expect: 'stopword' },
    { name: 'an unclosed `${` inside random text is not a template', value: 'aK3${pQ9-zL!1mN', expect: undefined },
    { name: 'a `${` interpolation cut off by the value\'s character class', value: 'sha512-${gen(', expect: 'placeholder' },
    { name: 'a `<word>` slot inside a value', value: 'dp.st.<service-token>', expect: 'placeholder' },
    { name: 'an unclosed `$(` inside random text is not a command', value: 'x$(Y7kPq2wZ', expect: undefined },
    { name: 'a random token', value: 'Zf3D0LXCM3EIMbgJpUNnkRtO', expect: undefined },
    { name: 'a test-config substitution marker', value: '@SMTP_RELAY_PASSWORD', expect: 'placeholder' },
    { name: 'an autoconf substitution', value: '@DB_PASS@', expect: 'placeholder' },
    { name: 'shell parameter expansion cut at a quote', value: '${API_PASSWORD//\\', expect: 'placeholder' },
    { name: 'shell default expansion', value: '${TOKEN:-none}x', expect: 'placeholder' },
    { name: 'a log filter\'s redaction marker', value: '[FILTERED]', expect: 'placeholder' },
    { name: 'a redaction marker in title case', value: '[Scrubbed]', expect: 'placeholder' },
    { name: 'a kebab-case name with a credential noun', value: 'the-client-secret', expect: 'placeholder' },
    { name: 'a camelCase name is left to generic rules', value: 'truststorePassword', expect: undefined },
    { name: 'metasyntactic words around percent-escapes', value: 'foo%40bar%2F', expect: 'placeholder' },
    { name: 'a Spring encoder id before a stand-in', value: '{noop}password', expect: 'placeholder' },
    { name: 'a Spring encoder id before a real value is kept', value: '{noop}Zf3D0LXCM3EIMbgJ', expect: undefined },
    { name: 'a credential noun in random mixed case is kept', value: 'aBcKeyXq7Lm', expect: undefined },
    { name: 'a human password with a credential word and symbols is kept', value: 'MySekretPa$$word', expect: undefined },
  ];
  for (const c of cases) it(`${c.name}: ${c.value}`, () => assert.equal(placeholderReason(c.value, P), c.expect));

  const b64 = (s: string): string => Buffer.from(s).toString('base64');
  const pairs: { name: string; pair: string; expect: GenericRejectKind | undefined }[] = [
    { name: 'a stand-in password', pair: 'deploy:pass', expect: 'encoded-placeholder' },
    { name: 'a password naming itself', pair: 'ci:the-password', expect: 'encoded-placeholder' },
    { name: 'two plain words (an RFC-style example)', pair: 'wizard:abracadabra', expect: 'encoded-placeholder' },
    { name: 'a random password', pair: `deploy:${gen('{{gen:alnum:16}}')}`, expect: undefined },
  ];
  for (const c of pairs) it(`base64 of user:password, ${c.name}`, () => assert.equal(genericRejectKind(b64(c.pair), 'auth = …', P), c.expect));
});

describe('digestKind', () => {
  const cases: { name: string; value: () => string; expect: DigestKind | undefined }[] = [
    { name: 'npm integrity string', value: () => `sha512-${gen('{{gen:base64:86}}')}==`, expect: 'sri' },
    { name: 'container image digest', value: () => `sha256:${gen('{{gen:hex:64}}')}`, expect: 'prefixed-digest' },
    { name: 'Go module sum', value: () => `h1:${gen('{{gen:base64:43}}')}=`, expect: 'go-sum' },
    { name: 'bcrypt hash', value: () => `$2b$12$${gen('{{gen:base64:53}}')}`, expect: 'crypt-hash' },
    { name: 'git commit SHA', value: () => gen('{{gen:hex:40}}'), expect: 'hex-digest' },
    { name: 'MD5 in upper case', value: () => gen('{{gen:HEX:32}}'), expect: 'hex-digest' },
    { name: 'UUID', value: () => gen('{{gen:uuid}}'), expect: 'uuid' },
    { name: '36 hex chars are no common digest', value: () => gen('{{gen:hex:36}}'), expect: undefined },
    { name: 'a random token', value: () => gen('{{gen:alnum:40}}'), expect: undefined },
  ];
  for (const c of cases) it(c.name, () => assert.equal(digestKind(c.value()), c.expect));
});

describe('keyMakesCredential', () => {
  const hex = gen('{{gen:hex:40}}');
  const cases: { name: string; match: string; expect: boolean }[] = [
    { name: 'api_key', match: `api_key = "${hex}"`, expect: true },
    { name: 'a URL password slot', match: `postgres://app:${hex}@db`, expect: true },
    { name: 'a hash-named key', match: `token_sha1 = "${hex}"`, expect: false },
    { name: 'an id-named key', match: `client_id = "${hex}"`, expect: false },
    { name: 'a camelCase id key', match: `apiKeyId: "${hex}"`, expect: false },
    { name: 'no credential word', match: `commit = "${hex}"`, expect: false },
    { name: '`shared` is not a sha', match: `SHARED_SECRET = "${hex}"`, expect: true },
    { name: 'a sha-named key', match: `secret_sha256 = "${hex}"`, expect: false },
    { name: 'an account key', match: `account_key: ${hex}`, expect: true },
    { name: 'a short `pass` key', match: `DB_PASS=${hex}`, expect: true },
    { name: 'a passport number is no password', match: `passport = "${hex}"`, expect: false },
  ];
  for (const c of cases) it(c.name, () => assert.equal(keyMakesCredential(c.match, hex), c.expect));
});

describe('genericRejectKind', () => {
  const cases: { name: string; secret: string; match?: string; expect: GenericRejectKind | undefined }[] = [
    { name: 'an integrity hash under a token key', secret: `sha512-${gen('{{gen:base64:86}}')}==`, match: 'token: sha512-…', expect: 'sri' },
    { name: 'a commit SHA under a revision key', secret: gen('{{gen:hex:40}}'), match: 'token_revision = …', expect: 'hex-digest' },
    { name: 'a UUID under an id key', secret: gen('{{gen:uuid}}'), match: 'secret_id: …', expect: 'uuid' },
    { name: 'an identifier', secret: 'getUserPassword', expect: 'identifier' },
    { name: 'a snake_case name', secret: 'password_reset_token_expired', expect: 'identifier' },
    { name: 'a path', secret: '/var/run/secrets/token', expect: 'path' },
    { name: 'a run of random lowercase letters', secret: 'qzkxwvbnmtrplk', expect: 'single-class' },
    { name: 'base64 of a documentation value', secret: Buffer.from('changeme').toString('base64'), expect: 'encoded-placeholder' },
    { name: 'base64 of a word and the newline echo adds', secret: Buffer.from('mariadb\n').toString('base64'), expect: 'encoded-placeholder' },
    { name: 'base64 of an identifier', secret: Buffer.from('SECRET_TOKEN\r\n').toString('base64'), expect: 'encoded-placeholder' },
    { name: 'a name under a key that says so', secret: 'vault-unseal-keys', match: 'secretName: vault-unseal-keys', expect: 'qualified-key' },
    { name: 'a setting about a password', secret: 'scrypt:32768', match: 'PASSWORD_HASH_METHOD = "scrypt:32768"', expect: 'qualified-key' }, // keywarden:allow
    { name: 'a value under an ..._ENV key', secret: 'Zf3D0LXCM3EIMbgJ', match: 'ADMIN_TOKEN_ENV = "Zf3D0LXCM3EIMbgJ"', expect: 'qualified-key' }, // keywarden:allow
    { name: 'a camelCase name ending in a credential noun', secret: 'jksPassword', expect: 'named-credential' },
    { name: 'a PascalCase name with a credential noun', secret: 'PgsqlPassword', expect: 'named-credential' },
    { name: 'an environment variable name as the value', secret: 'SMB2_PASSWORD', match: 'password = SMB2_PASSWORD', expect: 'separated-identifier' },
    { name: 'letters and digits counting up', secret: 'A1B2C3D4E5F6G7H8', expect: 'counting-sequence' },
    { name: 'a member read of abbreviations', secret: 'connCfg.Passwd', match: 'password = connCfg.Passwd', expect: 'member-access' },
  ];
  for (const c of cases) it(c.name, () => assert.equal(genericRejectKind(c.secret, c.match ?? '', P), c.expect));

  it('decodes only short, padded-length base64 to printable text', () => {
    assert.equal(isEncodedPlaceholder(Buffer.from('admin').toString('base64'), P), true);
    assert.equal(isEncodedPlaceholder(Buffer.from(gen('{{gen:alnum:18}}')).toString('base64'), P), false);
    assert.equal(isEncodedPlaceholder('password', P), false);
    assert.equal(isEncodedPlaceholder(Buffer.from(`${gen('{{gen:alnum:12}}')}\n`).toString('base64'), P), false, 'random text and a newline');
  });

  it('rejects optional-chaining reads and lower-case names that spell a credential word', () => {
    assert.equal(genericRejectKind('options2?.onresumptiontoken', 'onresumptiontoken: options2?.onresumptiontoken', P), 'member-access');
    assert.equal(genericRejectKind('libsecret-1-0', '"libsecret-1.so.0": "libsecret-1-0"', P), 'named-like-key');
    assert.equal(genericRejectKind(gen('{{gen:lowernum:24}}'), 'token = …', P), undefined);
  });
  it('rejects a value whose own key names it public, and only its own key', () => {
    const v = gen('{{gen:alnum:43}}');
    assert.equal(genericRejectKind(v, `publicToken = "${v}"`, P), 'public-name');
    assert.equal(genericRejectKind(v, `STRIPE_PUBLISHABLE_KEY: ${v}`, P), 'public-name');
    assert.equal(genericRejectKind(v, `{ publicKey: "pk", secretToken: "${v}"`, P), undefined);
    // "public" beside a secret word: a secret that a client bundle would publish, still reported.
    assert.equal(genericRejectKind(v, `PUBLIC_DB_PASSWORD=${v}`, P), undefined);
    assert.equal(genericRejectKind(v, `publicationToken: ${v}`, P), undefined);
  });
  it('rejects a value whose own key disowns it (test fixtures), and only its own key', () => {
    const v = gen('{{gen:lowernum:16}}');
    assert.equal(genericRejectKind(v, `nonMatchingToken := "${v}"`, P), 'disowned-name');
    assert.equal(genericRejectKind(v, `FAKE_API_KEY=${v}`, P), 'disowned-name');
    assert.equal(genericRejectKind(v, `{ fakeToken: "x", apiKey: "${v}"`, P), undefined);
    assert.equal(genericRejectKind(v, `TEST_API_KEY=${v}`, P), undefined);
  });

  it('keeps a hex key under a credential key, and a random token', () => {
    const hex = gen('{{gen:hex:32}}');
    assert.equal(genericRejectKind(hex, `api_key = "${hex}"`, P), undefined);
    assert.equal(genericRejectKind(gen('{{gen:alnum:32}}'), 'token = …', P), undefined);
  });

  it('maps single-class values to low-entropy and every other shape to placeholder', () => {
    assert.equal(genericRejectReason('abcdefghjk', '', P), 'low-entropy');
    assert.equal(genericRejectReason('getUserPassword', '', P), 'placeholder');
    assert.equal(genericRejectReason(gen('{{gen:base64:40}}'), '', P), undefined);
  });
});

describe('wired into detection: generic rules only', () => {
  const base = { severity: 'high', playbook: 'password' } as const;
  const value = '["\']?([A-Za-z0-9_./:-]{8,128})';
  const specs: RuleSpec[] = [
    { ...base, examples: ['x'], negativeExamples: ['y'], id: 'g-token', name: 'Generic token', pattern: `token\\w*\\s*[:=]\\s*${value}`, keywords: ['token'], generic: true },
    { ...base, examples: ['x'], negativeExamples: ['y'], id: 'p-token', name: 'Provider token', pattern: `prov_token\\s*[:=]\\s*${value}`, keywords: ['prov_token'] },
  ];
  const ruleSet = buildRuleSet(specs.map((s) => compileRule(s)), builtinPlaceholders());
  const cases: { name: string; text: () => string; expect: string[]; skipped?: SkipCounter }[] = [
    { name: 'a generic rule drops an identifier', text: () => 'token = refreshTokenExpiry', expect: [], skipped: { placeholder: 1 } },
    { name: 'a generic rule drops a git SHA under a hash key', text: () => `token_sha: ${gen('{{gen:hex:40}}')}`, expect: [], skipped: { placeholder: 1 } },
    { name: 'a generic rule keeps a random value', text: () => `token = ${gen('{{gen:alnum:32}}')}`, expect: ['g-token'] },
    { name: 'a provider rule on the same value supersedes the generic one', text: () => `prov_token = ${gen('{{gen:hex:40}}')}`, expect: ['p-token'], skipped: { superseded: 1 } },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const skipped: SkipCounter = {};
      const got = detectFragment({ text: c.text(), path: 'a.txt' }, ruleSet, skipped).map((f) => f.ruleId);
      assert.deepEqual(got, c.expect);
      for (const [reason, n] of Object.entries(c.skipped ?? {})) assert.equal(skipped[reason as keyof SkipCounter], n, `skipped.${reason}`);
    });
  }
});

describe('placeholder lists as data', () => {
  it('come from rules/_placeholders.yaml: a rule set built without them reports a stand-in value', () => {
    const spec: RuleSpec = { id: 'acme', name: 'Acme', pattern: 'acme=(\\w{8,})', keywords: ['acme'], severity: 'high', playbook: 'generic-api-token', examples: ['x'], negativeExamples: ['y'] };
    const text = 'acme=changeme_later_x';
    assert.equal(detectFragment({ text, path: 'a' }, buildRuleSet([compileRule(spec)])).length, 1);
    const skipped: SkipCounter = {};
    assert.equal(detectFragment({ text, path: 'a' }, buildRuleSet([compileRule(spec)], builtinPlaceholders()), skipped).length, 0);
    assert.deepEqual(skipped, { stopword: 1 });
    assert.ok(builtinPlaceholders().words.includes('changeme'));
  });
});

describe('genericRejectKind: references are not secrets', () => {
  const cases: { value: string; expect: GenericRejectKind | undefined }[] = [
    { value: 'arn:aws:iam::aws:policy/IAMUserChangePassword', expect: 'arn' },
    { value: 'arn:aws:kms:eu-west-1:123456789012:key/prod-db', expect: 'arn' },
    { value: '#add-password', expect: 'anchor' },
    { value: '&lt;YOUR_DB_PASSWORD&gt;', expect: 'html-entity' },
    { value: '$APP_BASE_URL/account/#/reset_password', expect: 'variable-path' },
    { value: 'cms/sites/passwords#edit', expect: 'route' },
    { value: '/docs/server@3.0/authentication', expect: 'route' },
    { value: '/^[a-z][a-z0-9+.-]{1,20}:\\/\\/[^/\\s:@]*:[^/\\s@]+@/i;', expect: 'regex-literal' },
    { value: '/hash|digest|checksum|sha\\d*|md5/i;', expect: 'regex-literal' },
  ];
  for (const c of cases) it(`${c.value} → ${c.expect}`, () => assert.equal(genericRejectKind(c.value, 'password = x', P), c.expect));
  it('random values with / # & or $ in them are kept', () => {
    for (const t of ['{{gen:base64:12}}/{{gen:base64:12}}', '{{gen:alnum:6}}#{{gen:alnum:8}}', 'Q{{gen:alnum:8}}&{{gen:alnum:6}}', '${{gen:alnum:14}}']) {
      const v = gen(t);
      assert.equal(genericRejectKind(v, 'password = x', P), undefined, v.length ? `${t} kept` : t);
    }
  });
});
