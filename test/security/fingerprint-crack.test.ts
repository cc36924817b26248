// An attacker holds keywarden's JSON and SARIF reports of a repository with weak passwords in it, and
// a 50,000-word list with digit and symbol suffixes. Within a fixed CPU budget they must recover none:
// the fingerprint is scrypt (or keyed), the redacted form shows no prefix of a password and no fast
// hash, and the SARIF line hash is computed over the masked line. The same attack on what version 1
// published (a fast SHA-256 fingerprint, a prefix and a short hash; a line hash over the raw line)
// recovers every one of them within the same budget: the attack works, the scheme stops it.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Log } from 'sarif';
import { legacyFingerprint, slowFingerprint } from '../../src/core/fingerprint.ts';
import { secretOf } from '../../src/core/match.ts';
import type { ScanResult } from '../../src/core/types.ts';
import { lineHashes } from '../../src/github/line-hash.ts';
import { addLineHashes } from '../../src/github/sarif-line-hashes.ts';
import { silentLogger } from '../../src/logger.ts';
import { jsonReporter } from '../../src/reporters/json.ts';
import { sarifReporter } from '../../src/reporters/sarif.ts';
import { rng } from '../../src/rules/examples.ts';
import { scan } from '../../src/scan.ts';
import { defaultSettings } from '../../src/settings.ts';
import { parseReport } from '../helpers/report.ts';

/** CPU time (all threads of this process) an attack on one report may spend, shared by its secrets. */
const BUDGET_MS = 1500;
const WORDS = 50_000;

/** 50,000 distinct pronounceable lowercase words (5–10 letters), seeded. */
function wordList(): string[] {
  const rand = rng('crack-words');
  const [c, v] = ['bcdfghjklmnprstvwz', 'aeiou'];
  const pick = (s: string): string => s[Math.floor(rand() * s.length)] ?? 'a';
  const words = new Set<string>();
  while (words.size < WORDS) {
    let w = '';
    const syllables = 2 + Math.floor(rand() * 3);
    for (let i = 0; i < syllables; i++) w += pick(c) + pick(v) + (rand() < 0.3 ? pick(c) : '');
    words.add(w);
  }
  return [...words];
}

/** `1`, `07`, `99`, `1850`…`2030`, each bare or followed by one of eight symbols. */
const SUFFIXES = [...Array.from({ length: 100 }, (_, i) => String(i)), ...Array.from({ length: 181 }, (_, i) => String(1850 + i))].flatMap((n) =>
  ['', '!', '#', '@', '$', '%', '&', '*'].map((s) => n + s),
);
const cap = (w: string): string => (w[0] ?? '').toUpperCase() + w.slice(1);

const SUFFIXES_BY_LENGTH = new Map<number, string[]>();
for (const s of SUFFIXES) SUFFIXES_BY_LENGTH.set(s.length, [...(SUFFIXES_BY_LENGTH.get(s.length) ?? []), s]);

/** Every candidate of `length` in the list, word order first (as a cracker walks a list), that starts with `prefix`. */
function* candidates(words: readonly string[], length: number, prefix = ''): Generator<string> {
  for (const w of words) {
    for (const form of [cap(w), w]) {
      if (!(form.startsWith(prefix) || prefix.startsWith(form))) continue;
      for (const s of SUFFIXES_BY_LENGTH.get(length - form.length) ?? []) if ((form + s).startsWith(prefix)) yield form + s;
    }
  }
}

/** Runs `test` on candidates until one returns true for every target or the CPU budget is spent. */
async function attack(gen: Iterable<string>, test: (candidate: string) => Promise<boolean> | boolean, batch = 1, budget = BUDGET_MS): Promise<{ found: string | undefined; tried: number }> {
  const start = process.cpuUsage();
  const spent = (): number => {
    const u = process.cpuUsage(start);
    return (u.user + u.system) / 1000;
  };
  let tried = 0;
  let group: string[] = [];
  for (const c of gen) {
    group.push(c);
    if (group.length < batch) continue;
    const hits = await Promise.all(group.map(async (g) => ((await test(g)) ? g : undefined)));
    tried += group.length;
    group = [];
    const found = hits.find((h) => h !== undefined);
    if (found) return { found, tried };
    if (spent() > budget) break;
  }
  return { found: undefined, tried };
}

describe('fingerprints and reports against a word-list attack', () => {
  const words = wordList();
  const rand = rng('crack-plant');
  // Weak passwords in the style of real ones, drawn from the attacker's own list.
  const planted = [0, 1, 2].map((k) => {
    const w = words[Math.floor(rand() * WORDS)] ?? 'dragon';
    return `${cap(w)}${1850 + Math.floor(rand() * 181)}${['!', '#', '@'][k]}`;
  });
  // One file each: a line hash covers the next 100 characters, so a one-line file is the attacker's best case.
  const lines = planted.map((p, i) => [`db_password = "${p}"`, `PASSWORD=${p}`, `spring.datasource.password=${p}`][i] ?? '');
  const files = ['a.env', 'b.env', 'c.properties'];
  let dir = '';
  let result: ScanResult;
  let json = '';
  let sarif: Log;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kw-crack-'));
    for (const [i, line] of lines.entries()) writeFileSync(join(dir, files[i] ?? ''), `${line}\n`);
    result = await scan(defaultSettings(dir), { logger: silentLogger });
    json = jsonReporter(result);
    sarif = JSON.parse(sarifReporter(result, {})) as Log;
    await addLineHashes(sarif, result.secrets, async (p) => readFileSync(join(dir, p), 'utf8'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('the reports name every planted password, and hold none of them', () => {
    assert.deepEqual(result.secrets.map((s) => secretOf(s)).sort(), [...planted].sort());
    const sarifText = JSON.stringify(sarif);
    for (const p of planted) assert.ok(!json.includes(p) && !sarifText.includes(p));
    for (const s of parseReport(json).secrets) assert.match(s.redacted, /^… \(\d+ chars, #[0-9a-f]{6}\)$/, 'no prefix for a password');
    assert.equal(sarif.runs[0]?.results?.filter((r) => r.partialFingerprints?.primaryLocationLineHash).length, 3, 'the line hashes are there to attack');
  });

  it('recovers none from the JSON report within the CPU budget', async () => {
    for (const s of parseReport(json).secrets) {
      const length = Number(/\((\d+) chars/.exec(s.redacted)?.[1]);
      const out = await attack(candidates(words, length), async (c) => (await slowFingerprint(c)) === s.fingerprint, 4, BUDGET_MS / 3);
      assert.equal(out.found, undefined, `recovered a planted password after ${out.tried} guesses`);
      assert.ok(out.tried < 400, `${out.tried} guesses in ${BUDGET_MS / 3} ms of CPU: the fingerprint is too cheap`);
    }
  });

  it('recovers none from the SARIF line hashes, even knowing the rest of each line', async () => {
    const results = sarif.runs[0]?.results ?? [];
    for (const [i, r] of results.entries()) {
      const hash = r.partialFingerprints?.primaryLocationLineHash;
      const line = lines[files.indexOf(r.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '')] ?? '';
      const secret = planted[lines.indexOf(line)] ?? '';
      const [before, after] = [line.slice(0, line.indexOf(secret)), line.slice(line.indexOf(secret) + secret.length)];
      const out = await attack(candidates(words, secret.length), (c) => lineHashes(`${before}${c}${after}\n`)[0] === hash, 1, BUDGET_MS / 3);
      assert.equal(out.found, undefined, `result ${i}: recovered from the line hash after ${out.tried} guesses`);
    }
  });

  it('control: the same attack on what version 1 published recovers all three within the budget', async () => {
    const shortHash = (s: string): string => createHash('sha256').update('keywarden/redact/v1\0').update(s).digest('hex').slice(0, 8);
    for (const [i, p] of planted.entries()) {
      const ruleId = result.secrets.find((s) => secretOf(s) === p)?.ruleId ?? '';
      // v1: `Liv… (14 chars, #1a2b3c4d)` and sha256(rule id, value) in the same report.
      const prefix = p.slice(0, Math.min(6, Math.floor(p.length / 4)));
      const v1 = { fingerprint: legacyFingerprint(ruleId, p), tag: shortHash(p) };
      const byFingerprint = await attack(candidates(words, p.length, prefix), (c) => legacyFingerprint(ruleId, c) === v1.fingerprint);
      assert.equal(byFingerprint.found, p, `v1 fingerprint: not recovered after ${byFingerprint.tried} guesses`);
      const byTag = await attack(candidates(words, p.length, prefix), (c) => shortHash(c) === v1.tag);
      assert.equal(byTag.found, p);
      // v1 line hash: over the raw line.
      const raw = lineHashes(`${lines[i]}\n`)[0];
      const [before, after] = [lines[i]?.slice(0, lines[i]?.indexOf(p)) ?? '', lines[i]?.slice((lines[i]?.indexOf(p) ?? 0) + p.length) ?? ''];
      const byLine = await attack(candidates(words, p.length, prefix), (c) => lineHashes(`${before}${c}${after}\n`)[0] === raw);
      assert.equal(byLine.found, p, `v1 line hash: not recovered after ${byLine.tried} guesses`);
    }
  });
});
