// Built-in false-positive defence. Two layers:
//   placeholderReason(secret)   every rule: templates, variable references, masks, encrypted values,
//                               documentation stand-ins. Rules opt out with `allowPlaceholders: true`.
//   genericRejectReason(...)    `generic: true` rules only: digests, UUIDs and values with a
//                               non-random shape (identifiers, words, paths, URLs, numbers…).
import { codeKind, type CodeKind } from './code-value.ts';
import { disownedName, keyBefore, publicName, qualifyingName } from './keyname.ts';
import { readsAsWords, splitWords, valueShape, type ValueShape } from './randomness.ts';
import type { SkipReason } from './types.ts';

/**
 * Template / reference syntax: `${X}`, `{{ .Values.x }}`, `<your-key>`, `$(cmd)`, `#{x}`, `%(x)s`,
 * `%{x}`, `__X__`, `$X`, `%X%`, `@X@` (autoconf, test-config templates), `${X:-d}`/`${X//a/b}` (shell
 * parameter expansion), `[FILTERED]`/`[Filtered]` (a log filter's redaction marker), `dp.st.<token>`. Constructs that random text can hold by chance (`${`,
 * `$(`, `#{`) count only when closed - or, for `${`, when an identifier runs from it to the end of the
 * value (an interpolation the rule's character class cut off) - so that a random salt with `$(` in it
 * is not taken for a command.
 */
const TEMPLATE =
  /\$\{[^}]*\}|\$\{[A-Za-z_][\w.]*[([]?$|\{\{|\}\}|<[A-Za-z][\w .-]{0,40}>|\{%|<%|%>|\$\([^)]*\)|#\{[^}]*\}|%\{[^}]*\}|%\([a-z_]+\)s|^<[^<>]+>$|^\$[A-Za-z_][A-Za-z0-9_]*$|^\$env:|^%[A-Za-z_]+%$|^\[\[|\]\]$|^@@|@@$|^__[A-Z0-9_]+__$|^\{[A-Za-z_][\w.-]*\}$|^@[A-Z][A-Z0-9_]*@?$|^\$\{[A-Za-z_]\w*[:/#%^,@]|^\[[A-Za-z][A-Za-z _-]{2,}\]$/;
const ENV_REFERENCE = /process\.env|os\.environ|getenv|System\.getenv|ENV\[|env\(|secrets\.|\bvars\.|\{\{\s*secrets|ssm:|vault:|keyvault|secretsmanager|^op:\/\//i;
/** Values already encrypted for the repository: sops `ENC[…]`, Jasypt `ENC(…)`, Ansible `!vault`. */
const ENCRYPTED = /^ENC[[(]|^!vault|^\$ANSIBLE_VAULT;/;
/** Masks and truncations: `xxxx`, `****`, `....`, `…`, `••`, `####`, long runs of one character. */
const MASK = /x{4,}|X{4,}|\*{3,}|\.{3,}|…|•{2,}|#{4,}|_{5,}|-{5,}|(.)\1{5,}/;

export type PlaceholderReason = 'placeholder' | 'stopword';

/** The placeholder word lists, as data (rules/_placeholders.yaml); all lower case. */
export interface PlaceholderLists {
  /** Substrings that make a value a stand-in (`stopword`). */
  words: readonly string[];
  /** Whole values documentation uses for a credential (`placeholder`). */
  values: readonly string[];
  /** Keyboard and alphabet runs (`placeholder`). */
  sequences: readonly string[];
}

/** The lists ready for matching (a rule set builds this once). */
export interface Placeholders {
  words: readonly string[];
  values: ReadonlySet<string>;
  sequences: readonly string[];
}

export const NO_PLACEHOLDERS: Placeholders = { words: [], values: new Set(), sequences: [] };

export function compilePlaceholders(lists: PlaceholderLists): Placeholders {
  const lower = (l: readonly string[]): string[] => l.map((w) => w.toLowerCase());
  return { words: lower(lists.words), values: new Set(lower(lists.values)), sequences: lower(lists.sequences) };
}

/** Why `secret` looks like a placeholder, or undefined when it may be real. */
export function placeholderReason(secret: string, lists: Placeholders): PlaceholderReason | undefined {
  if (TEMPLATE.test(secret) || ENV_REFERENCE.test(secret) || ENCRYPTED.test(secret) || MASK.test(secret)) return 'placeholder';
  const lower = secret.toLowerCase();
  if (lists.values.has(lower)) return 'placeholder';
  for (const s of lists.sequences) if (lower.includes(s)) return 'placeholder';
  for (const w of lists.words) if (lower.includes(w)) return 'stopword';
  if (lowerCredentialName(secret) || isStandInWords(secret, lists)) return 'placeholder';
  const encoder = ENCODER_ID.exec(secret)?.[1];
  return encoder ? placeholderReason(encoder, lists) : undefined;
}

/** A lower-case separated name with a credential noun in it (`my-client-secret`): dropped by every rule. */
function lowerCredentialName(secret: string): boolean {
  return /^[a-z][a-z0-9]*(?:[_.-][a-z0-9]+)+$/.test(secret) && namesCredential(secret);
}

/** Spring Security's password-encoder id in front of a stored password (`{noop}secret`, `{bcrypt}$2a$…`): the rest is the value. */
const ENCODER_ID = /^\{[a-z][a-z0-9-]{1,15}\}(.+)$/;

/**
 * True for a value made only of documentation stand-in words (`foo`, `bar`, `user`, `pass`), joined by
 * punctuation or percent-escapes, with no digit: `bar%2F`, `foo:bar`, `user-pass`.
 */
function isStandInWords(secret: string, lists: Placeholders): boolean {
  const text = secret.replace(/%[0-9A-Fa-f]{2}/g, '/');
  if (/[0-9]/.test(text)) return false;
  const words = text.toLowerCase().split(/[^a-z]+/).filter((w) => w.length > 0);
  return words.length > 0 && words.every((w) => lists.values.has(w));
}

/** Nouns that, as one word of a value made of words, make it the name of a credential rather than one. */
const CREDENTIAL_NOUNS = new Set(['password', 'passwd', 'passphrase', 'pass', 'pwd', 'secret', 'secrets', 'token', 'tokens', 'key', 'keys', 'apikey', 'credential', 'credentials']);

/**
 * True for a name built of words, one of them a credential noun: `jksPassword`, `tfstateSecretSuffix`,
 * `my-client-secret`, `KRB5_PASSWORD`. Separated parts are each one case (`k8s`, `KRB5`); unseparated
 * camelCase humps have two letters or more, so random mixed-case text (`aBcKeyXy`) does not count. At
 * most two digits in all.
 */
export function namesCredential(value: string): boolean {
  // Every rule drops the lower-case separated form (placeholderReason); generic rules all of them (genericRejectKind).
  if (!/^[A-Za-z][A-Za-z0-9]*(?:[_.-][A-Za-z0-9]+)*$/.test(value) || (value.match(/[0-9]/g)?.length ?? 0) > 2) return false;
  const parts = value.split(/[_.-]/);
  const shaped = parts.length > 1 ? parts.every((p) => /^[a-z][a-z0-9]*$|^[A-Z][A-Z0-9]*$/.test(p)) : /^[a-z]{2,}(?:[A-Z][a-z]+)+$|^(?:[A-Z][a-z]+){2,}$/.test(value);
  if (!shaped) return false;
  const words = splitWords(value).filter((w) => /^[A-Za-z]+$/.test(w));
  return words.length >= 2 && words.some((w) => CREDENTIAL_NOUNS.has(w.toLowerCase()));
}

/** Printable text of short base64 (`echo x | base64` adds a newline: trailing line breaks are dropped), or undefined. */
function decodeShortBase64(secret: string, max: number): string | undefined {
  if (secret.length > max || secret.length % 4 !== 0 || !/^[A-Za-z0-9+/]{6,}={0,2}$/.test(secret)) return undefined;
  const text = Buffer.from(secret, 'base64').toString('latin1').replace(/\r?\n$/, '');
  return /^[\x20-\x7e]+$/.test(text) ? text : undefined;
}

/**
 * True for base64 of `user:password` (HTTP Basic, Docker `auth`) whose password is a stand-in
 * (`user:pass`, `username:password`, `ci:the-password`).
 */
export function isEncodedStandInPair(secret: string, lists: Placeholders): boolean {
  const text = decodeShortBase64(secret, 96);
  const colon = text?.indexOf(':') ?? -1;
  if (text === undefined || colon < 1) return false;
  const user = text.slice(0, colon);
  const pass = text.slice(colon + 1);
  return pass.length > 0 && user.length > 0 && placeholderReason(pass, lists) !== undefined;
}

/**
 * What makes `secret` a placeholder, in words (`scan --explain`); undefined exactly when
 * placeholderReason is. The checks run in placeholderReason's order.
 */
export function placeholderDetail(secret: string, lists: Placeholders): string | undefined {
  if (TEMPLATE.test(secret)) return 'placeholder: template or variable syntax';
  if (ENV_REFERENCE.test(secret)) return 'placeholder: a reference to an environment variable or secret store';
  if (ENCRYPTED.test(secret)) return 'placeholder: an encrypted value (sops, Jasypt, Ansible vault)';
  if (MASK.test(secret)) return 'placeholder: a mask or truncation (xxxx, ****, …, a long run of one character)';
  const lower = secret.toLowerCase();
  if (lists.values.has(lower)) return 'placeholder: a value documentation uses for a credential';
  for (const s of lists.sequences) if (lower.includes(s)) return `placeholder: keyboard or alphabet run \`${s}\``;
  for (const w of lists.words) if (lower.includes(w)) return `stop word \`${w}\``;
  if (lowerCredentialName(secret)) return 'placeholder: a lower-case name made of words, one of them a credential noun (`my-client-secret`)';
  if (isStandInWords(secret, lists)) return 'placeholder: only documentation stand-in words (`foo:bar`)';
  const encoder = ENCODER_ID.exec(secret)?.[1];
  return encoder ? placeholderDetail(encoder, lists) : undefined;
}

/** A value that identifies content or an object rather than granting access. */
export type DigestKind = 'sri' | 'prefixed-digest' | 'go-sum' | 'crypt-hash' | 'hex-digest' | 'uuid';

/** Subresource-integrity strings (`sha512-…`, as in lockfiles and `<script integrity>`). */
const SRI = /^sha(?:1|256|384|512)-[A-Za-z0-9+/]{27,86}={0,2}$/;
/** `sha256:…` image / content digests, `md5:…`, `{SHA}…`. */
const PREFIXED_DIGEST = /^(?:sha(?:1|224|256|384|512)|md5|blake2b|blake3|xxh64|crc32c?)[:=][A-Fa-f0-9+/=]{8,}$|^\{(?:SSHA|SHA|SHA256|SHA512|MD5)\}/i;
/** Go module sums: `h1:` then base64 of a SHA-256. */
const GO_SUM = /^h1:[A-Za-z0-9+/]{43}=$/;
/** Password hashes (bcrypt, sha-crypt, argon2, scrypt, PBKDF2 in Django's layout): derived, not the password. */
const CRYPT_HASH = /^\$(?:2[abxy]?|5|6|argon2(?:id|i|d)|scrypt|pbkdf2[\w-]*|y|7)\$|^(?:pbkdf2_sha256|argon2|bcrypt_sha256)\$/;
const HEX_DIGEST = /^(?:[a-f0-9]{32}|[a-f0-9]{40}|[a-f0-9]{56}|[a-f0-9]{64}|[a-f0-9]{96}|[a-f0-9]{128}|[A-F0-9]{32}|[A-F0-9]{40}|[A-F0-9]{64}|[A-F0-9]{128})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The digest or identifier format of `secret`, if it has one. */
export function digestKind(secret: string): DigestKind | undefined {
  if (SRI.test(secret)) return 'sri';
  if (PREFIXED_DIGEST.test(secret)) return 'prefixed-digest';
  if (GO_SUM.test(secret)) return 'go-sum';
  if (CRYPT_HASH.test(secret)) return 'crypt-hash';
  if (HEX_DIGEST.test(secret)) return 'hex-digest';
  if (UUID.test(secret)) return 'uuid';
  return undefined;
}

/** Key names that say the value is a digest, an id or a one-time value, not a credential. */
const NON_CREDENTIAL_KEY = /hash|digest|checksum|sha(?:\d+|sum)?(?![a-z])|md5|crc|integrity|etag|commit|revision|\brev\b|fingerprint|nonce|salt|signature|uuid|guid|csrf|xsrf|idempotency|correlation|trace|cache|version/i;
/** `id`, `client_id`, `keyId`, `KEY_ID`: an identifier, case-sensitive so that `valid` or `android` do not count. */
const ID_KEY = /(?:^|[^A-Za-z])[Ii]d\b|[a-z]Id\b|ID\b/;
/** Key names that say the value grants access; `://` is the password slot of a URL's user-info. */
const CREDENTIAL_KEY = /secret|passw|pass(?![a-z])|pwd|private|token|api[_.-]?key|apikey|access[_.-]?key|(?:account|client|consumer|service|db|database|hmac|encryption|signing|master)[_.-]?key|auth|credential|bearer|:\/\//i;

/**
 * Whether the key around a hex digest or UUID makes it a credential: the text of the match outside the
 * secret names a credential and nothing that marks a digest or an id.
 */
export function keyMakesCredential(match: string, secret: string): boolean {
  const key = match.replace(secret, ' ');
  return CREDENTIAL_KEY.test(key) && !NON_CREDENTIAL_KEY.test(key) && !ID_KEY.test(key);
}

/**
 * True for short base64 whose decoded text is a placeholder (`cGFzc3dvcmQ=` is `password`) or has a
 * non-random shape: a word, an identifier (`ACCESS_KEY`), a path… (`cG9zdGdyZXMK` is `postgres` and
 * the newline `echo` adds).
 */
export function isEncodedPlaceholder(secret: string, lists: Placeholders): boolean {
  const text = decodeShortBase64(secret, 64);
  if (text === undefined) return false;
  const shape = valueShape(text);
  return placeholderReason(text, lists) !== undefined || (shape !== undefined && shape !== 'single-class');
}

/** A value that names or points at something rather than holding a secret. */
export type ReferenceKind = 'arn' | 'anchor' | 'route' | 'html-entity' | 'variable-path' | 'regex-literal' | 'member-access' | 'named-like-key';

/** AWS resource names (`arn:aws:iam::aws:policy/…`): they name a resource, grant nothing. */
const ARN = /^arn:aws[\w-]*:[\w-]*:[\w-]*:[\w-]*:/;
/** In-page anchors and element ids (`#add-password`). */
const ANCHOR = /^#[A-Za-z][\w-]*$/;
/** HTML-escaped text (`&lt;YOUR_PASSWORD&gt;`): markup, not a value. */
const HTML_ENTITY = /&(?:lt|gt|amp|quot|apos|nbsp|#\d{2,5}|#x[0-9A-Fa-f]{2,4});/;
/** A shell or CI variable followed by a path or suffix (`$BASE_URL/forgot`, `${HOME}/.pass`). */
const VARIABLE_PATH = /^\$(?:\{[A-Za-z_]\w*\}|[A-Z_][A-Z0-9_]*)[/.:#]/;
/** A JavaScript regex literal (`X_KEY = /^[a-z]+|\d$/i;` in bundled code): a pattern, not a value. */
const REGEX_LITERAL = /^\/(?=[^/]*[|\\[(^$])(?:[^/\\\n[]|\\.|\[(?:[^\]\\\n]|\\.)*\])+\/[dgimsuvy]{0,6}[;,]?$/;
/** A JavaScript optional-chaining property read (`options?.resumptionToken`): code, not a value. */
const MEMBER_ACCESS = /^[A-Za-z_$][\w$]*(?:\??\.[A-Za-z_$][\w$]*)*\?\.[A-Za-z_$][\w$]*(?:\??\.[A-Za-z_$][\w$]*)*$/;
/** A lower-case name that spells a credential word (`libsecret-1-0`, `app-secret-v2`): a name, not a random value. */
const NAMED_LIKE_KEY = /^(?=[a-z0-9._-]*(?:secret|token|passw|credential))[a-z0-9._-]+$/;
/** Only path and route characters, with at least one `/` (`cms/passwords#edit`, `/en/server@3.0/auth`). */
const ROUTE_CHARS = /^[\w.@:#-]*\/[\w.@:#/-]*$/;

/** The reference shape of `secret`, if it has one (routes: see isRoute, checked after the path shapes). */
export function referenceKind(secret: string): ReferenceKind | undefined {
  if (ARN.test(secret)) return 'arn';
  if (ANCHOR.test(secret)) return 'anchor';
  if (HTML_ENTITY.test(secret)) return 'html-entity';
  if (VARIABLE_PATH.test(secret)) return 'variable-path';
  if (REGEX_LITERAL.test(secret)) return 'regex-literal';
  if (MEMBER_ACCESS.test(secret)) return 'member-access';
  return undefined;
}

/** A route or controller#action whose parts all read as words (random base64 with `/` does not). */
function isRoute(secret: string): boolean {
  return ROUTE_CHARS.test(secret) && readsAsWords(secret.replace(/[#:@/]+/g, '/'));
}

/** Why a generic rule's candidate is not a secret, in detail (for tests and debugging). */
export type GenericRejectKind = DigestKind | ValueShape | ReferenceKind | CodeKind | 'encoded-placeholder' | 'public-name' | 'disowned-name' | 'qualified-key' | 'named-credential' | 'counting-sequence';

/** Letters and digits counting up in turn (`A1B2C3D4…`), the documentation stand-in for a key id. */
const COUNTING_UP = /a1b2c3d4|1a2b3c4d/i;

/** The detailed reason a generic rule's candidate is rejected, or undefined when it may be a secret. */
export function genericRejectKind(secret: string, match: string, lists: Placeholders): GenericRejectKind | undefined {
  const digest = digestKind(secret);
  if (digest === 'hex-digest' || digest === 'uuid') return keyMakesCredential(match, secret) ? undefined : digest;
  if (digest) return digest;
  if (isEncodedPlaceholder(secret, lists) || isEncodedStandInPair(secret, lists)) return 'encoded-placeholder';
  const key = keyBefore(match, secret);
  if (publicName(key)) return 'public-name';
  if (disownedName(key)) return 'disowned-name';
  if (qualifyingName(key)) return 'qualified-key';
  const shape = referenceKind(secret) ?? valueShape(secret) ?? (isRoute(secret) ? 'route' : undefined) ?? (NAMED_LIKE_KEY.test(secret) ? 'named-like-key' : undefined) ?? codeKind(secret);
  return shape ?? (namesCredential(secret) ? 'named-credential' : undefined) ?? (COUNTING_UP.test(secret) ? 'counting-sequence' : undefined);
}

/**
 * Extra gate for `generic: true` rules, whose only evidence is a key such as `password =`: rejects
 * digests, UUIDs and git SHAs (unless the key names a credential and no digest or id), base64 of a
 * placeholder, and values with a non-random shape. `match` is the rule's whole match, key included. Single-class values count as
 * low entropy; every other rejection as a placeholder.
 */
export function genericRejectReason(secret: string, match: string, lists: Placeholders): SkipReason | undefined {
  const kind = genericRejectKind(secret, match, lists);
  if (!kind) return undefined;
  return kind === 'single-class' ? 'low-entropy' : 'placeholder';
}
