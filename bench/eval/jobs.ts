// Placement decisions: for each planted secret or decoy, how it is written (style) and in which file
// format (host). Self-identifying secrets get every style; secrets that need their key keep it.
import { envLookup, type Decoy, type DecoyCategory } from './decoys.ts';
import type { Host, Item, Style } from './host.ts';
import { CODE_HOSTS } from './hosts-code.ts';
import { CONFIG_HOSTS } from './hosts-config.ts';
import { jsonFile, keyfile, markdown, text } from './hosts-docs.ts';
import type { Rand } from './keys.ts';
import type { Plant } from './plant.ts';
import { pick } from './vocab.ts';

/** Every host that ordinary items may land in (path-specific hosts are made per rule). */
export const ALL_HOSTS: readonly Host[] = [...CONFIG_HOSTS, ...CODE_HOSTS, markdown, text, keyfile, jsonFile];

/** An item with its chosen host, and what it stands for. */
export interface Job {
  item: Item;
  host: Host;
  plant?: Plant;
  decoy?: DecoyCategory;
  /** Place the file under a test-fixture directory. */
  fixture?: boolean;
}

/** Hosts able to render `item`. */
export function hostsFor(item: Item): Host[] {
  return ALL_HOSTS.filter((h) => h.styles.includes(item.style) && (h.accepts?.(item) ?? true));
}

function weighted<T>(rand: Rand, options: readonly (readonly [T, number])[]): T {
  const total = options.reduce((s, [, w]) => s + w, 0);
  let x = rand() * total;
  for (const [v, w] of options) {
    x -= w;
    if (x < 0) return v;
  }
  const last = options[options.length - 1];
  if (!last) throw new Error('weighted: no options');
  return last[0];
}

const NEUTRAL_KEYS = ['credential', 'auth', 'upstream', 'conn', 'value', 'deployKey', 'ci_auth', 'integration'];
const KEY_NAMES = ['private_key', 'ssh_private_key', 'tls_key', 'signing_key', 'service_account_key'];

/** How a planted secret is written, before a host is chosen. */
export function plantItem(plant: Plant, rand: Rand): Item {
  if (plant.pem) {
    const style: Style = weighted(rand, [['pem', 7], ['json-escaped', 3]]);
    return { style, key: plant.assign?.key ?? pick(rand, KEY_NAMES), value: plant.secret };
  }
  if (!plant.assign) return { style: 'verbatim', key: '', value: plant.text, target: plant.line };
  const { key, value } = plant.assign;
  const free = plant.contextFree;
  const choice = weighted(rand, [['assign', 6], ['comment', 1], ['call', free ? 1 : 0], ['env-item', free ? 1 : 0], ['renamed', free ? 2 : 0]] as const);
  if (choice === 'renamed') return { style: 'assign', key: pick(rand, NEUTRAL_KEYS), value };
  return { style: choice, key, value };
}

/** Places a planted secret: a style, then one of the hosts that can write it. */
export function plantJob(plant: Plant, rand: Rand): Job | undefined {
  const item = plantItem(plant, rand);
  const hosts = hostsFor(item);
  return hosts.length ? { item, host: pick(rand, hosts), plant } : undefined;
}

/** Places a decoy; environment lookups go to source files, written in that language. */
export function decoyJob(decoy: Decoy, rand: Rand): Job | undefined {
  if (decoy.envVar) {
    const code = CODE_HOSTS.filter((h) => envLookup(h.id, decoy.envVar ?? '') && h.styles.includes('assign'));
    const host = pick(rand, code);
    return { item: { style: 'assign', key: decoy.key, value: envLookup(host.id, decoy.envVar) ?? '', expr: true }, host, decoy: decoy.category };
  }
  const item: Item = { style: decoy.style, key: decoy.key, value: decoy.value };
  const hosts = hostsFor(item).filter((h) => h.id !== 'minified-js' || decoy.category === 'camelcase');
  return hosts.length ? { item, host: pick(rand, hosts), decoy: decoy.category, fixture: decoy.fixture } : undefined;
}
