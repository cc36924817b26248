// The README's sharded-history workflow must be what the CLI accepts: every keywarden command in its
// `run:` steps parses, the scan steps cover shards 1..N of one split, and merge reads what they write.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { parseScanArgs } from '../../src/cli/args.ts';
import { readmeSection } from '../helpers/readme.ts';

interface Step {
  run?: string;
  uses?: string;
  with?: Record<string, unknown>;
}
interface Job {
  needs?: string;
  strategy?: { matrix: { shard: number[] } };
  steps: Step[];
}

const section = readmeSection('GitHub Action');
const sharded = section.slice(section.indexOf('### Sharded history scans'));
const block = [...sharded.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] ?? '').find((b) => b.includes('npx keywarden scan')) ?? '';

describe('README: sharded history workflow', () => {
  const wf = parse(block) as { jobs: Record<string, Job> };

  it('has a matrix of shard jobs and a merge job that needs them', () => {
    assert.ok(wf.jobs.shard?.strategy?.matrix.shard.length);
    assert.equal(wf.jobs.merge?.needs, 'shard');
  });

  it('runs scan commands the CLI accepts, one per shard of a single split, and merges their files', () => {
    const shards = wf.jobs.shard?.strategy?.matrix.shard ?? [];
    const scan = wf.jobs.shard?.steps.find((s) => s.run?.includes('keywarden scan'))?.run ?? '';
    const outputs: string[] = [];
    for (const n of shards) {
      const line = scan.replace(/\$\{\{ matrix\.shard \}\}/g, String(n));
      const args = line.replace(/^npx keywarden scan /, '').split(/\s+/);
      const opts = parseScanArgs(args, '/repo', {});
      const t = opts.settings.target;
      assert.equal(t.kind, 'history');
      assert.deepEqual(t.kind === 'history' ? t.shard : undefined, { index: n, count: shards.length });
      assert.equal(opts.format, 'json');
      outputs.push(opts.output ?? '');
    }
    const upload = wf.jobs.shard?.steps.find((s) => s.uses?.startsWith('actions/upload-artifact'));
    assert.equal(upload?.with?.path, 'shard-${{ matrix.shard }}.json');
    const merges = (wf.jobs.merge?.steps ?? []).filter((s) => s.run?.includes('keywarden merge'));
    assert.ok(merges.length >= 1);
    for (const m of merges) {
      const glob = /keywarden merge (\S+)/.exec(m.run ?? '')?.[1] ?? '';
      const re = new RegExp(`^${glob.replace(/\./g, '\\.').replace(/\*/g, '.*')}$`);
      for (const o of outputs) assert.match(o.split('/').pop() ?? '', re, `merge's ${glob} reads ${o}`);
    }
  });
});
