// One shard's report says it is partial wherever a person reads it (the CLI's text report, the job
// summary) and in the SARIF log; an unsharded or merged report does not.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Log } from 'sarif';
import { detectFragment } from '../../src/core/detect.ts';
import { groupMatches } from '../../src/core/group.ts';
import { emptyStats, type ScanResult } from '../../src/core/types.ts';
import { renderJobSummary } from '../../src/reporters/job-summary.ts';
import { sarifReporter } from '../../src/reporters/sarif.ts';
import { textReporter } from '../../src/reporters/text.ts';
import { loadRuleSet } from '../../src/scan.ts';
import { defaultSettings } from '../../src/settings.ts';
import { testFingerprintOf } from '../helpers/report.ts';
import { githubPat } from '../helpers/secrets.ts';

const ruleSet = loadRuleSet(defaultSettings('/tmp'));
const matches = detectFragment({ text: `GITHUB_TOKEN=${githubPat()}\n`, path: 'ci.env' }, ruleSet);
const secrets = await groupMatches(matches, new Map(ruleSet.rules.map((r) => [r.id, r])), testFingerprintOf);
const whole: ScanResult = { secrets, stats: emptyStats(), errors: [], rules: ruleSet.rules };
const shard: ScanResult = { ...whole, shard: { index: 2, count: 4, basis: 'b', config: 'c' } };
const none: ScanResult = { ...shard, secrets: [] };
const summaryCtx = { repoUrl: 'https://github.test/acme/app', headSha: 'a'.repeat(40), scanned: 'the git history' };

describe('partial shard reports', () => {
  it('the text report (keywarden scan --shard) starts its summary line with "partial: shard I/N", found or not', () => {
    for (const r of [shard, none]) {
      const last = textReporter(r, {}).trim().split('\n').filter((l) => !l.startsWith('Next:')).pop() ?? '';
      assert.match(last, /^partial: shard 2\/4 \(keywarden merge gives the whole scan\) · /);
    }
    assert.doesNotMatch(textReporter(whole, {}), /partial/);
  });

  it('the job summary heads with "partial: shard I/N" and says who reports the whole scan', () => {
    const md = renderJobSummary(shard, summaryCtx);
    assert.match(md, /^## keywarden \(partial: shard 2\/4\): 1 secret found\n/);
    assert.match(md, /> partial: shard 2\/4 of a sharded history scan\. .*the merge job reports the whole scan/);
    assert.match(renderJobSummary(none, summaryCtx), /^## keywarden \(partial: shard 2\/4\): no secrets found\n/);
    assert.doesNotMatch(renderJobSummary(whole, summaryCtx), /partial/);
  });

  it('the SARIF run is marked partial with its shard', () => {
    assert.deepEqual((JSON.parse(sarifReporter(shard, {})) as Log).runs[0]?.properties, { partial: true, shard: '2/4' });
    assert.equal((JSON.parse(sarifReporter(whole, {})) as Log).runs[0]?.properties, undefined);
  });

  it('a line hash a shard carried over is emitted as primaryLocationLineHash', () => {
    const first = secrets[0];
    assert.ok(first);
    const carried: ScanResult = { ...whole, secrets: [{ ...first, occurrences: first.occurrences.map((o) => ({ ...o, lineHash: '0123456789abcdef:1' })) }] };
    const results = (JSON.parse(sarifReporter(carried, {})) as Log).runs[0]?.results ?? [];
    assert.equal(results[0]?.partialFingerprints?.primaryLocationLineHash, '0123456789abcdef:1');
    assert.equal(((JSON.parse(sarifReporter(whole, {})) as Log).runs[0]?.results ?? [])[0]?.partialFingerprints?.primaryLocationLineHash, undefined);
  });
});
