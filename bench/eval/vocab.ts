// Seeded choice helpers and the vocabulary the corpus's filler code is written in.
import type { Rand } from './keys.ts';

/** One element of `list`, chosen by `rand`. */
export function pick<T>(rand: Rand, list: readonly T[]): T {
  const item = list[Math.floor(rand() * list.length)];
  if (item === undefined) throw new Error('pick: empty list');
  return item;
}

/** An integer in [lo, hi]. */
export function int(rand: Rand, lo: number, hi: number): number {
  return lo + Math.floor(rand() * (hi - lo + 1));
}

/** True with probability `p`. */
export function chance(rand: Rand, p: number): boolean {
  return rand() < p;
}

/** `n` characters from `chars`. */
export function chars(rand: Rand, set: string, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += set[Math.floor(rand() * set.length)];
  return s;
}

/** Character sets for generated filler values. */
export const HEX = '0123456789abcdef';
export const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const B64 = `${ALNUM}+/`;

/** Nouns used to build identifiers, paths and config keys. */
export const NOUNS = [
  'user', 'order', 'invoice', 'account', 'session', 'cache', 'report', 'payment', 'customer', 'product', 'cart',
  'shipment', 'catalog', 'queue', 'worker', 'job', 'event', 'metric', 'profile', 'team', 'project', 'message',
  'upload', 'export', 'search', 'billing', 'audit', 'webhook', 'schedule', 'inventory', 'region', 'tenant',
];
/** Verbs used to build function names. */
export const VERBS = ['get', 'load', 'fetch', 'build', 'parse', 'render', 'update', 'create', 'delete', 'sync', 'handle', 'validate', 'format', 'resolve', 'compute'];
/** Service names used for project directories and hosts. */
export const SERVICES = ['api', 'web', 'billing', 'auth', 'gateway', 'ingest', 'reports', 'mailer', 'search', 'scheduler', 'storefront', 'admin', 'notifier', 'ledger'];

/** `fetchUserProfile`-style identifier. */
export function camel(rand: Rand, parts = 2): string {
  const words = [pick(rand, VERBS), ...Array.from({ length: parts - 1 }, () => pick(rand, NOUNS))];
  return words.map((w, i) => (i === 0 ? w : w.charAt(0).toUpperCase() + w.slice(1))).join('');
}

/** `user_cache`-style identifier. */
export function snake(rand: Rand, parts = 2): string {
  return Array.from({ length: parts }, () => pick(rand, NOUNS)).join('_');
}

/** `PascalCase` type name. */
export function pascal(rand: Rand): string {
  const w = camel(rand, 2);
  return w.charAt(0).toUpperCase() + w.slice(1);
}

/** Harmless configuration pairs: a key and a literal value (number, word, host, URL). */
export function configPair(rand: Rand): [string, string] {
  const key = pick(rand, ['timeout', 'retries', 'port', 'host', 'log_level', 'region', 'pool_size', 'base_url', 'enabled', 'max_items', 'cache_ttl', 'workers', 'bucket', 'queue_name', 'locale']);
  const values: Record<string, () => string> = {
    timeout: () => String(int(rand, 1, 120)),
    retries: () => String(int(rand, 0, 9)),
    port: () => String(pick(rand, [80, 443, 3000, 5432, 6379, 8080, 9090])),
    host: () => `${pick(rand, SERVICES)}.internal`,
    log_level: () => pick(rand, ['debug', 'info', 'warn', 'error']),
    region: () => pick(rand, ['eu-west-1', 'us-east-1', 'ap-south-1', 'europe-west4']),
    pool_size: () => String(int(rand, 2, 64)),
    base_url: () => `https://${pick(rand, SERVICES)}.corp.test/${pick(rand, NOUNS)}`,
    enabled: () => pick(rand, ['true', 'false']),
    max_items: () => String(int(rand, 10, 5000)),
    cache_ttl: () => String(int(rand, 30, 86400)),
    workers: () => String(int(rand, 1, 16)),
    bucket: () => `${pick(rand, NOUNS)}-${pick(rand, ['assets', 'backups', 'exports'])}`,
    queue_name: () => `${pick(rand, NOUNS)}-events`,
    locale: () => pick(rand, ['en-GB', 'de-DE', 'fr-FR', 'ja-JP']),
  };
  return [key, values[key]?.() ?? ''];
}

/** `UPPER_SNAKE` form of a key. */
export function upper(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[.-]/g, '_').toUpperCase();
}
