// Tells random tokens from values that merely sit where a secret could: identifiers, words, paths,
// URLs, numbers, versions. Used to gate `generic: true` rules, whose key (`password =`, `token:`)
// is all they know. Word-likeness is measured with the letter pairs most common in English words
// (the 196 bigrams that cover 90% of the pairs in a 100k-word dictionary): identifiers are made of
// words, random tokens are not. Pure functions, no I/O.

/** The 196 letter pairs that cover 90% of the pairs in an American English word list. */
const COMMON_BIGRAMS = new Set(
  ('ab ac ad ag ai al am an ap ar as at au av ay ba be bi bl bo br bu ca ce ch ci ck cl co cr ct cu da de di do dr ds ' +
    'ea ec ed ee ef eg el em en ep er es et ev ex fa fe ff fi fl fo fu ga ge gh gi gl gr ha he hi ho ia ib ic id ie if ' +
    'ig il im in io ip ir is it iv iz ke ki ks la le li ll lo ls lu ly ma mb me mi mm mo mp mu na nc nd ne ng ni no ns ' +
    'nt oa oc od og ol om on oo op or os ot ou ov ow pa pe ph pi pl po pp pr ps pu qu ra rc rd re ri rm rn ro rr rs rt ' +
    'ru ry sa sc se sh si sl sm so sp ss st su ta te th ti tl to tr ts tt tu ty ua ub uc ue ui ul um un up ur us ut va ' +
    've vi wa we wi ze').split(' '),
);

/** Words common in identifiers that the bigram measure misses (short ones, `password`, `endpoint`…). */
const IDENTIFIER_WORDS = new Set(
  ('an as at be by do go id if in io is it me my no of ok on or so to up us we ' +
    'db ui ux os js ts py rb sh cd ci qa ip tcp udp dns api url uri env cfg app dev src dst tmp usr pwd key ' +
    'get set new old max min len str num err msg req res ctx fn cb val var obj arr buf idx pos ref sql ssh ssl tls ' +
    'jwt aws gcp http https xml json yaml html css sdk cli all and any are add can end for has log map not one out ' +
    'put raw run use the two via web www job pub sub top row col doc txt bin lib pkg cmd ftp smtp imap ldap etc opt ' +
    'oauth auth user name pass word test mock fake demo temp prod stag live home ' +
    'password passwd secret secrets token tokens credential credentials config endpoint private public client ' +
    'server admin session cookie bearer github gitlab google azure amazon docker kube webhook signing encryption ' +
    'crypto cipher keystore truststore cert certificate default value sample self this creds root mysql postgres ' +
    'redis mongo project object subject inject sync async proxy bypass crypt bcrypt gzip zlib webpack toml').split(' '),
);

/**
 * Which of lowercase, uppercase, digit and symbol characters `s` holds, as a count from 0 to 4. The
 * identifier separators `_ - .` are no symbols: `unix_getpass` is one class, like `unixgetpass`.
 */
export function charClassCount(s: string): number {
  let n = 0;
  if (/[a-z]/.test(s)) n++;
  if (/[A-Z]/.test(s)) n++;
  if (/[0-9]/.test(s)) n++;
  if (/[^A-Za-z0-9_.-]/.test(s)) n++;
  return n;
}

/**
 * Splits `s` into the words an identifier is made of: at `_ - . / :` and spaces, at camelCase and
 * PascalCase boundaries (`HTTPServer` → `HTTP`, `Server`), and around digit runs.
 */
export function splitWords(s: string): string[] {
  return s
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1 $2')
    .replace(/([A-Za-z])([0-9])/g, '$1 $2')
    .replace(/([0-9])([A-Za-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 0);
}

/** Share (0 to 1) of the letter pairs of `word` that are common in English words. */
export function bigramScore(word: string): number {
  const w = word.toLowerCase();
  if (w.length < 2) return 0;
  let common = 0;
  for (let i = 0; i < w.length - 1; i++) if (COMMON_BIGRAMS.has(w.slice(i, i + 2))) common++;
  return common / (w.length - 1);
}

/** True when a letters-only token reads like a word: a known short word, or mostly common letter pairs. */
export function isWordLike(token: string): boolean {
  if (!/^[A-Za-z]+$/.test(token)) return false;
  const lower = token.toLowerCase();
  if (IDENTIFIER_WORDS.has(lower)) return true;
  if (lower.length < 4 || !/[aeiouy]/.test(lower)) return false;
  return bigramScore(lower) >= (lower.length === 4 ? 0.99 : 0.7);
}

/** Share (0 to 1) of the letters of `s` that belong to word-like tokens (see `splitWords`). */
export function wordCoverage(s: string): number {
  return wordStats(s).coverage;
}

interface WordStats {
  /** Share of letters in word-like tokens. */
  coverage: number;
  /** Share of letters in word-like tokens of three letters or more. */
  longCoverage: number;
  /** Letters-only tokens, word-like or not. */
  alphaTokens: number;
  wordTokens: number;
  digitRuns: number;
}

function wordStats(s: string): WordStats {
  let letters = 0;
  let wordy = 0;
  let longWordy = 0;
  let alphaTokens = 0;
  let wordTokens = 0;
  let digitRuns = 0;
  for (const w of splitWords(s)) {
    if (/^[0-9]+$/.test(w)) digitRuns++;
    if (!/^[A-Za-z]+$/.test(w)) continue;
    alphaTokens++;
    letters += w.length;
    if (!isWordLike(w)) continue;
    wordTokens++;
    wordy += w.length;
    if (w.length >= 3) longWordy += w.length;
  }
  return letters === 0
    ? { coverage: 0, longCoverage: 0, alphaTokens, wordTokens, digitRuns }
    : { coverage: wordy / letters, longCoverage: longWordy / letters, alphaTokens, wordTokens, digitRuns };
}

/**
 * True when `s` reads as words: most letters in word-like tokens, half of them in words of three
 * letters or more, every token a word when there are several, and at most two digit runs.
 */
export function readsAsWords(s: string): boolean {
  const st = wordStats(s);
  if (st.alphaTokens === 0 || st.digitRuns > 2) return false;
  if (st.coverage < 0.75 || st.longCoverage < 0.5) return false;
  return st.alphaTokens === 1 || st.wordTokens >= 2;
}

/** A non-random shape a value can have. */
export type ValueShape =
  | 'number'
  | 'version'
  | 'date'
  | 'email'
  | 'url'
  | 'path'
  | 'file-name'
  | 'expression'
  | 'identifier'
  | 'words'
  | 'mixed-case-hex'
  | 'cut-uuid'
  | 'resource-name'
  | 'single-class';

const NUMBER = /^[+-]?[\d][\d.,:_ +-]*$/;
const VERSION = /^v?\d+(?:\.\d+){1,3}(?:[-+][0-9A-Za-z.-]+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const EMAIL = /^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$/;
const URL = /^[a-z][a-z0-9+.-]{1,20}:\/\//i;
const URL_WITH_CREDENTIALS = /^[a-z][a-z0-9+.-]{1,20}:\/\/[^/\s:@]*:[^/\s@]+@/i;
const PATH_START = /^(?:~\/|\.{1,2}\/|[A-Za-z]:\\|\\\\|\$HOME\/|%\w+%\\)/;
const FILE_NAME = /^[\w.-]+\.(?:json|ya?ml|toml|ini|cfg|conf|env|txt|xml|pem|key|crt|cer|der|p12|pfx|jks|keystore|pub|asc|gpg|js|mjs|cjs|ts|py|rb|go|rs|java|kt|sh|ps1|php|cs|properties|lock|log|db|sqlite)$/i;
/** A value built from identifiers: `config.password`, `getPassword()`, `params[:password]`, `self.creds.token`. */
const IDENTIFIER_SHAPE = /^[A-Za-z_$@][\w$]*(?:(?:\.|::|->|-|:)[\w$]+)*(?:\(\)|\[[^\]]*\]|\([^)]*\))?$/;

/**
 * The non-random shape of `s`, or undefined when it may be a random token. Words and identifiers are
 * recognised by `readsAsWords`: one letters-only word is `words`, several joined ones an `identifier`.
 */
export function valueShape(s: string): ValueShape | undefined {
  if (NUMBER.test(s)) return 'number';
  if (VERSION.test(s)) return 'version';
  if (DATE.test(s)) return 'date';
  if (EMAIL.test(s)) return 'email';
  if (URL.test(s)) return URL_WITH_CREDENTIALS.test(s) ? undefined : 'url';
  if (URN.test(s)) return 'url';
  if (PATH_START.test(s) || isWordyPath(s)) return 'path';
  if (FILE_NAME.test(s)) return 'file-name';
  if (/^[A-Za-z]+$/.test(s) && readsAsWords(s)) return splitWords(s).length > 1 ? 'identifier' : 'words';
  if (IDENTIFIER_SHAPE.test(s) && isIdentifier(s)) return /[()[\]]/.test(s) ? 'expression' : 'identifier';
  // `*out.Token.AccessKeyId` (a dereference), `smithy.api#httpApiKeyAuth` (a fragment id): code, not data.
  const code = s.replace(/^[*&!]+/, '').replace(/#/g, '.');
  if (code !== s && IDENTIFIER_SHAPE.test(code) && isIdentifier(code)) return 'expression';
  if (MIXED_CASE_HEX.test(s)) return 'mixed-case-hex';
  if (CUT_UUID.test(s)) return 'cut-uuid';
  if (RESOURCE_NAME.test(s) && s.split('-').some((p) => STAGES.has(p))) return 'resource-name';
  if (charClassCount(s) < 2) return 'single-class';
  return undefined;
}

/**
 * Hex digits in both cases, 32 or more: no encoder writes hex that way (a key is all lower or all
 * upper case), and a random base62 or base64 value of that length is all hex digits with odds below
 * 1e-14. An edited value (`acdeFf05…`), not a generated one.
 */
const MIXED_CASE_HEX = /^(?=[0-9a-fA-F]*[a-f])(?=[0-9a-fA-F]*[A-F])[0-9a-fA-F]{32,}$/;
/** The 8-4-4-4-12 layout of a UUID with its last group cut short, after an optional prefix (`sk_`). */
const CUT_UUID = /^(?:[A-Za-z]{1,12}[_-])?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{1,11}$/i;

/**
 * A deployment's resource name: lower-case kebab-case parts, one of them a deployment stage
 * (`cmp2-qat-1208358310`, `billing-prod-eu1`). Cloud names (key vaults, buckets, clusters) look so.
 */
const RESOURCE_NAME = /^[a-z0-9]+(?:-[a-z0-9]+){2,}$/;
const STAGES = new Set(['dev', 'qa', 'qat', 'uat', 'sit', 'test', 'stg', 'stage', 'staging', 'preprod', 'prod', 'production', 'sandbox']);

/** A URN (`urn:ietf:params:oauth:token-type:jwt`): a name, not a credential. */
const URN = /^urn:[a-z0-9][a-z0-9-]{0,31}:[\w.:%-]+$/i;

/** Several words, joined camelCase, snake_case, kebab-case or dotted, with few digits. */
function isIdentifier(s: string): boolean {
  const bare = s.replace(/\[[^\]]*\]|\([^)]*\)/g, ' ');
  if (splitWords(bare).filter((w) => /^[A-Za-z]/.test(w)).length < 2 && bare === s) return false;
  return readsAsWords(bare);
}

/**
 * `config/secrets/db.txt`, `com/example/Secret`: two or more `/`-separated parts, all word-like; or an
 * absolute path of three or more name-like parts (`/home/nodeuser/src`), which random base64 almost
 * never is.
 */
function isWordyPath(s: string): boolean {
  if (!/^[\w.\\/-]+$/.test(s)) return false;
  const parts = s.split(/[\\/]/).filter((p) => p.length > 0);
  if (s.startsWith('/') && parts.length >= 3 && parts.every((p) => /^[A-Za-z_][\w.-]*$/.test(p))) return true;
  if (parts.length < 2 && !s.startsWith('/')) return false;
  return parts.every((p) => FILE_NAME.test(p) || (/^[A-Za-z][\w.-]*$/.test(p) && readsAsWords(p)));
}

/** True when `s` has no structured shape: it may be a random token. */
export function looksRandom(s: string): boolean {
  return valueShape(s) === undefined;
}
