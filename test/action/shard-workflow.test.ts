// The README's sharded history workflow with the Action must be wired the way the Action works: the
// shard jobs' inputs parse to shards 1..N of one split, each uploads the file the Action writes (its
// `shard-report` output) under its own artifact name, the merge job downloads those artifacts to where
// its `shard-reports` input looks, and every `with:` key is an input of action.yml.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parse } from 'yaml';
import { parseInputs } from '../../src/action/inputs.ts';
import { readShardReports } from '../../src/action/merge-job.ts';
import { shardReportPath } from '../../src/action/shard-job.ts';
import { readmeSection } from '../helpers/readme.ts';
import { actionDefaults, ROOT, tempDir } from './harness.ts';

interface Step {
  id?: string;
  uses?: string;
  with?: Record<string, unknown>;
}
interface Job {
  needs?: string | string[];
  permissions?: Record<string, string>;
  strategy?: { 'fail-fast'?: boolean; matrix: { shard: number[] } };
  steps: Step[];
}

const spec = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, unknown>; outputs: Record<string, unknown> };
const section = readmeSection('GitHub Action');
const sharded = section.slice(section.indexOf('### Sharded history scans'));
const block = [...sharded.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] ?? '').find((b) => b.includes('mode: merge')) ?? '';
const wf = parse(block) as { permissions: Record<string, string>; jobs: Record<string, Job> };
const keywarden = (job: Job | undefined): Step | undefined => job?.steps.find((s) => s.uses?.startsWith('keywarden/keywarden@'));
/** The inputs a step gives the Action (matrix values substituted), over action.yml's defaults. */
const withOf = (step: Step | undefined, vars: Record<string, string> = {}): Record<string, string> => ({
  ...actionDefaults(),
  ...Object.fromEntries(Object.entries(step?.with ?? {}).map(([k, v]) => [k, String(v).replace(/\$\{\{ matrix\.(\w+) \}\}/g, (_, name: string) => vars[name] ?? '')])),
});
const globRe = (glob: string): RegExp => new RegExp(`^${glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);

describe('README: sharded history workflow with the Action', () => {
  const shardJob = wf.jobs.shard;
  const mergeJob = Object.values(wf.jobs).find((j) => keywarden(j)?.with?.mode === 'merge');
  const shards = shardJob?.strategy?.matrix.shard ?? [];
  const tmp = tempDir('kw-shard-wf-');
  after(() => tmp.cleanup());

  it('gives keywarden only inputs action.yml declares', () => {
    for (const job of Object.values(wf.jobs)) for (const key of Object.keys(keywarden(job)?.with ?? {})) assert.ok(key in spec.inputs, `with: ${key}`);
  });

  it('runs shards 1..N of one split, with the full history, none cancelling the others', () => {
    assert.deepEqual(shards, Array.from({ length: shards.length }, (_, i) => i + 1));
    assert.ok(shards.length >= 2);
    assert.equal(shardJob?.strategy?.['fail-fast'], false);
    assert.equal(shardJob?.steps.find((s) => s.uses?.startsWith('actions/checkout@'))?.with?.['fetch-depth'], 0);
    for (const n of shards) {
      const settings = parseInputs((name) => withOf(keywarden(shardJob), { shard: String(n) })[name] ?? '', '/ws');
      assert.deepEqual(settings.shard, { index: n, count: shards.length });
    }
  });

  it('uploads each shard\'s report (the shard-report output) under its own artifact name, and merges exactly those', async () => {
    const step = keywarden(shardJob);
    const upload = shardJob?.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    assert.ok(step?.id && 'shard-report' in spec.outputs);
    assert.equal(upload?.with?.path, `\${{ steps.${step.id}.outputs.shard-report }}`);
    const names = shards.map((n) => withOf(upload, { shard: String(n) }).name ?? '');
    assert.equal(new Set(names).size, shards.length, 'one artifact per shard');
    assert.ok(mergeJob, 'a job runs the Action with mode: merge');
    assert.ok([mergeJob.needs].flat().includes('shard'), 'the merge job waits for the shards');
    const download = mergeJob.steps.find((s) => s.uses?.startsWith('actions/download-artifact@'));
    const pattern = String(download?.with?.pattern ?? '');
    for (const name of names) assert.match(name, globRe(pattern), `download-artifact's pattern ${pattern} takes ${name}`);
    assert.equal(download?.with?.['merge-multiple'], true, 'one directory of reports');
    // What the steps would leave: each shard's file (its basename: a one-file artifact keeps only that)
    // in the download path; the merge job's own inputs must find all of them.
    const ws = join(tmp.path, 'ws');
    const dir = join(ws, String(download?.with?.path ?? '.'));
    mkdirSync(dir, { recursive: true });
    for (const n of shards) {
      const shard = { index: n, count: shards.length, basis: 'b', config: 'c' };
      writeFileSync(join(dir, basename(shardReportPath('/ws', shard))), JSON.stringify({ tool: 'keywarden', shard, secrets: [], stats: {}, errors: [] }));
    }
    const settings = parseInputs((name) => withOf(keywarden(mergeJob))[name] ?? '', ws);
    const reports = await readShardReports(settings);
    assert.deepEqual(reports.map((r) => r.shard.index).sort(), shards);
  });

  it('grants write permissions to the merge job only: it alone uploads and opens the incident issue', () => {
    assert.deepEqual(wf.permissions, { contents: 'read' });
    assert.equal(shardJob?.permissions, undefined);
    assert.equal(mergeJob?.permissions?.issues, 'write');
    assert.equal(mergeJob?.permissions?.['security-events'], 'write');
    assert.equal(keywarden(mergeJob)?.with?.['upload-sarif'], true);
  });
});
