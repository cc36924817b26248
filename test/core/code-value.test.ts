// Table-driven tests of the code shapes generic rules skip (member reads, calls, symbols, format
// strings, CLI flags, validation rules, separated identifiers), and of random tokens of every common
// alphabet not being taken for one.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type CodeKind, codeKind } from '../../src/core/code-value.ts';
import { gen } from '../helpers/secrets.ts';

describe('codeKind', () => {
  const cases: { name: string; value: string; expect: CodeKind | undefined }[] = [
    { name: 'a printf slot', value: '__hidden_marker__%s', expect: 'format-string' },
    { name: 'a printf slot inside a dotted name', value: 'server.listener.%s.timeout', expect: 'format-string' },
    { name: 'a Go %v slot', value: 'cache-entry-%v', expect: 'format-string' },
    { name: 'a positional str.format slot', value: 'vault/{0}/creds', expect: 'format-string' },
    { name: 'a percent-escaped % before s is no slot', value: 'Kq%25sZ8vLw', expect: undefined },
    { name: 'a long flag awaiting its value', value: '--client-secret=', expect: 'cli-flag' },
    { name: 'a long flag', value: '--password-stdin', expect: 'cli-flag' },
    { name: 'a value starting with one dash is no flag', value: '-Xk9pQ2mZw', expect: undefined },
    { name: 'validation rules', value: 'required|string|min:12', expect: 'rule-list' },
    { name: 'a BuildKit secret mount', value: 'id=pypi_token,src=$HOME/.pypirc', expect: 'option-list' },
    { name: 'one name=value is no list', value: 'id=Zf3D0LXCM3EIMbgJ', expect: undefined },
    { name: 'a Go member read', value: 'opts.SessionToken', expect: 'member-access' },
    { name: 'a Ruby predicate chain', value: 'Config.mode.strict?', expect: 'member-access' },
    { name: 'a PHP concatenated method call, cut at its parenthesis', value: '.$cipher->decryptValue(', expect: 'member-access' },
    { name: 'an Argo CD style `$secret.key` reference', value: '$sso.okta.clientSecret', expect: 'member-access' },
    { name: 'a nested call', value: 'str(self._load_setting(DB_SECRET_VAR)),', expect: 'call' },
    { name: 'a call with no word is kept', value: 'Qz(k9Xw2)', expect: undefined },
    { name: 'a Ruby symbol', value: ':remember_token_cookie', expect: 'separated-identifier' },
    { name: 'a Python argument', value: 'upload_password,', expect: 'separated-identifier' },
    { name: 'a kebab-case name with a digit', value: 'nats-cluster-k8s', expect: 'separated-identifier' },
    { name: 'a dotted host-like name', value: 'api.internal-tls', expect: 'separated-identifier' },
    { name: 'segments with random case and digits are kept', value: 'Ab3_kx9-QpZw', expect: undefined },
    { name: 'separated random lowercase without a word is kept', value: 'kq9x-pz7r-mw3t', expect: undefined },
    { name: 'mostly digits is kept', value: 'ab12-34cd-5678', expect: undefined },
    { name: 'a prefixed token with a word in its prefix is kept', value: 'acme_client_ow9myjnq095ubcubuc5p', expect: undefined },
    { name: 'a random token', value: 'Zf3D0LXCM3EIMbgJpUNnkRtO', expect: undefined },
  ];
  for (const c of cases) it(`${c.name}: ${c.value}`, () => assert.equal(codeKind(c.value), c.expect));
});

describe('random tokens are not taken for code', () => {
  const alphabets: { t: string; max: number }[] = [
    { t: '{{gen:alnum:24}}', max: 0 },
    { t: '{{gen:base64:40}}', max: 0 },
    { t: '{{gen:base64url:20}}', max: 2 },
    { t: '{{gen:base64url:43}}', max: 2 },
    { t: '{{gen:lowernum:24}}', max: 0 },
    { t: '{{gen:hex:32}}', max: 0 },
  ];
  for (const a of alphabets) {
    it(`${a.t}: at most ${a.max} of 2000`, () => {
      let hits = 0;
      for (let i = 0; i < 2000; i++) if (codeKind(gen(a.t)) !== undefined) hits++;
      assert.ok(hits <= a.max, `${hits} random values taken for code`);
    });
  }
});
