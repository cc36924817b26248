// The key before a generic candidate: names that make a value public, and names that disown it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { disownedName, keyBefore, publicName, qualifyingName } from '../../src/core/keyname.ts';

describe('keyBefore', () => {
  it('is the name right before the value, quotes and assignment left out', () => {
    assert.equal(keyBefore('const publicToken = "v4lue"', 'v4lue'), 'publicToken');
    assert.equal(keyBefore('nonMatchingToken := "v4lue"', 'v4lue'), 'nonMatchingToken');
    assert.equal(keyBefore('  "api.key": v4lue', 'v4lue'), 'api.key');
  });
});

describe('publicName', () => {
  const cases: Array<[string, boolean]> = [
    ['STRIPE_PUBLISHABLE_KEY', true],
    ['NEXT_PUBLIC_SUPABASE_ANON_KEY', true],
    ['EXPO_PUBLIC_API_KEY', true],
    ['PUBLIC_TOKEN', true],
    ['publicToken', true],
    ['pubKey', true],
    ['public_key', true],
    // The word "public" beside a secret word describes where a secret goes, not what it is.
    ['PUBLIC_DB_PASSWORD', false],
    ['NEXT_PUBLIC_STRIPE_SECRET_KEY', false],
    ['publicPrivateKey', false],
    ['PUBLIC_SMTP_PASS', false],
    // Words, not substrings.
    ['publicationToken', false],
    ['REPUBLIC_API_KEY', false],
    ['pubsub_token', false],
    ['PUB_TOKEN', false],
    ['VITE_API_KEY', false],
    ['api_key', false],
  ];
  for (const [key, expect] of cases) it(`${key} → ${expect}`, () => assert.equal(publicName(key), expect));
});

describe('disownedName', () => {
  const cases: Array<[string, boolean]> = [
    ['fakeToken', true],
    ['DUMMY_PASSWORD', true],
    ['invalidApiKey', true],
    ['mock_secret', true],
    ['nonMatchingToken', true],
    ['NOT_MATCHING_KEY', true],
    ['wrongPassword', true],
    // Words, not substrings; and a test or example name may hold a real key.
    ['mockingbird_secret', false],
    ['TEST_API_KEY', false],
    ['matchingToken', false],
    ['invalidation_token', false],
    ['api_key', false],
  ];
  for (const [key, expect] of cases) it(`${key} → ${expect}`, () => assert.equal(disownedName(key), expect));
});

describe('qualifyingName', () => {
  const cases: Array<[string, boolean]> = [
    ['secretName', true],
    ['PASSWORD_HASH_METHOD', true],
    ['KRB5_PASSWORD_ENV', true],
    ['API_KEY_HEADER', true],
    ['tokenPrefix', true],
    ['CSRF_TOKEN_IDENTIFIER', true],
    // The last word decides: a name in the middle says nothing.
    ['name_token', false],
    ['secret_key_base', false],
    ['filePassword', false],
    ['api_key', false],
  ];
  for (const [key, expect] of cases) it(`${key} → ${expect}`, () => assert.equal(qualifyingName(key), expect));
});
