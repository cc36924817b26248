// Documents and files with a fixed name: Markdown, plain-text notes, key files, and the files some
// rules are restricted to (`.npmrc`, `.pgpass`, `wp-config.php`…), derived from the rules' path globs.
import micromatch from 'micromatch';
import { dq, isIdent, itemLines, type Block, type Host } from './host.ts';
import { ini, properties, shell, terraform, yaml } from './hosts-config.ts';
import { python } from './hosts-code.ts';
import type { Rand } from './keys.ts';
import { NOUNS, SERVICES, VERBS, chance, int, pick } from './vocab.ts';

function prose(rand: Rand): string {
  const svc = pick(rand, SERVICES);
  return pick(rand, [
    `The ${svc} service ${pick(rand, VERBS)}s ${pick(rand, NOUNS)} records every ${int(rand, 2, 30)} minutes.`,
    `Credentials are read from the environment at start-up; see the ${svc} runbook for rotation.`,
    `Run \`make ${pick(rand, VERBS)}\` before opening a pull request against \`${svc}\`.`,
    `Ask #team-${svc} for access to the ${pick(rand, NOUNS)} dashboard.`,
  ]);
}

export const markdown: Host = {
  id: 'markdown',
  path: (rand) => pick(rand, [`docs/${pick(rand, NOUNS)}.md`, 'README.md', `docs/runbooks/${pick(rand, SERVICES)}.md`, 'CONTRIBUTING.md']),
  styles: ['assign', 'comment', 'verbatim', 'pem'],
  header: (rand) => [`# ${pick(rand, SERVICES)} ${pick(rand, NOUNS)} notes`, ''],
  render: (item, rand) => {
    if (item.style === 'comment') return { lines: [`Set \`${item.key}=${item.value}\` before running the job.`], target: 0 };
    if (item.style === 'verbatim' || item.style === 'pem') return { lines: ['```', ...itemLines(item), '```'], target: 1 + (item.target ?? 0) };
    const code = isIdent(item.key) ? `export ${item.key}=${dq(item.value)}` : `${item.key} = ${item.value}`;
    return { lines: [`Configure the ${pick(rand, SERVICES)} client:`, '', '```bash', code, '```'], target: 3 };
  },
  filler: (rand) => [prose(rand), ...(chance(rand, 0.3) ? ['', '```bash', `npm run ${pick(rand, VERBS)}`, '```'] : []), ''],
};

export const text: Host = {
  id: 'text',
  path: (rand) => pick(rand, [`notes/${pick(rand, NOUNS)}.txt`, `ops/handover-${int(rand, 1, 40)}.txt`]),
  styles: ['assign', 'comment', 'verbatim', 'pem'],
  render: (item) =>
    item.style === 'verbatim' || item.style === 'pem'
      ? { lines: itemLines(item), target: item.target ?? 0 }
      : { lines: [`${item.key}${item.style === 'comment' ? ' = ' : ': '}${item.value}`], target: 0 },
  filler: (rand) => [prose(rand), ''],
};

export const keyfile: Host = {
  id: 'keyfile',
  path: (rand) => pick(rand, [`keys/${pick(rand, SERVICES)}.pem`, `certs/${pick(rand, SERVICES)}.key`, `deploy/${pick(rand, SERVICES)}_deploy_key`, '.ssh/id_ed25519']),
  styles: ['pem'],
  maxItems: 1,
  render: (item): Block => ({ lines: itemLines(item), target: 0 }),
  filler: () => [],
};

/** Harmless lines for the dotfiles some rules are restricted to. */
const DOTFILE_FILLER: Record<string, (rand: Rand) => string[]> = {
  '.npmrc': (rand) => [pick(rand, ['registry=https://registry.npmjs.org/', 'save-exact=true', 'engine-strict=true', 'fund=false'])],
  '.netrc': () => ['# mirrors used by CI'],
  '.pgpass': () => ['# hostname:port:database:username:password'],
  '.pypirc': () => ['[distutils]', 'index-servers =', '    pypi', ''],
};

/** The borrowed host whose filler suits a file name, by extension. */
function fillerHostFor(name: string): Host | undefined {
  const ext = name.slice(name.lastIndexOf('.') + 1);
  const byExt: Record<string, Host> = { py: python, tf: terraform, yml: yaml, yaml, cfg: ini, ini, properties, sh: shell };
  return byExt[ext];
}

/** A host for one concrete path required by a rule: the example verbatim among suitable filler. */
export function pathHost(path: string): Host {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const borrowed = fillerHostFor(name);
  const php = name.endsWith('.php');
  return {
    id: `path:${name}`,
    path: () => path,
    styles: ['verbatim'],
    maxItems: 1,
    header: php ? () => ['<?php', "define( 'WP_DEBUG', false );", ''] : undefined,
    render: (item) => ({ lines: itemLines(item), target: item.target ?? 0 }),
    filler: (rand) => (php ? [`define( '${pick(rand, ['WP_CACHE', 'AUTOSAVE_INTERVAL', 'WP_POST_REVISIONS'])}', ${int(rand, 0, 300)} );`] : (DOTFILE_FILLER[name]?.(rand) ?? borrowed?.filler(rand) ?? [])),
  };
}

/** A concrete path matching `glob` (micromatch syntax), under `dir` when the glob allows it. */
export function pathFromGlob(glob: string, dir: string, rand: Rand): string | undefined {
  const base = glob
    .replace(/\{([^}]*)\}/g, (_, alts: string) => alts.split(',')[0] ?? '')
    .replace(/^\*\*\//, '')
    .replace(/\/\*\*\//g, '/config/')
    .replace(/\*\*/g, 'config')
    .replace(/\*/g, () => pick(rand, NOUNS))
    .replace(/\?/g, 'x');
  for (const p of [`${dir}/${base}`, base]) if (micromatch.isMatch(p, glob, { dot: true })) return p;
  return undefined;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return text.trim().startsWith('{');
  } catch {
    return false;
  }
}

/** A whole JSON document as a file of its own (service-account key files and the like). */
export const jsonFile: Host = {
  id: 'json-file',
  path: (rand) => pick(rand, [`secrets/${pick(rand, SERVICES)}-service-account.json`, 'credentials.json', `keys/${pick(rand, SERVICES)}.json`]),
  styles: ['verbatim'],
  accepts: (item) => isJson(item.value),
  maxItems: 1,
  render: (item) => ({ lines: itemLines(item), target: item.target ?? 0 }),
  filler: () => [],
};
