// syncIncident in-process against the fake API: the cap, other contexts, closed issues, state encoding.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { withSecret } from '../../src/core/match.ts';
import type { Secret } from '../../src/core/types.ts';
import { builtinPlaybooks } from '../../src/data/builtin.ts';
import { decodeState, encodeState, stateFor } from '../../src/github/incident-state.ts';
import { syncIncident, type IncidentOptions } from '../../src/github/incident.ts';
import { FakeGitHub } from '../action/fake-github.ts';
import { testClient } from './client.ts';

let n = 0;
/** A secret with a unique fingerprint (no raw value is needed: nothing here renders one). */
function finding(playbook: string, path = `src/f${n}.env`, severity: Secret['severity'] = 'high'): Secret {
  n++;
  const fp = n.toString(16).padStart(40, '0');
  return withSecret(
    { fingerprint: fp, type: playbook, ruleId: `${playbook}-rule`, ruleName: `${playbook} rule`, severity, confidence: 'high', redacted: `x… (10 chars, #${fp.slice(-6)})`, occurrences: [{ path, line: 1, column: 1, endLine: 1, endColumn: 10 }] },
    `never-rendered-${n}`,
  );
}

describe('syncIncident', () => {
  const fake = new FakeGitHub();
  const set = builtinPlaybooks();
  const options = (over: Partial<IncidentOptions> = {}): IncidentOptions => ({ repo: { owner: 'acme', repo: 'app' }, context: 'history', playbooks: set, maxSecrets: 50, ...over });
  before(() => fake.start());
  after(() => fake.close());

  it('caps listed secrets but keeps one per type; the rest are counted by type', async () => {
    fake.issues.clear();
    const findings = [...Array.from({ length: 6 }, () => finding('aws', undefined, 'critical')), finding('github'), finding('password', undefined, 'low')];
    const out = await syncIncident(testClient(fake.url), findings, options({ maxSecrets: 2 }));
    assert.equal(out.action, 'created');
    assert.equal(out.added, 8);
    const issue = fake.issuesOf('acme/app')[0];
    assert.ok(issue);
    assert.equal((issue.body.match(/^- \[ \] /gm) ?? []).length, 3, 'aws, github and password each listed once');
    assert.match(issue.body, /> \*\*8 secrets\.\*\* The 3 listed below include every type; 5 more are counted, not listed: 5 × AWS access key/);
    assert.match(issue.title, /^Leaked secrets: 8 \(AWS access key, GitHub token, Password\) in the git history$/);
    const state = decodeState(issue.body);
    assert.equal(Object.keys(state?.more ?? {}).length, 5);
    const again = await syncIncident(testClient(fake.url), findings, options({ maxSecrets: 2 }));
    assert.equal(again.action, 'unchanged', 'counted secrets are known secrets too');
    assert.deepEqual(again.freshFingerprints, []);
  });

  it('a secret tracked by an open issue of another context is not reported again', async () => {
    fake.issues.clear();
    const shared = finding('github');
    await syncIncident(testClient(fake.url), [shared], options({ context: 'branch:main' }));
    const out = await syncIncident(testClient(fake.url), [shared, finding('aws')], options({ context: 'history' }));
    assert.equal(out.action, 'created');
    assert.equal(out.added, 1);
    assert.equal(fake.issuesOf('acme/app')[1]?.body.includes(shared.fingerprint), false);
  });

  it('warns when the created issue lacks the label later runs look for', async () => {
    fake.issues.clear();
    const client = testClient(fake.url);
    const dropLabels = { ...client, request: async <T,>(route: string, params?: Record<string, unknown>) => client.request<T>(route, route.startsWith('POST') ? { ...params, labels: [] } : params) };
    const out = await syncIncident(dropLabels, [finding('aws')], options());
    assert.match(out.warnings.join('\n'), /without the "keywarden" label/);
  });

  it('nothing to report: no issue and a single listing request', async () => {
    fake.issues.clear();
    const before = fake.requests.length;
    const out = await syncIncident(testClient(fake.url), [], options());
    assert.equal(out.action, 'none');
    assert.deepEqual(fake.requests.slice(before).map((r) => r.method), ['GET']);
  });
});

describe('incident state', () => {
  it('round-trips through the body and cannot be closed early by a path', () => {
    const f = finding('aws', 'evil-->path/<b>.env');
    const marker = encodeState(stateFor('branch:main', [f]));
    assert.equal(marker.indexOf('-->'), marker.length - 3, 'only the real end of the comment');
    const back = decodeState(`text\n${marker}\nmore`);
    assert.equal(back?.secrets[0]?.locs[0]?.[0], 'evil-->path/<b>.env');
    assert.equal(back?.context, 'branch:main');
  });

  it('ignores bodies without state or with broken state', () => {
    assert.equal(decodeState('no marker'), undefined);
    assert.equal(decodeState('<!-- keywarden:incident-state {"v":2} -->'), undefined);
    assert.equal(decodeState('<!-- keywarden:incident-state {not json} -->'), undefined);
  });
});
