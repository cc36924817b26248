// The README's GitHub Action section must match action.yml: every `with:` key given to keywarden in its YAML blocks is an
// input, every input is in the inputs table, and the workflows declare the permissions they need.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { ROOT } from './harness.ts';
import { readmeSection } from '../helpers/readme.ts';

const doc = readmeSection('GitHub Action');
const spec = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, unknown>; outputs: Record<string, unknown>; runs: { using: string; main: string } };
const inputs = new Set(Object.keys(spec.inputs));

interface Step {
  uses?: string;
  with?: Record<string, unknown>;
}

/** Removes the common indentation of a snippet (steps quoted from inside a workflow). */
function dedent(text: string): string {
  const indent = Math.min(...text.split('\n').filter((l) => l.trim()).map((l) => /^ */.exec(l)?.[0].length ?? 0));
  return text.replace(new RegExp(`^ {${indent}}`, 'gm'), '');
}

/** The YAML blocks; a bare list of steps (indented snippet) is parsed as such. */
const blocks = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => parse(dedent(m[1] ?? '')) as unknown);

function stepsOf(block: unknown): Step[] {
  if (Array.isArray(block)) return block as Step[];
  const jobs = (block as { jobs?: Record<string, { steps?: Step[] }> }).jobs ?? {};
  return Object.values(jobs).flatMap((j) => j.steps ?? []);
}

describe('README: GitHub Action section', () => {
  it('has YAML blocks that parse, with keywarden steps in them', () => {
    assert.ok(blocks.length >= 5);
    assert.ok(blocks.flatMap(stepsOf).filter((s) => s.uses?.startsWith('keywarden/keywarden@')).length >= 5);
  });

  it('gives keywarden only inputs that action.yml declares', () => {
    for (const step of blocks.flatMap(stepsOf).filter((s) => s.uses?.startsWith('keywarden/keywarden@'))) {
      for (const key of Object.keys(step.with ?? {})) assert.ok(inputs.has(key), `with: ${key} is not an input of action.yml`);
    }
  });

  it('lists every input and output in its tables, and nothing else', () => {
    const rows = (heading: string): string[] => {
      const section = doc.slice(doc.indexOf(`### ${heading}`));
      return [...section.slice(0, section.indexOf('\n### ', 4) > 0 ? section.indexOf('\n### ', 4) : undefined).matchAll(/^\| `([a-z-]+)` \|/gm)].map((m) => m[1] ?? '');
    };
    assert.deepEqual(rows('Inputs').sort(), [...inputs].sort());
    assert.deepEqual(rows('Outputs').sort(), Object.keys(spec.outputs).sort());
  });

  it('declares the permissions each workflow needs', () => {
    const workflows = blocks.filter((b) => !Array.isArray(b) && (b as { on?: unknown }).on) as { on: Record<string, unknown>; permissions: Record<string, string> }[];
    assert.equal(workflows.length, 6, 'pull request, push, nightly, sharded history with the Action and with the CLI, organisation scan');
    for (const w of workflows) assert.equal(w.permissions.contents, 'read');
    const pr = workflows.find((w) => 'pull_request' in w.on);
    assert.equal(pr?.permissions['pull-requests'], 'write');
    assert.equal(pr?.permissions['security-events'], 'write');
    const nightly = workflows.find((w) => 'schedule' in w.on && stepsOf(w).some((s) => s.uses?.startsWith('keywarden/')));
    assert.equal(nightly?.permissions.issues, 'write');
    const checkout = stepsOf(nightly).find((s) => s.uses?.startsWith('actions/checkout@'));
    assert.equal(checkout?.with?.['fetch-depth'], 0, 'history scans need fetch-depth: 0');
  });

  it('matches the runtime action.yml declares', () => {
    assert.deepEqual(spec.runs, { using: 'node24', main: 'dist/index.js' });
  });
});
