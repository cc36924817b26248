#!/usr/bin/env node
// History-scan benchmark: `keywarden scan --history` with 1 and 2 detection threads against the
// standard floors on the same repository, alternated in the same rounds (medians):
//   git cat-file --batch-all-objects --batch --unordered > /dev/null   (read every object once)
//   git log -p --all > /dev/null                                          (what patch-walking scanners pay)
// and keywarden with every rule disabled (reading and shipping blobs, no detection).
//
//   npm run bundle && npm run bench:history -- <repository or mirror> [--runs 3] [--cli dist/cli.js] [--readme]
//   (--readme: the table goes into README.md between the bench:history-NAME markers, NAME the repository's)
//
// Prints a markdown table (wall, CPU, peak RSS, ratios to both floors) headed by the repository's
// HEAD commit, for the README's Speed section.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { machineLine, paired, ratioTable, repoName, updateReadme } from './measure.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values, positionals } = parseArgs({ options: { runs: { type: 'string', default: '3' }, cli: { type: 'string' }, 'no-disabled': { type: 'boolean' }, readme: { type: 'boolean' } }, allowPositionals: true });
const repo = positionals[0] ?? process.env.KEYWARDEN_BENCH_REPO;
if (!repo || !existsSync(repo)) {
  console.error('usage: npm run bench:history -- <path of a git repository or mirror> [--runs N] [--cli FILE]');
  process.exit(2);
}
const runs = Number(values.runs);
const cwd = resolve(repo);
const cli = resolve(values.cli ?? join(ROOT, 'dist/cli.js'));
if (!existsSync(cli)) {
  console.error(`${cli} is missing: run npm run bundle first`);
  process.exit(2);
}
const node = existsSync(join(ROOT, 'node_modules/.bin/node')) ? join(ROOT, 'node_modules/.bin/node') : process.execPath;
const git = (...args) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

const { builtinRuleSpecs } = await import(join(ROOT, 'src/data/builtin.ts'));
const disableAll = builtinRuleSpecs().flatMap((s) => ['--disable-rule', s.spec.id]);
const scan = (threads) => [cli, 'scan', '--history', '--threads', String(threads), '--format', 'json', '--quiet', cwd];
const FLOOR = 'git cat-file --batch-all-objects --batch --unordered';
const LOG = 'git log -p --all';
// Exit code 1 means "findings reported", a successful scan here.
const cases = [
  { name: FLOOR, short: 'cat-file', shell: `${FLOOR} > /dev/null`, cwd },
  { name: LOG, short: 'git log -p', shell: `${LOG} > /dev/null`, cwd },
  { name: 'keywarden scan --history --threads 1', cmd: node, args: scan(1), cwd, ok: [0, 1] },
  { name: 'keywarden scan --history --threads 2', cmd: node, args: scan(2), cwd, ok: [0, 1] },
  ...(values['no-disabled'] ? [] : [{ name: 'keywarden --threads 1, every rule disabled', cmd: node, args: [...scan(1), ...disableAll], cwd, ok: [0, 1] }]),
];
const objects = git('count-objects', '-v').match(/size-pack: (\d+)/)?.[1];
const origin = (() => {
  try {
    return git('config', '--get', 'remote.origin.url');
  } catch {
    return cwd;
  }
})();
const head = `repository ${repoName(origin)} at ${git('rev-parse', 'HEAD')} (${git('rev-list', '--all', '--count')} commits, ${objects ? `${(Number(objects) / 1024).toFixed(0)} MB packed` : 'size unknown'}); ${machineLine(runs)}`;
const rows = await paired(cases, runs, { log: (m) => console.error(m) });
for (const r of rows) r.short = cases.find((c) => c.name === r.name)?.short;
const out = `${head}\n\n${ratioTable(rows, [FLOOR, LOG])}`;
console.log(out);
if (values.readme) updateReadme(`history-${repoName(origin).split('/').pop()}`, out);
