// SARIF within code scanning's limits: results per run capped by severity, size kept under the gzip
// limit, and the run says what was left out.
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { describe, it } from 'node:test';
import type { Log, Result } from 'sarif';
import { fitSarif } from '../../src/github/sarif-limits.ts';
import { sarifSchemaErrors } from '../helpers/sarif-schema.ts';

const result = (i: number, severity: string): Result => ({
  ruleId: 'r',
  message: { text: `finding ${i} ${'x'.repeat(i % 97)}` },
  locations: [{ physicalLocation: { artifactLocation: { uri: `f${i}.env` }, region: { startLine: 1 } } }],
  properties: { severity, fingerprint: i.toString(16).padStart(32, '0') },
});
const log = (results: Result[]): Log => ({ version: '2.1.0', $schema: 'https://json.schemastore.org/sarif-2.1.0.json', runs: [{ tool: { driver: { name: 'keywarden', rules: [{ id: 'r' }] } }, results }] });
const parsed = (json: string): { runs: { results: Result[]; invocations?: { toolExecutionNotifications: { message: { text: string } }[] }[] }[] } => JSON.parse(json);

describe('fitSarif', () => {
  it('a log within the limits is unchanged', () => {
    const l = log([result(1, 'high')]);
    const fitted = fitSarif(l);
    assert.equal(fitted.omitted, 0);
    assert.equal(fitted.notice, undefined);
    assert.equal(fitted.json, `${JSON.stringify(l, null, 2)}\n`);
  });

  it('30,000 results: the 25,000 of highest severity stay, in scan order, with a notice in the run', () => {
    const severities = ['low', 'critical', 'medium', 'high'];
    const all = Array.from({ length: 30_000 }, (_, i) => result(i, severities[i % 4] ?? 'low'));
    const fitted = fitSarif(log(all));
    const run = parsed(fitted.json).runs[0];
    assert.ok(run);
    assert.equal(run.results.length, 25_000);
    assert.equal(fitted.omitted, 5_000);
    assert.equal(run.results.filter((r) => (r.properties as { severity: string }).severity === 'low').length, 2_500, 'only low ones were dropped');
    const order = run.results.map((r) => Number.parseInt(String((r.properties as { fingerprint: string }).fingerprint), 16));
    assert.deepEqual(order, [...order].sort((a, b) => a - b), 'scan order kept');
    assert.match(run.invocations?.[0]?.toolExecutionNotifications[0]?.message.text ?? '', /found 30,000 secrets; GitHub code scanning accepts at most 25,000 results per run, so the 5,000 of lowest severity are left out/);
    assert.equal(fitted.notice, run.invocations?.[0]?.toolExecutionNotifications[0]?.message.text);
    assert.deepEqual(sarifSchemaErrors(JSON.parse(fitted.json)), []);
  });

  it('over the gzip limit: results are halved until it fits, and the notice names the size limit', () => {
    const all = Array.from({ length: 4_000 }, (_, i) => result(i, i < 100 ? 'critical' : 'medium'));
    const maxGzipped = 20_000;
    const fitted = fitSarif(log(all), { maxResults: 25_000, maxGzipped });
    assert.ok(gzipSync(fitted.json).length <= maxGzipped);
    const kept = parsed(fitted.json).runs[0]?.results ?? [];
    assert.ok(kept.length > 0 && kept.length < 4_000);
    assert.equal(kept.filter((r) => (r.properties as { severity: string }).severity === 'critical').length, Math.min(100, kept.length), 'critical ones kept first');
    assert.equal(fitted.omitted, 4_000 - kept.length);
    assert.match(fitted.notice ?? '', /MB of gzipped SARIF, so the \d[\d,]* of lowest severity/);
  });
});
