// CLI manners (issue 13.7): did-you-mean for commands and flags, NO_COLOR / FORCE_COLOR, singular
// nouns, the fingerprint `keywarden ignore` accepts in the text report, `scan -` from standard input.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/cli.ts';
import { githubPat } from '../helpers/secrets.ts';
import { parseReport, placesOf } from '../helpers/report.ts';

function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kw-manners-'));
  for (const [p, t] of Object.entries(files)) writeFileSync(join(dir, p), t);
  return dir;
}

const ESC = '\x1b[';

describe('CLI manners', () => {
  it('a misspelled command or flag names the nearest one', async () => {
    const dir = dirWith({ 'a.txt': 'x\n' });
    const cmd = await runCli(['scna'], dir);
    assert.equal(cmd.code, 2);
    assert.equal(cmd.stderr, 'keywarden: unknown command "scna" (did you mean scan?)\n');
    const flag = await runCli(['scan', '--stagd'], dir);
    assert.equal(flag.code, 2);
    assert.equal(flag.stderr, 'keywarden: usage error: unknown option --stagd (did you mean --staged or --shard?)\n');
    assert.match((await runCli(['rules', '--jsn'], dir)).stderr, /unknown option --jsn \(did you mean --json\?\)/);
  });

  it('colours: only on a terminal; NO_COLOR turns them off, FORCE_COLOR on', async () => {
    const dir = dirWith({ 'a.env': `T=${githubPat()}\n` });
    assert.ok(!(await runCli(['scan'], dir)).stdout.includes(ESC), 'a pipe gets no colour');
    assert.ok((await runCli(['scan'], dir, {}, { tty: true })).stdout.includes(ESC), 'a terminal gets colour');
    assert.ok(!(await runCli(['scan'], dir, { NO_COLOR: '1' }, { tty: true })).stdout.includes(ESC), 'NO_COLOR');
    assert.ok((await runCli(['scan'], dir, { FORCE_COLOR: '1' })).stdout.includes(ESC), 'FORCE_COLOR');
    assert.ok(!(await runCli(['scan', '--no-color'], dir, { FORCE_COLOR: '1' })).stdout.includes(ESC), '--no-color wins');
    assert.ok(!(await runCli(['scan'], dir, { FORCE_COLOR: '0' }, { tty: false })).stdout.includes(ESC), 'FORCE_COLOR=0');
  });

  it('"1 file", not "1 files"', async () => {
    const r = await runCli(['scan'], dirWith({ 'a.txt': 'x\n' }));
    assert.match(r.stdout, /scanned 1 file, /);
  });

  it('the text report shows the fingerprint that keywarden ignore takes, and ignoring it silences the finding', async () => {
    const dir = dirWith({ 'a.env': `T=${githubPat()}\n` });
    const r = await runCli(['scan'], dir);
    assert.equal(r.code, 1);
    const fp = /fingerprint (\S+)/.exec(r.stdout)?.[1];
    assert.ok(fp, r.stdout);
    const ig = await runCli(['ignore', fp, '--reason', 'test value', '--by', 'tester'], dir);
    assert.equal(ig.code, 0, ig.stderr);
    assert.ok(readFileSync(join(dir, '.keywardenignore'), 'utf8').includes(fp));
    assert.equal((await runCli(['scan'], dir)).code, 0);
  });

  it('scan - reads standard input, reported as --stdin-name', async () => {
    const dir = dirWith({});
    const secret = githubPat();
    const r = await runCli(['scan', '-', '--stdin-name', 'deploy/app.env', '-f', 'json'], dir, {}, { stdin: `# app\nTOKEN=${secret}\n` });
    assert.equal(r.code, 1, r.stderr);
    const j = parseReport(r.stdout);
    assert.deepEqual(placesOf(j.secrets).map((f) => `${f.path}:${f.line}`), ['deploy/app.env:2']);
    assert.ok(!r.stdout.includes(secret));
    const plain = await runCli(['scan', '-'], dir, {}, { stdin: 'nothing\n' });
    assert.equal(plain.code, 0, plain.stderr);
    assert.match(plain.stdout, /scanned 1 file/);
    assert.equal((await runCli(['scan', '-', 'a.txt'], dir)).code, 2);
    assert.match((await runCli(['scan', '--stdin-name', 'x'], dir)).stderr, /--stdin-name applies to scan -/);
  });

  it('"N allowed inline" counts each allowed line once, however many rules match it', async () => {
    const s = githubPat();
    const dir = dirWith({ 'a.py': `api_token = "${s}"  # keywarden:allow\npassword = "${s}"  # keywarden:allow\nplain = 1\n` });
    const r = await runCli(['scan'], dir);
    assert.equal(r.code, 0, r.stdout);
    assert.match(r.stdout, / · 2 allowed inline/);
  });
});
