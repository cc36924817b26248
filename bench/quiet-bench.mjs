// Quietness on real code: scans each given directory (`--no-ignore`, every file as it is on disk)
// with the built CLI and prints alerts per 100 MB scanned, by rule and by confidence. Real public
// repositories hold few live secrets, so nearly every alert there is a test fixture or a false
// alarm: the figure says how much a team would have to read through. Triage each alert by hand
// (`keywarden scan --explain FILE:LINE`); this script only counts.
//
//   npm run bench:quiet -- DIR[=LABEL] ...      (LABEL names the corpus, e.g. owner/name@commit)
//   npm run bench:quiet -- --json DIR ...       (the counts as JSON, for before/after diffs)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { corpusName } from './measure.mjs';

const CLI = new URL('../dist/cli.js', import.meta.url).pathname;
const MB = 1024 * 1024;

const argv = process.argv.slice(2);
const json = argv.includes('--json');
const dirs = argv.filter((a) => a !== '--json');
if (dirs.length === 0 || dirs.some((d) => d.startsWith('-'))) {
  console.error('usage: npm run bench:quiet -- [--json] DIR[=LABEL] ...');
  process.exit(2);
}

/** Scans one directory; returns its label, bytes and the secrets of the JSON report. */
function scan(arg) {
  const eq = arg.indexOf('=');
  const dir = eq < 0 ? arg : arg.slice(0, eq);
  const label = eq < 0 ? corpusName(dir) : arg.slice(eq + 1);
  const tmp = mkdtempSync(join(tmpdir(), 'kw-quiet-'));
  const out = join(tmp, 'report.json');
  try {
    const r = spawnSync(process.execPath, [CLI, 'scan', dir, '--no-ignore', '--no-color', '--on-error', 'warn', '--format', 'json', '-o', out], { encoding: 'utf8' });
    if (r.status !== 0 && r.status !== 1) {
      console.error(`${dir}: keywarden exited ${r.status}: ${r.stderr.slice(0, 400)}`);
      process.exit(2);
    }
    const report = JSON.parse(readFileSync(out, 'utf8'));
    return { label, bytes: report.stats.bytes, secrets: report.secrets };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

const per100 = (n, bytes) => (bytes === 0 ? 0 : (n * 100 * MB) / bytes);
const fmt = (x) => x.toFixed(1);

const corpora = dirs.map(scan);
const bytes = corpora.reduce((s, c) => s + c.bytes, 0);
const all = corpora.flatMap((c) => c.secrets);
/** Counts secrets (distinct values) by a key. */
const countBy = (key) => {
  const m = new Map();
  for (const s of all) m.set(key(s), (m.get(key(s)) ?? 0) + 1);
  return [...m].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0])));
};
const byRule = countBy((s) => s.ruleId);
const byConfidence = countBy((s) => s.confidence);

if (json) {
  console.log(JSON.stringify({ corpora: corpora.map((c) => ({ label: c.label, bytes: c.bytes, secrets: c.secrets.length })), bytes, secrets: all.length, byRule: Object.fromEntries(byRule), byConfidence: Object.fromEntries(byConfidence) }, null, 2));
} else {
  console.log('| corpus | MB | secrets | per 100 MB |\n| --- | --- | --- | --- |');
  for (const c of corpora) console.log(`| ${c.label} | ${fmt(c.bytes / MB)} | ${c.secrets.length} | ${fmt(per100(c.secrets.length, c.bytes))} |`);
  console.log(`| **all** | ${fmt(bytes / MB)} | ${all.length} | **${fmt(per100(all.length, bytes))}** |\n`);
  console.log('| confidence | secrets | per 100 MB |\n| --- | --- | --- |');
  for (const [c, n] of byConfidence) console.log(`| ${c} | ${n} | ${fmt(per100(n, bytes))} |`);
  console.log('\n| rule | secrets | per 100 MB |\n| --- | --- | --- |');
  for (const [r, n] of byRule) console.log(`| ${r} | ${n} | ${fmt(per100(n, bytes))} |`);
}
