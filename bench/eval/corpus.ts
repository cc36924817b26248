// Builds the eval corpus in memory: planted secrets from every enabled rule's examples, inline decoys,
// whole decoy files and plain filler files, laid out as a set of small projects. Pure apart from
// key generation; deterministic for a given seed and rule pack.
import { createHash } from 'node:crypto';
import { keyedFingerprint } from '../../src/core/fingerprint.ts';
import { redact } from '../../src/core/redact.ts';
import type { SourcedRuleSpec } from '../../src/rules/load.ts';
import { rng } from '../../src/rules/examples.ts';
import { EVAL_FINGERPRINT_KEY, type Answers } from './answers.ts';
import { makeDecoyFile } from './decoy-files.ts';
import { INLINE_CATEGORIES, makeDecoy } from './decoys.ts';
import { assemble, type Host } from './host.ts';
import { pathFromGlob, pathHost } from './hosts-docs.ts';
import { ALL_HOSTS, decoyJob, plantJob, type Job } from './jobs.ts';
import type { Rand } from './keys.ts';
import { makePlant } from './plant.ts';
import { SERVICES, int, pick } from './vocab.ts';

/** Corpus size and seed. */
export interface CorpusOptions {
  seed: string;
  /** Planted instances per enabled rule (spread over its examples). */
  perRule: number;
  /** Inline decoys (placed like secrets). */
  decoys: number;
  /** Whole decoy files (lockfiles, key lists, bundles…). */
  decoyFiles: number;
  /** Files with filler only. */
  fillerFiles: number;
}

/** Default size: about a minute for keywarden and secretlint together. */
export const DEFAULT_OPTIONS: CorpusOptions = { seed: 'keywarden-eval-v1', perRule: 24, decoys: 3000, decoyFiles: 300, fillerFiles: 600 };

/** The corpus: file path → content, and the answer key. */
export interface Corpus {
  files: Map<string, string>;
  answers: Answers;
}

/** First 16 hex chars of SHA-256, the answer key's identity of a secret. */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex').slice(0, 16);
}

function shuffle<T>(rand: Rand, list: T[]): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}

interface FilePlan {
  host: Host;
  jobs: Job[];
  fixture: boolean;
}

/** Planted-secret jobs for every enabled rule, plus the rules' path-restricted plants. */
function plantJobs(specs: readonly SourcedRuleSpec[], opts: CorpusOptions, answers: Answers): { jobs: Job[]; pathJobs: Job[] } {
  const jobs: Job[] = [];
  const pathJobs: Job[] = [];
  for (const { spec, source } of specs) {
    if (spec.enabled === false) {
      answers.skipped.push({ ruleId: spec.id, reason: 'disabled by default' });
      continue;
    }
    for (let i = 0; i < opts.perRule; i++) {
      const seed = `eval:${opts.seed}:${spec.id}:${i}`;
      const plant = makePlant(spec, source, i % spec.examples.length, seed);
      if (!plant) {
        answers.skipped.push({ ruleId: spec.id, reason: `example #${(i % spec.examples.length) + 1} does not match the rule's own pattern` });
        continue;
      }
      const rand = rng(`${seed}:place`);
      if (plant.paths) pathJobs.push({ item: { style: 'verbatim', key: '', value: plant.text, target: plant.line }, host: pathHost(''), plant });
      else {
        const job = plantJob(plant, rand);
        if (job) jobs.push(job);
        else answers.skipped.push({ ruleId: spec.id, reason: 'no host can write this example' });
      }
    }
  }
  return { jobs, pathJobs };
}

function decoyJobs(opts: CorpusOptions): Job[] {
  const rand = rng(`eval:${opts.seed}:decoys`);
  const jobs: Job[] = [];
  for (let i = 0; i < opts.decoys; i++) {
    const job = decoyJob(makeDecoy(INLINE_CATEGORIES[i % INLINE_CATEGORIES.length]!, rand), rand);
    if (job) jobs.push(job);
  }
  return jobs;
}

/** Groups jobs by host (and fixture placement) into files of 1..maxItems items. */
function planFiles(jobs: Job[], rand: Rand): FilePlan[] {
  const queues = new Map<string, Job[]>();
  for (const j of shuffle(rand, jobs)) {
    const k = `${j.host.id}${j.fixture ? ':fixture' : ''}`;
    queues.set(k, [...(queues.get(k) ?? []), j]);
  }
  const plans: FilePlan[] = [];
  for (const queue of queues.values()) {
    for (let head = queue[0]; head; head = queue[0]) {
      const batch = queue.splice(0, int(rand, 1, head.host.maxItems ?? 3));
      plans.push({ host: head.host, jobs: batch, fixture: Boolean(head.fixture) });
    }
  }
  return shuffle(rand, plans);
}

/** Builds the whole corpus from a rule pack. */
export function buildCorpus(specs: readonly SourcedRuleSpec[], opts: CorpusOptions = DEFAULT_OPTIONS): Corpus {
  const answers: Answers = { version: 1, seed: opts.seed, files: 0, bytes: 0, secrets: [], decoys: [], decoyFiles: [], skipped: [] };
  const files = new Map<string, string>();
  const rand = rng(`eval:${opts.seed}:layout`);
  const { jobs, pathJobs } = plantJobs(specs, opts, answers);
  const plans = planFiles([...jobs, ...decoyJobs(opts)], rand);
  for (let i = 0; i < opts.fillerFiles; i++) {
    const host = pick(rand, ALL_HOSTS.filter((h) => !['keyfile', 'minified-js', 'json-file'].includes(h.id)));
    plans.splice(int(rand, 0, plans.length), 0, { host, jobs: [], fixture: false });
  }
  const dirs = projectDirs(plans.length + pathJobs.length + opts.decoyFiles, rand);
  let next = 0;
  const dir = (): string => dirs[next++] ?? '';
  for (const plan of plans) writePlan(plan, dir(), files, answers, rand);
  for (const job of pathJobs) writePathJob(job, dir(), files, answers, rand);
  for (let i = 0; i < opts.decoyFiles; i++) writeDecoyFile(dir(), files, answers, rand);
  answers.files = files.size;
  answers.bytes = [...files.values()].reduce((s, t) => s + Buffer.byteLength(t), 0);
  return { files, answers };
}

/** One project directory per ~12 files: `p007-billing`. */
function projectDirs(n: number, rand: Rand): string[] {
  const out: string[] = [];
  let dir = '';
  for (let i = 0; i < n; i++) {
    if (i % 12 === 0) dir = `p${String(i / 12).padStart(3, '0')}-${pick(rand, SERVICES)}`;
    out.push(dir);
  }
  return out;
}

/** A path for `make()` under `dir` that is not taken yet. */
function freePath(files: Map<string, string>, dir: string, make: () => string): string {
  for (let attempt = 0; attempt < 6; attempt++) {
    const p = `${dir}/${make()}`;
    if (!files.has(p)) return p;
  }
  for (let n = 2; ; n++) {
    const p = `${dir}/more-${n}/${make()}`;
    if (!files.has(p)) return p;
  }
}

function writePlan(plan: FilePlan, dir: string, files: Map<string, string>, answers: Answers, rand: Rand): void {
  const base = (): string => plan.host.path(rand);
  const file = freePath(files, dir, plan.fixture ? () => `test/fixtures/${base().split('/').pop()}` : base);
  const blocks = plan.jobs.map((j) => plan.host.render(j.item, rand));
  const { lines, targets } = assemble(plan.host, blocks, rand);
  files.set(file, `${lines.join('\n')}\n`);
  for (const [i, job] of plan.jobs.entries()) record(job, file, (targets[i] ?? 0) + 1, plan.host.id, answers);
}

function record(job: Job, file: string, line: number, host: string, answers: Answers): void {
  if (job.decoy) {
    answers.decoys.push({ file, line, category: job.decoy, host });
    return;
  }
  const p = job.plant;
  if (!p) return;
  const span = job.item.style === 'json-escaped' ? 1 : p.lines;
  answers.secrets.push({
    file, line, endLine: line + span - 1, ruleId: p.ruleId, family: p.family, hash: secretHash(p.secret),
    fingerprint: keyedFingerprint(EVAL_FINGERPRINT_KEY, p.secret), redacted: redact(p.secret, true), host, style: job.item.style,
  });
}

function writePathJob(job: Job, dir: string, files: Map<string, string>, answers: Answers, rand: Rand): void {
  const glob = job.plant?.paths?.[0] ?? '';
  const path = pathFromGlob(glob, dir, rand);
  if (!path || files.has(path)) {
    answers.skipped.push({ ruleId: job.plant?.ruleId ?? '?', reason: path ? `path ${path} already used` : `no concrete path for glob ${glob}` });
    return;
  }
  const host = pathHost(path);
  const { lines, targets } = assemble(host, [host.render(job.item, rand)], rand);
  files.set(path, `${lines.join('\n')}\n`);
  record(job, path, (targets[0] ?? 0) + 1, host.id, answers);
}

function writeDecoyFile(dir: string, files: Map<string, string>, answers: Answers, rand: Rand): void {
  const f = makeDecoyFile(rand);
  const file = freePath(files, dir, () => f.path);
  files.set(file, `${f.lines.join('\n')}\n`);
  answers.decoyFiles.push({ file, category: f.category });
  for (const m of f.marked) answers.decoys.push({ file, line: m + 1, category: f.category, host: 'decoy-file' });
}
