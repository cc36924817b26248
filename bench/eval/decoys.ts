// Decoys: values that sit where secrets sit but are not secrets. Each has a category, so that false
// alarms can be reported by what fooled the scanner.
import { createPublicKey } from 'node:crypto';
import { generate } from '../../src/rules/examples.ts';
import { ed25519Key, seededUuid, type Rand } from './keys.ts';
import { ALNUM, B64, HEX, NOUNS, SERVICES, chars, int, pick } from './vocab.ts';

/** What a decoy imitates. */
export type DecoyCategory =
  | 'placeholder' | 'template' | 'env-reference' | 'aws-docs-key' | 'hash' | 'integrity' | 'go-sum' | 'image-digest'
  | 'uuid' | 'git-sha' | 'public-key' | 'bad-checksum' | 'camelcase' | 'base64-benign' | 'fixture' | 'benign-word'
  | 'publishable-key' | 'random-id' | 'minified' | 'lockfile' | 'doc-example' | 'dev-default-url' | 'placeholder-b64'
  | 'public-id' | 'i18n' | 'base64-blob' | 'keyword-substring';

/** A decoy to place like a secret: an `assign` pair, a code expression, or a multi-line `pem` block. */
export interface Decoy {
  category: DecoyCategory;
  key: string;
  value: string;
  /** `pem` for multi-line blocks, `assign` otherwise. */
  style: 'assign' | 'pem';
  /** For `env-reference`: the variable read; the host writes its language's lookup. */
  envVar?: string;
  /** Place in a test-fixture directory. */
  fixture?: boolean;
}

/** The example token shown on jwt.io (public, signed with the documented secret `your-256-bit-secret`). */
const b64json = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
const JWT_IO_EXAMPLE = [b64json({ alg: 'HS256', typ: 'JWT' }), b64json({ sub: '1234567890', name: 'John Doe', iat: 1516239022 }), 'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c'].join('.');

const CREDENTIAL_KEYS = ['password', 'api_key', 'secret_key', 'auth_token', 'client_secret', 'GITHUB_TOKEN', 'DB_PASSWORD', 'access_token', 'apiKey', 'SECRET_KEY'];

/** A PEM-style block of 64-column base64 lines (public material: certificates, public keys). */
export function pemBlock(label: string, body: string): string {
  return [`-----BEGIN ${label}-----`, ...(body.match(/.{1,64}/g) ?? []), `-----END ${label}-----`].join('\n');
}

/** A public key or certificate block. */
export function publicBlock(rand: Rand): string {
  if (rand() < 0.4) return createPublicKey(ed25519Key(rand)).export({ type: 'spki', format: 'pem' }).toString().trimEnd();
  return pemBlock('CERTIFICATE', `MII${chars(rand, 'BCDE', 1)}${chars(rand, B64, int(rand, 600, 1200))}`.replace(/.$/, '='));
}

/** `ssh-ed25519 AAAA… user@host` or `ssh-rsa AAAA…` public key line. */
export function sshPublicLine(rand: Rand): string {
  const who = `${pick(rand, ['deploy', 'ci', 'alice', 'bob', 'ops'])}@${pick(rand, SERVICES)}`;
  return rand() < 0.5 ? `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${chars(rand, B64, 43)} ${who}` : `ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQ${chars(rand, B64, 500)}= ${who}`;
}

/** `sha512-…==` subresource/npm integrity value. */
export function integrity(rand: Rand): string {
  return `sha512-${chars(rand, B64, 86)}==`;
}

const assign = (category: DecoyCategory, key: string, value: string, extra: Partial<Decoy> = {}): Decoy => ({ category, key, value, style: 'assign', ...extra });

const MAKERS: Record<string, (rand: Rand) => Decoy> = {
  placeholder: (r) => assign('placeholder', pick(r, CREDENTIAL_KEYS), pick(r, ['changeme', '<your-api-key>', 'your_api_key_here', 'xxxxxxxxxxxxxxxxxxxxxxxx', '********', 'REPLACE_ME', '<password>', 'insert-token-here', `ghp_${'x'.repeat(36)}`, `AKIA${'X'.repeat(16)}`, 'your-secret-here'])),
  template: (r) => assign('template', pick(r, CREDENTIAL_KEYS), pick(r, ['${DB_PASSWORD}', '${{ secrets.NPM_TOKEN }}', '{{ .Values.auth.token }}', '{{ vault_db_password }}', '%(password)s', '$(cat /run/secrets/api_key)', '#{ENV["API_KEY"]}', '<%= ENV["SECRET_KEY_BASE"] %>', '${var.db_password}', '$API_TOKEN', '%API_KEY%'])),
  'env-reference': (r) => ({ ...assign('env-reference', pick(r, CREDENTIAL_KEYS), ''), envVar: pick(r, ['DB_PASSWORD', 'API_KEY', 'STRIPE_SECRET_KEY', 'GITHUB_TOKEN', 'AWS_SECRET_ACCESS_KEY']) }),
  'aws-docs-key': (r) => pick(r, [assign('aws-docs-key', 'aws_access_key_id', 'AKIAIOSFODNN7EXAMPLE'), assign('aws-docs-key', 'aws_secret_access_key', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'), assign('aws-docs-key', 'AWS_ACCESS_KEY_ID', 'AKIAI44QH8DHBEXAMPLE'), assign('aws-docs-key', 'AWS_SECRET_ACCESS_KEY', 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY')]),
  hash: (r) => assign('hash', pick(r, ['sha256', 'checksum', 'digest', 'content_hash', 'sha1', 'md5', 'file_hash', 'previous_hash']), pick(r, [chars(r, HEX, 64), chars(r, HEX, 40), chars(r, HEX, 32), `sha256:${chars(r, HEX, 64)}`])),
  integrity: (r) => assign('integrity', 'integrity', rand2(r) ? integrity(r) : `sha384-${chars(r, B64, 64)}`),
  'image-digest': (r) => assign('image-digest', 'image', `registry.corp.test/${pick(r, SERVICES)}@sha256:${chars(r, HEX, 64)}`),
  uuid: (r) => assign('uuid', pick(r, ['request_id', 'tenant_id', 'correlationId', 'instance_id', 'subscription_id', 'client_id', 'project_uuid']), seededUuid(r)),
  'git-sha': (r) => assign('git-sha', pick(r, ['commit', 'rev', 'sha', 'revision', 'base_sha', 'last_deployed_commit']), chars(r, HEX, 40)),
  'public-key': (r) => (rand2(r) ? { category: 'public-key', key: pick(r, ['tls_cert', 'ca_certificate', 'public_key', 'signing_cert']), value: publicBlock(r), style: 'pem' } : assign('public-key', pick(r, ['ssh_public_key', 'authorized_key', 'deploy_pubkey']), sshPublicLine(r))),
  'bad-checksum': (r) => assign('bad-checksum', pick(r, ['GITHUB_TOKEN', 'token', 'gh_token']), generate(`badchecksum:${pick(r, ['ghp', 'gho', 'ghu', 'ghs'])}:30`, r)),
  camelcase: (r) => pick(r, [['password', 'passwordConfirmation'], ['secret', 'clientSecretInputLabel'], ['token', 'accessTokenExpiresAt'], ['api_key', 'apiKeyHeaderName'], ['passwordField', 'newPasswordRepeatInput'], ['auth_token', 'authTokenRefreshHandler'], ['secretKeyRef', 'databaseSecretName']].map(([k = '', v = '']) => assign('camelcase', k, v))),
  'base64-benign': (r) => assign('base64-benign', pick(r, ['logo', 'payload', 'template_data', 'banner', 'config_blob']), Buffer.from(benignText(r)).toString('base64')),
  fixture: (r) => assign('fixture', pick(r, ['password', 'api_key', 'secret', 'token', 'client_secret']), pick(r, ['test-password', 'test_api_key', 'fake-secret-for-tests', 'dummy-token-123', 'not-a-real-secret', 'testtesttest']), { fixture: true }),
  'benign-word': (r) => pick(r, [['token_type', 'Bearer'], ['auth_method', 'password'], ['api_key_header', 'X-API-Key'], ['secret_name', 'db-credentials'], ['grant_type', 'client_credentials'], ['token_endpoint', 'https://auth.corp.test/oauth/token'], ['password_reset_path', '/account/password/reset']].map(([k = '', v = '']) => assign('benign-word', k, v))),
  'publishable-key': (r) => assign('publishable-key', pick(r, ['STRIPE_PUBLISHABLE_KEY', 'publishableKey', 'stripe_pk']), `pk_live_${chars(r, ALNUM, 24)}`),
  'doc-example': (r) =>
    pick(r, [
      assign('doc-example', pick(r, ['id_token', 'sample_jwt']), JWT_IO_EXAMPLE),
      assign('doc-example', 'SLACK_WEBHOOK_URL', 'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX'),
      assign('doc-example', 'TWILIO_ACCOUNT_SID', 'ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX'),
    ]),
  'dev-default-url': (r) => assign('dev-default-url', pick(r, ['DATABASE_URL', 'database_url', 'BROKER_URL', 'dsn']), pick(r, ['postgres://postgres:postgres@localhost:5432/app_test', 'mysql://root:root@127.0.0.1:3306/dev', 'amqp://guest:guest@localhost:5672/', 'redis://:${REDIS_PASSWORD}@redis:6379/0', 'mongodb://localhost:27017/app'])),
  'placeholder-b64': (r) => assign('placeholder-b64', pick(r, ['auth', 'basic_auth', 'registry_auth']), Buffer.from(pick(r, ['username:password', 'user:changeme', 'admin:<password>', 'your-username:your-token'])).toString('base64')),
  'public-id': (r) =>
    pick(r, [
      assign('public-id', 'GITHUB_CLIENT_ID', `Iv1.${chars(r, HEX, 16)}`),
      assign('public-id', 'GOOGLE_CLIENT_ID', `${chars(r, '0123456789', 12)}-${chars(r, 'abcdefghijklmnopqrstuvwxyz0123456789', 32)}.apps.googleusercontent.com`),
      assign('public-id', 'VAPID_PUBLIC_KEY', `B${chars(r, `${ALNUM}-_`, 86)}`),
    ]),
  i18n: (r) => pick(r, [['password_too_short', 'Password must be at least 12 characters'], ['token_expired', 'Your session has expired, please sign in again'], ['secret_label', 'Client secret'], ['api_key_hint', 'Find your API key under Settings, Developer']].map(([k = '', v = '']) => assign('i18n', k, v))),
  // Keys that merely contain a credential keyword (`pass` in `passenger_id`, `key` in `monkey`) over random ids.
  'keyword-substring': (r) =>
    assign('keyword-substring', pick(r, ['passenger_id', 'passport_ref', 'bypass_cache_key', 'passthrough_id', 'compass_heading_id', 'tokenizer_vocab_id', 'secretary_uuid', 'monkey_patch_id']), pick(r, [seededUuid(r), chars(r, HEX, 32), chars(r, ALNUM, 20)])),
  'random-id': (r) => assign('random-id', pick(r, ['trace_id', 'nonce', 'etag', 'build_id', 'cursor', 'cache_buster']), pick(r, [chars(r, HEX, 32), chars(r, ALNUM, 22), chars(r, B64, 24)])),
};

function rand2(r: Rand): boolean {
  return r() < 0.5;
}

function benignText(rand: Rand): string {
  return pick(rand, [
    `{"theme":"${pick(rand, ['dark', 'light'])}","locale":"en-GB","features":["${pick(rand, NOUNS)}","${pick(rand, NOUNS)}"],"pageSize":${int(rand, 10, 100)}}`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${int(rand, 16, 64)}" height="16"><rect fill="#${chars(rand, HEX, 6)}"/></svg>`,
    `Copyright ${int(rand, 2015, 2026)} Acme Corp. Licensed under the Apache License, Version 2.0.`,
  ]);
}

/** Decoy categories placed inline in ordinary files (the others come as whole files, see decoy-files.ts). */
export const INLINE_CATEGORIES = Object.keys(MAKERS) as DecoyCategory[];

/** One decoy of `category`. */
export function makeDecoy(category: DecoyCategory, rand: Rand): Decoy {
  const make = MAKERS[category];
  if (!make) throw new Error(`no inline decoy of category ${category}`);
  return make(rand);
}

/** The language's way of reading environment variable `name`, for code hosts. */
export function envLookup(hostId: string, name: string): string | undefined {
  const forms: Record<string, string> = {
    python: `os.environ["${name}"]`,
    javascript: `process.env.${name}`,
    typescript: `process.env.${name} ?? ""`,
    go: `os.Getenv("${name}")`,
    java: `System.getenv("${name}")`,
    ruby: `ENV.fetch("${name}")`,
    php: `getenv('${name}')`,
  };
  return forms[hostId];
}
