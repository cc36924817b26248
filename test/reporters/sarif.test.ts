// SARIF output: valid against the 2.1.0 schema, meets GitHub code scanning's ingestion rules, and
// holds no raw secret.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Log } from 'sarif';
import { detectFragment } from '../../src/core/detect.ts';
import { groupMatches } from '../../src/core/group.ts';
import type { ScanResult } from '../../src/core/types.ts';
import { emptyStats } from '../../src/core/types.ts';
import { sarifReporter } from '../../src/reporters/sarif.ts';
import { loadRuleSet } from '../../src/scan.ts';
import { defaultSettings } from '../../src/settings.ts';
import { MULTITOOL_DIR, sarifSchemaErrors } from '../helpers/sarif-schema.ts';
import { testFingerprintOf } from '../helpers/report.ts';
import { awsKeyId, githubPat } from '../helpers/secrets.ts';

/** Two secrets; the GitHub token (from history) in two places. */
async function sample(): Promise<{ result: ScanResult; secrets: string[] }> {
  const ruleSet = loadRuleSet(defaultSettings('/tmp'));
  const secrets = [githubPat(), awsKeyId()];
  const matches = detectFragment({ text: `GITHUB_TOKEN=${secrets[0]}\naws_access_key_id = ${secrets[1]}\n`, path: 'src/app config.env' }, ruleSet);
  const copy = detectFragment({ text: `\n\nT=${secrets[0]}`, path: 'old/ci.env' }, ruleSet);
  const commit = { sha: 'a'.repeat(40), date: '2024-05-01T10:00:00Z', author: 'Dev' };
  for (const m of [...matches, ...copy]) if (m.ruleId === 'github-pat') Object.assign(m, { commit, inHead: true });
  const grouped = await groupMatches([...matches, ...copy], new Map(ruleSet.rules.map((r) => [r.id, r])), testFingerprintOf);
  return { result: { secrets: grouped, stats: emptyStats(), errors: [], rules: ruleSet.rules }, secrets };
}

const { result, secrets } = await sample();

describe('SARIF reporter', () => {
  const text = sarifReporter(result, { category: 'keywarden/pr' });
  const log = JSON.parse(text) as Log;

  it('validates against the SARIF 2.1.0 schema', () => {
    assert.deepEqual(sarifSchemaErrors(log), []);
  });

  it('contains no raw secret', () => {
    for (const s of secrets) assert.ok(!text.includes(s), 'raw secret in SARIF');
  });

  it('meets GitHub code scanning requirements', () => {
    assert.equal(log.runs.length, 1);
    const run = log.runs[0];
    assert.ok(run);
    assert.equal(run.tool.driver.name, 'keywarden');
    assert.ok(run.tool.driver.semanticVersion);
    assert.equal(run.automationDetails?.id, 'keywarden/pr/');
    for (const rule of run.tool.driver.rules ?? []) {
      assert.ok(rule.shortDescription?.text && rule.fullDescription?.text && rule.help?.text, `${rule.id} descriptions`);
      assert.ok((rule.fullDescription?.text.length ?? 0) <= 1024);
      assert.match(String(rule.properties?.['security-severity']), /^\d+(\.\d+)?$/);
      assert.ok((rule.properties?.tags as string[] | undefined)?.includes('security'));
    }
    assert.equal(run.results?.length, 3, 'one result per occurrence');
    for (const r of run.results ?? []) {
      const loc = r.locations?.[0]?.physicalLocation;
      assert.ok(loc?.artifactLocation?.uri && !/^[a-z]+:/i.test(loc.artifactLocation.uri), 'relative URI');
      assert.match(loc?.artifactLocation?.uri ?? '', /^(src\/app%20config\.env|old\/ci\.env)$/);
      assert.ok(loc?.region?.startLine && loc.region.startColumn);
      assert.match(r.partialFingerprints?.['keywarden/secret/v2'] ?? '', /^[0-9a-f]{40}$/);
      assert.equal(run.tool.driver.rules?.[r.ruleIndex ?? -1]?.id, r.ruleId);
    }
  });

  it('gives every occurrence of one secret the secret\'s fingerprint', () => {
    const gh = (log.runs[0]?.results ?? []).filter((r) => r.ruleId === 'github-pat');
    assert.equal(gh.length, 2);
    assert.equal(new Set(gh.map((r) => r.partialFingerprints?.['keywarden/secret/v2'])).size, 1);
    assert.equal(gh[0]?.properties?.occurrences, 2);
  });

  it('carries commit, author date and first path for history secrets', () => {
    const props = log.runs[0]?.results?.find((r) => r.ruleId === 'github-pat')?.properties ?? {};
    assert.equal(props.commit, 'a'.repeat(40));
    assert.equal(props.authorDate, '2024-05-01T10:00:00Z');
    assert.equal(props.firstIntroducedPath, 'src/app config.env');
    assert.equal(props.inHead, true);
  });

  const multitool = MULTITOOL_DIR ? join(MULTITOOL_DIR, 'Sarif.Multitool') : '';
  it('passes the SARIF multitool with GitHub ingestion rules, without a warning', { skip: !multitool || !existsSync(multitool) ? 'sarif multitool binary not installed' : false }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'kw-sarif-'));
    writeFileSync(join(dir, 'in.sarif'), text);
    const r = spawnSync(multitool, ['validate', join(dir, 'in.sarif'), '--rule-kind', 'Sarif;Gh', '-o', join(dir, 'out.sarif'), '--log', 'ForceOverwrite'], { encoding: 'utf8', env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' } });
    assert.ok(existsSync(join(dir, 'out.sarif')), `multitool produced no output: ${r.stdout}${r.stderr}`);
    const out = JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8')) as Log;
    // Errors and warnings alike: a compliant file produces no result at all.
    const problems = (out.runs[0]?.results ?? []).map((x) => `${x.level ?? 'warning'} ${x.ruleId}: ${x.message.text ?? x.message.id} ${JSON.stringify(x.message.arguments ?? [])}`);
    assert.deepEqual(problems, []);
  });
});
