// The reusable organisation-scan workflows, checked structurally: inputs and secret, minimal
// permissions, jobs and needs, matrices fed by fromJSON of the plan job's outputs (which `keywarden
// org-plan --github-output` really writes: its plan step is run against the fake API), the Action given
// only its own inputs, and artifact names that the merge job's pattern finds.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { orgPlanCommand } from '../../src/cli/commands/org-plan.ts';
import { planOrg, repoFilter } from '../../src/org/plan.ts';
import { FakeGitHub } from '../action/fake-github.ts';
import { FAKE_TOKEN, parseOutputs, ROOT, tempDir } from '../action/harness.ts';
import { readmeSection } from '../helpers/readme.ts';

interface Step {
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface Job {
  needs?: string | string[];
  if?: string;
  uses?: string;
  with?: Record<string, string>;
  secrets?: Record<string, string>;
  permissions?: unknown;
  outputs?: Record<string, string>;
  strategy?: { 'fail-fast'?: boolean; matrix: Record<string, unknown> };
  steps?: Step[];
}
interface Workflow {
  on: { workflow_call: { inputs: Record<string, { required?: boolean; default?: unknown; type: string }>; secrets: Record<string, { required?: boolean }> } };
  permissions: unknown;
  jobs: Record<string, Job>;
}

const read = (name: string): { text: string; wf: Workflow } => {
  const text = readFileSync(join(ROOT, '.github', 'workflows', name), 'utf8');
  return { text, wf: parse(text) as Workflow };
};
const org = read('org-scan.yml');
const batch = read('org-scan-batch.yml');
const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, unknown>; outputs: Record<string, unknown> };
const keywarden = (job: Job | undefined): Step | undefined => job?.steps?.find((s) => s.uses?.startsWith('keywarden/keywarden@'));
const globRe = (glob: string): RegExp => new RegExp(`^${glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
const subst = (text: string, vars: Record<string, string>): string => text.replace(/\$\{\{ matrix\.(\w+) \}\}/g, (_, k: string) => vars[k] ?? '');

describe('.github/workflows/org-scan.yml (reusable organisation scan)', () => {
  const fake = new FakeGitHub();
  const tmp = tempDir('kw-org-wf-');
  before(async () => {
    await fake.start();
    fake.orgRepos.set('acme', [
      { full_name: 'acme/api', name: 'api', size: 10 },
      { full_name: 'acme/mono', name: 'mono', size: 2500 * 1024 },
      { full_name: 'acme/old', name: 'old', size: 10, archived: true },
    ]);
  });
  after(async () => {
    await fake.close();
    tmp.cleanup();
  });

  it('is called with an organisation, a repository filter, an incident repository, the shard threshold and a token', () => {
    const { inputs, secrets } = org.wf.on.workflow_call;
    assert.equal(inputs.org?.required, true);
    for (const name of ['repositories', 'incident-repo', 'shard-size-mb', 'max-shards', 'include-archived', 'fail-on']) assert.ok(inputs[name] && inputs[name].required !== true, `optional input ${name}`);
    assert.equal(secrets.token?.required, true);
    assert.equal(batch.wf.on.workflow_call.inputs.entries?.required, true);
    assert.equal(batch.wf.on.workflow_call.secrets.token?.required, true);
  });

  it('asks for no more than contents: read; the writes are done with the token', () => {
    for (const wf of [org.wf, batch.wf]) {
      assert.deepEqual(wf.permissions, { contents: 'read' });
      for (const job of Object.values(wf.jobs)) assert.equal(job.permissions, undefined);
    }
  });

  it('plans first, then fans out the batches and the merges from fromJSON of the plan outputs', () => {
    const { plan, batch: batches, merge } = org.wf.jobs;
    assert.ok(plan && batches && merge);
    assert.equal(batches.needs, 'plan');
    assert.equal(batches.if, "needs.plan.outputs.batches != '[]'");
    assert.equal(batches.strategy?.matrix.batch, '${{ fromJSON(needs.plan.outputs.batches) }}');
    assert.equal(batches.strategy?.['fail-fast'], false);
    assert.match(batches.uses ?? '', /^keywarden\/keywarden\/\.github\/workflows\/org-scan-batch\.yml@/);
    assert.equal(batches.with?.entries, '${{ toJSON(fromJSON(needs.plan.outputs.plan)[matrix.batch]) }}');
    assert.equal(batches.secrets?.token, '${{ secrets.token }}');
    for (const key of Object.keys(batches.with ?? {})) assert.ok(key in batch.wf.on.workflow_call.inputs, `batch workflow input ${key}`);
    assert.deepEqual([merge.needs].flat().sort(), ['batch', 'plan']);
    assert.match(merge.if ?? '', /!cancelled\(\)/, 'a failed repository does not stop the merges of the others');
    assert.equal(merge.strategy?.matrix.include, '${{ fromJSON(needs.plan.outputs.merges) }}');
    for (const [name, value] of Object.entries(plan.outputs ?? {})) assert.equal(value, `\${{ steps.plan.outputs.${name} }}`);
  });

  it("the plan step's command runs and writes every output the plan job passes on", async () => {
    const step = org.wf.jobs.plan?.steps?.find((s) => s.id === 'plan');
    const inputs = org.wf.on.workflow_call.inputs;
    const vars: Record<string, string> = { ORG: 'acme', REPOSITORIES: String(inputs.repositories?.default) };
    const line = (step?.run ?? '')
      .replace(/\$\{\{ inputs\.include-archived && '([^']+)' \|\| '' \}\}/, '')
      .replace(/\$\{\{ inputs\.([\w-]+) \}\}/g, (_, k: string) => String(inputs[k]?.default ?? ''))
      .replace(/"\$(\w+)"/g, (_, k: string) => vars[k] ?? '')
      .replace(/\s*>\s*\S+$/, '');
    const [node, cli, command, ...args] = line.trim().split(/\s+/);
    assert.deepEqual([node, cli, command], ['node', '.keywarden/dist/cli.js', 'org-plan']);
    assert.deepEqual(Object.keys(step?.env ?? {}).sort(), ['GITHUB_TOKEN', 'ORG', 'REPOSITORIES']);
    const output = join(tmp.path, 'output');
    writeFileSync(output, '');
    let stderr = '';
    const io = { stdout: () => {}, stderr: (t: string) => void (stderr += t), cwd: tmp.path, env: { GITHUB_API_URL: fake.url, GITHUB_TOKEN: FAKE_TOKEN, GITHUB_OUTPUT: output }, isTTY: false, stderrIsTTY: false };
    assert.equal(await orgPlanCommand(args, io), 0, stderr);
    const outputs = parseOutputs(readFileSync(output, 'utf8'));
    for (const name of Object.keys(org.wf.jobs.plan?.outputs ?? {})) assert.ok(outputs[name] !== undefined, `org-plan writes ${name}`);
    assert.equal(JSON.parse(outputs.plan ?? '[]').flat().length, 4, 'api + mono in 3 shards; old is archived');
  });

  it('each batch job checks out its repository with the full history and runs the Action on it, a shard when planned', () => {
    const scan = batch.wf.jobs.scan;
    assert.equal(scan?.strategy?.matrix.include, '${{ fromJSON(inputs.entries) }}');
    assert.equal(scan?.strategy?.['fail-fast'], false);
    const checkout = scan?.steps?.find((s) => s.uses?.startsWith('actions/checkout@'));
    assert.deepEqual(checkout?.with, { repository: '${{ matrix.repo }}', token: '${{ secrets.token }}', 'fetch-depth': 0, 'persist-credentials': false });
    const step = keywarden(scan);
    for (const key of Object.keys(step?.with ?? {})) assert.ok(key in action.inputs, `with: ${key} is an input of action.yml`);
    assert.equal(step?.with?.repository, '${{ matrix.repo }}');
    assert.equal(step?.with?.shard, '${{ matrix.shard }}');
    assert.equal(step?.with?.shards, '${{ matrix.shards }}');
    assert.equal(step?.with?.['incident-repo'], '${{ inputs.incident-repo }}');
    assert.equal(step?.with?.token, '${{ secrets.token }}');
  });

  it("every sharded repository's shard artifacts are what its merge job downloads and merges, and only those", () => {
    const upload = batch.wf.jobs.scan?.steps?.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    assert.equal(upload?.if, "matrix.shards != ''");
    assert.ok('shard-report' in action.outputs);
    assert.equal(upload?.with?.path, `\${{ steps.${keywarden(batch.wf.jobs.scan)?.id}.outputs.shard-report }}`);
    const merge = org.wf.jobs.merge;
    const download = merge?.steps?.find((s) => s.uses?.startsWith('actions/download-artifact@'));
    const step = keywarden(merge);
    for (const key of Object.keys(step?.with ?? {})) assert.ok(key in action.inputs, `with: ${key} is an input of action.yml`);
    assert.equal(step?.with?.mode, 'merge');
    assert.equal(step?.with?.['shard-reports'], download?.with?.path);
    assert.equal(download?.with?.['merge-multiple'], true);
    assert.equal(step?.with?.repository, '${{ matrix.repo }}');
    const plan = planOrg(
      [
        { full_name: 'acme/mono', name: 'mono', size: 3000 * 1024 },
        { full_name: 'acme/mono-web', name: 'mono-web', size: 5000 * 1024 },
        // Its artifacts start like mono's: the '@' (never in a repository name) keeps them apart.
        { full_name: 'acme/mono-shard-2', name: 'mono-shard-2', size: 2000 * 1024 },
        { full_name: 'acme/api', name: 'api', size: 10 },
      ],
      { shardSizeKb: 1000 * 1024, maxShards: 16 },
    );
    const artifacts = plan.batches.flat().filter((e) => e.shards !== '').map((e) => ({ e, name: subst(String(upload?.with?.name), { ...e }) }));
    assert.equal(new Set(artifacts.map((a) => a.name)).size, artifacts.length, 'artifact names are unique in the run');
    for (const m of plan.merges) {
      const pattern = globRe(subst(String(download?.with?.pattern), { ...m }));
      const taken = artifacts.filter((a) => pattern.test(a.name)).map((a) => a.e);
      assert.deepEqual(taken.map((e) => `${e.repo} ${e.shard}/${e.shards}`), Array.from({ length: Number(m.shards) }, (_, i) => `${m.repo} ${i + 1}/${m.shards}`));
    }
    const used = new Set([...batch.text.matchAll(/matrix\.(\w+)/g)].map((x) => x[1]));
    for (const key of used) assert.ok(key && key in (plan.batches[0]?.[0] ?? {}), `matrix.${key} is a plan entry field`);
    for (const key of new Set([...JSON.stringify(merge).matchAll(/matrix\.(\w+)/g)].map((x) => x[1]))) assert.ok(key && key in (plan.merges[0] ?? {}), `matrix.${key} is a merge entry field`);
  });
});

describe('README: organisation scan', () => {
  const section = readmeSection('GitHub Action');
  const part = section.slice(section.indexOf('### Organisation scan'), section.indexOf('### Incident issues'));
  const caller = parse(/```yaml\n([\s\S]*?)```/.exec(part)?.[1] ?? '') as { permissions: unknown; jobs: Record<string, Job> };

  it('calls the reusable workflow with its inputs, the required ones included, and the token secret', () => {
    const jobs = Object.values(caller.jobs).filter((j) => j.uses?.includes('/.github/workflows/org-scan.yml@'));
    assert.equal(jobs.length, 1);
    const job = jobs[0];
    assert.match(job?.uses ?? '', /^keywarden\/keywarden\/\.github\/workflows\/org-scan\.yml@v1$/);
    const { inputs, secrets } = org.wf.on.workflow_call;
    for (const key of Object.keys(job?.with ?? {})) assert.ok(key in inputs, `with: ${key} is an input of org-scan.yml`);
    for (const [name, spec] of Object.entries(inputs)) if (spec.required) assert.ok(job?.with?.[name], `required input ${name}`);
    assert.deepEqual(Object.keys(job?.secrets ?? {}), Object.keys(secrets));
    assert.deepEqual(caller.permissions, { contents: 'read' });
  });

  it('its repository filter is one the plan accepts, and names every input of the workflow it documents', () => {
    assert.doesNotThrow(() => repoFilter(String(Object.values(caller.jobs)[0]?.with?.repositories)));
    for (const name of Object.keys(org.wf.on.workflow_call.inputs)) assert.ok(new RegExp(`\`${name}[\`:]`).test(part) || name === 'org' || name === 'fail-on', `the README explains ${name}`);
  });
});
