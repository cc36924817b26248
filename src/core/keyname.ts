// What the key right before a generic candidate says about its value. A generic rule knows a value
// only by its key (`token =`); some keys say more than "credential":
//   publicName    the value is public by convention (`PUBLISHABLE_KEY`, `NEXT_PUBLIC_…_KEY`, `publicToken`)
//   disownedName  the code says the value is not a working credential (`fakeToken`, `invalidApiKey`,
//                 `nonMatchingToken`): test fixtures and their negative cases.
//   qualifyingName the value is about a credential, not the credential (`secretName`, `PASSWORD_ENV`).
// Names are read as words (`splitWords`: camelCase, snake_case, kebab-case), never as substrings, so
// that `publicationToken` or `mockingbird_secret` say nothing.
import { splitWords } from './randomness.ts';

/** The key right before the value (`publicToken` in `const publicToken = "…"`), or ''. */
export function keyBefore(match: string, secret: string): string {
  const at = match.lastIndexOf(secret);
  return /[\w.-]*$/.exec(match.slice(0, at < 0 ? match.length : at).replace(/[\s'"`:=>\])]+$/, ''))?.[0] ?? '';
}

const words = (key: string): string[] => splitWords(key).map((w) => w.toLowerCase());

/**
 * Words that make a key public: publishable keys (Stripe, Clerk, Supabase), public keys and tokens,
 * and the client-bundle prefixes built on the word (`NEXT_PUBLIC_`, `NUXT_PUBLIC_`, `EXPO_PUBLIC_`,
 * SvelteKit's `PUBLIC_`).
 */
const PUBLIC_WORDS = new Set(['public', 'publishable', 'pubkey']);
/**
 * Words that name a secret outright. A key that says both (`PUBLIC_DB_PASSWORD`,
 * `NEXT_PUBLIC_STRIPE_SECRET_KEY`) holds a secret, one that a client bundle would publish: the
 * word "public" there describes where it goes, not what it is.
 */
const SECRET_WORDS = new Set(['secret', 'secrets', 'password', 'passwd', 'pwd', 'pass', 'passphrase', 'private', 'priv', 'credential', 'credentials']);

/** True when `key` names a value that is public by design, and no secret. */
export function publicName(key: string): boolean {
  const ws = words(key);
  // `pub` alone is no such word: `PUB_TOKEN` is a pub.dev publishing token. `pubKey` is.
  return ws.some((w, i) => PUBLIC_WORDS.has(w) || (w === 'pub' && ws[i + 1] === 'key')) && !ws.some((w) => SECRET_WORDS.has(w));
}

/** Words by which test code marks a value as not a working credential. */
const DISOWNING_WORDS = new Set(['fake', 'dummy', 'mock', 'mocked', 'bogus', 'invalid', 'incorrect', 'wrong']);

/**
 * True when `key` disowns its value: `fakeToken`, `DUMMY_PASSWORD`, `invalidApiKey`,
 * `nonMatchingToken` (a test's negative case). A real credential is not stored under such a name.
 */
export function disownedName(key: string): boolean {
  const ws = words(key);
  return ws.some((w, i) => DISOWNING_WORDS.has(w) || ((w === 'non' || w === 'not') && ws[i + 1] === 'matching'));
}

/**
 * Last words of a key that make its value something about a credential - its name, where it lives,
 * how it is checked - rather than the credential: `secretName`, `PASSWORD_HASH_METHOD`,
 * `KRB5_PASSWORD_ENV`, `API_KEY_HEADER`, `tokenPrefix`.
 */
const QUALIFYING_WORDS = new Set(
  ('name names ref reference file filename path dir env var variable field param label method type algorithm algo mode ' +
    'length len size ttl header prefix suffix identifier policy provider format location prompt regex pattern template ' +
    'hint message msg text title description endpoint url uri host rotation expiry expiration expires enabled required ' +
    'strength timeout attribute column property selector schema count namespace generator encoder hasher validator mount').split(' '),
);

/** True when the last word of `key` says its value is about a credential rather than one (`secretName`). */
export function qualifyingName(key: string): boolean {
  return QUALIFYING_WORDS.has(words(key).at(-1) ?? '');
}
