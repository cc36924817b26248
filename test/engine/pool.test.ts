// The worker-thread detector gives the same findings as the inline one (secrets re-attached after
// postMessage dropped them), stays in this thread for small scans, and survives a broken worker.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import { secretOf } from '../../src/core/match.ts';
import type { Match, Fragment } from '../../src/core/types.ts';
import { builtinRuleSpecs } from '../../src/data/builtin.ts';
import { detectAll as detectHere, detectEncodedHere, InlineDetector, type DecodedMatches, type Detector } from '../../src/engine/detector.ts';
import { packResults, PoolDetector, type PoolResult, type PoolRules, unpackResults, workerEntry } from '../../src/engine/pool.ts';
import { compileRuleSet } from '../../src/rules/ruleset.ts';
import type { EncodedFragment } from '../../src/sources/source.ts';
import { gen, githubPat } from '../helpers/secrets.ts';

const rules: PoolRules = { specs: builtinRuleSpecs(), options: {} };
const ruleSet = compileRuleSet(rules.specs, rules.options);
const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const fragments: Fragment[] = Array.from({ length: 40 }, (_, i) => ({
  path: `f${i}.txt`,
  text: `line one\ntoken = ${githubPat(`pool-${i}`)}\nid=${gen('{{gen:awskey:AKIA}}', `pool-aws-${i}`)}\npassword = "changeme"\nx=ghp_${'x'.repeat(36)}\n`,
  origin: 'history',
  blobId: String(i).padStart(40, '0'),
}));

async function detectAll(detector: Detector): Promise<{ findings: Match[]; skipped: object }> {
  try {
    const lists = await Promise.all(fragments.map((f) => detector.detect(f)));
    return { findings: lists.flat(), skipped: { ...detector.skipped() } };
  } finally {
    await detector.close();
  }
}

function view(findings: Match[]): object[] {
  return findings.map((f) => ({ ...f, secret: secretOf(f) }));
}

describe('PoolDetector', () => {
  it('finds what the inline detector finds, secrets included', async () => {
    const inline = await detectAll(new InlineDetector(ruleSet));
    const pooled = await detectAll(new PoolDetector(ruleSet, { threads: 2, rules, inlineBytes: 0 }));
    assert.ok(inline.findings.length >= 80);
    assert.deepEqual(view(pooled.findings), view(inline.findings));
    assert.deepEqual(pooled.skipped, inline.skipped);
  });

  it('keeps small scans in this thread (no worker is started)', async () => {
    const warnings: string[] = [];
    const entry = new URL('file:///nonexistent/worker.js');
    const pooled = await detectAll(new PoolDetector(ruleSet, { threads: 2, rules, entry, onWarning: (m) => void warnings.push(m) }));
    assert.equal(pooled.findings.length, (await detectAll(new InlineDetector(ruleSet))).findings.length);
    assert.deepEqual(warnings, []);
  });

  it('falls back to this thread when workers fail, with a warning', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kw-pool-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'broken.mjs'), 'throw new Error("broken worker");\n');
    const warnings: string[] = [];
    const pooled = await detectAll(new PoolDetector(ruleSet, { threads: 2, rules, inlineBytes: 0, entry: pathToFileURL(join(dir, 'broken.mjs')), onWarning: (m) => void warnings.push(m) }));
    const inline = await detectAll(new InlineDetector(ruleSet));
    assert.deepEqual(view(pooled.findings), view(inline.findings));
    assert.match(warnings.join('\n'), /detector worker failed \(broken worker\)/);
  });
});

/** The fragments as bytes, with a binary blob, an invalid UTF-8 one, a UTF-16 one and an empty one among them. */
const encoded: EncodedFragment[] = [
  ...fragments.map(({ text, ...rest }) => ({ ...rest, bytes: new Uint8Array(Buffer.from(text)) })),
  { path: 'bin/data.bin', origin: 'history', blobId: 'b'.repeat(40), bytes: new Uint8Array(Buffer.from(Buffer.from([0, 1, 2, 0, 3, 0, 0, 4, 5, 0]).toString('latin1').repeat(30), 'latin1')) },
  { path: 'latin1.env', origin: 'history', blobId: 'c'.repeat(40), bytes: new Uint8Array(Buffer.from(`caf\xe9\ntoken = ${githubPat('pool-latin1')}\n`, 'latin1')) },
  { path: 'utf16.env', origin: 'history', blobId: 'd'.repeat(40), bytes: new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`token = ${githubPat('pool-utf16')}\n`, 'utf16le')])) },
  { path: 'empty.txt', origin: 'history', blobId: 'e'.repeat(40), bytes: new Uint8Array(0) },
];

async function detectAllEncoded(detector: PoolDetector): Promise<{ results: object[]; skipped: object }> {
  try {
    // Each call gets its own copy, overwritten at once: the detector must copy or decode the bytes before it returns.
    const results = await Promise.all(
      encoded.map((f) => {
        const bytes = Uint8Array.from(f.bytes);
        const p = detector.detectEncoded({ ...f, bytes });
        bytes.fill(0x41);
        return p;
      }),
    );
    return { results: results.map((r: DecodedMatches) => ({ ...r, matches: view(r.matches) })), skipped: { ...detector.skipped() } };
  } finally {
    await detector.close();
  }
}

function inlineEncoded(): { results: object[]; skipped: object } {
  const skipped = {};
  const results = encoded.map((f) => detectEncodedHere(f, ruleSet, skipped));
  return { results: results.map((r) => ({ ...r, matches: view(r.matches) })), skipped };
}

describe('PoolDetector with encoded fragments (bytes decoded where they are scanned)', () => {
  it('decodes and detects in the worker as this thread would: findings, text length, binary and invalid UTF-8 skips', async () => {
    const here = inlineEncoded();
    const pooled = await detectAllEncoded(new PoolDetector(ruleSet, { threads: 2, rules, inlineBytes: 0 }));
    assert.deepEqual(pooled, here);
    const skips = here.results.flatMap((r) => (r as DecodedMatches).skips);
    assert.deepEqual(skips.sort(), ['binary', 'invalid-utf8-decoded']);
    assert.ok(here.results.some((r) => (r as DecodedMatches).chars === undefined), 'the binary blob has no text');
    assert.ok((here.results as DecodedMatches[]).filter((r) => r.matches.length > 0).length >= 42, 'the UTF-16 and Latin-1 blobs are scanned too');
  });

  it('detects the bytes in the ring here when the worker fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kw-pool-'));
    dirs.push(dir);
    // A worker that takes its batches and never answers, then dies: the bytes are only in the ring.
    writeFileSync(join(dir, 'dying.mjs'), 'import { parentPort } from "node:worker_threads";\nparentPort.on("message", () => setTimeout(() => process.exit(3), 50));\n');
    const warnings: string[] = [];
    const pooled = await detectAllEncoded(new PoolDetector(ruleSet, { threads: 2, rules, inlineBytes: 0, entry: pathToFileURL(join(dir, 'dying.mjs')), onWarning: (m) => void warnings.push(m) }));
    assert.deepEqual(pooled, inlineEncoded());
    assert.match(warnings.join('\n'), /detector worker failed \(exited with code 3\)/);
  });
});

describe('detectAll', () => {
  it('does not look at the text when no rule is on (every rule disabled)', () => {
    const none = compileRuleSet([], {});
    const untouchable = { path: 'a.txt', get text(): string { throw new Error('text read'); } };
    assert.deepEqual(detectHere(untouchable, none, {}), []);
    assert.throws(() => detectHere(untouchable, ruleSet, {}), /text read/);
  });
});

describe('workerEntry', () => {
  it('is worker.ts beside the sources and worker.js beside a bundle', () => {
    assert.equal(workerEntry('file:///repo/src/engine/pool.ts').href, 'file:///repo/src/engine/worker.ts');
    assert.equal(workerEntry('file:///pkg/dist/cli.js').href, 'file:///pkg/dist/worker.js');
    assert.ok(workerEntry().href.endsWith('/src/engine/worker.ts'));
  });
});

describe('packResults', () => {
  it("sends the quiet results of a batch as two arrays, the others whole, and unpacks to the same results", () => {
    const finding = { ruleId: 'r' } as unknown as Match;
    const results: PoolResult[] = [
      { id: 1, findings: [], secrets: [], chars: 10 },
      { id: 2, findings: [finding], secrets: ['s'], chars: 20 },
      { id: 3, findings: [], secrets: [] },
      { id: 4, error: 'boom' },
      { id: 5, findings: [], secrets: [], skips: ['binary'] },
      { id: 6, findings: [], secrets: [], chars: 0, skips: [] },
    ];
    const packed = packResults(results);
    assert.deepEqual(packed.quiet, [1, 3, 6]);
    assert.deepEqual(packed.chars, [10, -1, 0]);
    assert.deepEqual(
      packed.results.map((r) => r.id),
      [2, 4, 5],
    );
    const byId = (rs: PoolResult[]) => [...rs].sort((a, b) => a.id - b.id);
    const expected = results.map((r) => ('skips' in r && r.skips?.length === 0 ? { id: r.id, findings: [], secrets: [], chars: 0 } : r));
    assert.deepEqual(byId(unpackResults(structuredClone(packed))), byId(expected));
  });
});
