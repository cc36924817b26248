// The GitLab routable-token validator against tokens built here the way GitLab's RoutableToken
// generator builds them: base64url(random + routing payload + size), version, length, crc32 in base36.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { crc32 } from 'node:zlib';
import { gitlabRoutable, withRoutableCrc } from '../../../src/core/validators/gitlab-routable.ts';
import type { Verdict } from '../../../src/core/validators/verdict.ts';
import { gen } from '../../helpers/secrets.ts';

/** Mirrors `Authn::TokenField::Generator::RoutableToken#generate_token` (GitLab 17.x). */
function routable(prefix: string, routing = 'c:1\no:2a\nu:7f'): string {
  const payload = Buffer.concat([randomBytes(16), Buffer.from(routing), Buffer.from([routing.length])]).toString('base64url');
  const head = `${prefix}${payload}.${(1).toString(36).padStart(2, '0')}.${payload.length.toString(36).padStart(2, '0')}`;
  return head + crc32(head).toString(36).padStart(7, '0');
}

const pat = ['glp', 'at-'].join('');

/** Replaces the character at `i` (negative: from the end) by one that differs. */
function flip(s: string, i: number): string {
  const at = i < 0 ? s.length + i : i;
  const c = s[at] === 'a' ? 'b' : 'a';
  return s.slice(0, at) + c + s.slice(at + 1);
}

interface Case {
  name: string;
  token: string;
  verdict: Verdict;
}

const good = routable(pat);
const cases: Case[] = [
  { name: 'a routable personal access token', token: good, verdict: 'valid' },
  { name: 'a routable runner token (glrt-t1_)', token: routable(['glr', 't-t1_'].join('')), verdict: 'valid' },
  { name: 'a routable token with an instance prefix', token: routable(`ACME-${pat}`), verdict: 'valid' },
  { name: 'the same token seen without its instance prefix is unknown', token: routable(`ACME-${pat}`).slice('ACME-'.length), verdict: 'unknown' },
  { name: 'a routable token with a longer routing payload', token: routable(pat, `c:1\ng:${gen('{{gen:lowernum:8}}')}\no:2a\np:${gen('{{gen:lowernum:6}}')}\nu:7f`), verdict: 'valid' },
  { name: 'a legacy 20-char token has no checksum: unknown', token: `${pat}${gen('{{gen:base64url:20}}')}`, verdict: 'unknown' },
  { name: 'a wrong crc is unknown (it may cover an instance prefix)', token: flip(good, -1), verdict: 'unknown' },
  { name: 'a changed payload character is unknown', token: flip(good, pat.length + 3), verdict: 'unknown' },
  { name: 'a length field that does not match the payload is invalid', token: good.replace(/\.01\.(..)/, (_, l: string) => `.01.${(parseInt(l, 36) + 1).toString(36).padStart(2, '0')}`), verdict: 'invalid' },
  { name: 'a length field covering the prefix too is invalid', token: good.replace(/\.01\.(..)/, (_, l: string) => `.01.${(parseInt(l, 36) + pat.length).toString(36).padStart(2, '0')}`), verdict: 'invalid' },
];

describe('gitlab-routable validator', () => {
  for (const c of cases) {
    it(c.name, () => {
      assert.equal(gitlabRoutable(c.token), c.verdict);
    });
  }

  it('withRoutableCrc (used by the example generator) builds the same layout', () => {
    const payload = randomBytes(30).toString('base64url');
    const token = withRoutableCrc(pat, payload);
    assert.match(token, /^glpat-[\w-]+\.01\.[0-9a-z]{9}$/);
    assert.equal(gitlabRoutable(token), 'valid');
  });
});
