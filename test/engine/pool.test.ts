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
import { InlineDetector, type Detector } from '../../src/engine/detector.ts';
import { PoolDetector, workerEntry, type PoolRules } from '../../src/engine/pool.ts';
import { compileRuleSet } from '../../src/rules/ruleset.ts';
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

describe('workerEntry', () => {
  it('is worker.ts beside the sources and worker.js beside a bundle', () => {
    assert.equal(workerEntry('file:///repo/src/engine/pool.ts').href, 'file:///repo/src/engine/worker.ts');
    assert.equal(workerEntry('file:///pkg/dist/cli.js').href, 'file:///pkg/dist/worker.js');
    assert.ok(workerEntry().href.endsWith('/src/engine/worker.ts'));
  });
});
