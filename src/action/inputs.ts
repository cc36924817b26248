// The Action's inputs → validated ActionSettings. The only module that calls `core.getInput`; everything
// downstream takes the settings object. Bad input throws `InputError` naming the input, the value and
// the expected format.
import * as core from '@actions/core';
import { isAbsolute, resolve } from 'node:path';
import { SEVERITIES, type Severity } from '../core/types.ts';
import type { RepoRef } from '../github/client.ts';
import { MODES, type Mode } from './event.ts';
import { MIN_KEY_LENGTH } from '../core/fingerprint.ts';
import { MAX_SHARDS, parseShard, type Shard } from '../sources/git/shard.ts';

/** An input value that cannot be used. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/** Every input of action.yml, validated. */
export interface ActionSettings {
  /** What to scan: `auto` picks by event (see ./event.ts); `merge` merges shard reports. Default: auto. */
  mode: Mode;
  /** This job's part of a sharded history scan (inputs `shard` and `shards`); undefined = the whole scan. */
  shard?: Shard;
  /** `mode: merge`: globs or directories (absolute) of the shard JSON reports. Default: `<workspace>/keywarden-shard-*.json`. */
  shardReports: string[];
  /** Absolute path of the checked-out repository (GITHUB_WORKSPACE). */
  workspace: string;
  /** Absolute path of a .keywarden.yml; undefined = look for one in the workspace. */
  configPath?: string;
  /** Absolute path of a baseline file of accepted fingerprints. */
  baselinePath?: string;
  /** Key of the keyed fingerprints (a repository secret; registered as a secret so logs mask it). */
  fingerprintKey?: string;
  /** Fail the step when a finding reaches this severity; `none` never fails. Default: low (any finding). */
  failOn: Severity | 'none';
  /** Post or update the sticky pull request comment. Default: true. */
  comment: boolean;
  /** Emit error annotations on the findings (at most 10). Default: true. */
  annotations: boolean;
  /** Honour `keywarden:allow` markers; false reports those secrets too. Default: true. */
  inlineAllow: boolean;
  /** Absolute path the SARIF log is written to. Default: `<workspace>/keywarden.sarif`. */
  sarifFile: string;
  /** Upload the SARIF log to code scanning. Default: false. */
  uploadSarif: boolean;
  /** Absolute path the HTML report is written to (`<RUNNER_TEMP>/keywarden-report.html`); undefined = not written. Default: not written. */
  htmlReportFile?: string;
  /** Open incident issues; undefined = by event (on for schedule, dispatch, default-branch push). */
  incidentIssues?: boolean;
  /** Repository the incident issues go to. Default: the scanned repository. */
  incidentRepo?: RepoRef;
  /** The repository checked out in the workspace, when it is not the workflow's (an organisation scan). */
  repository?: RepoRef;
  /** Logins assigned to a new incident issue. */
  incidentAssignees: string[];
  /** Secrets listed in full in one incident issue; the rest are counted by type. Default: 50. */
  maxIssueSecrets: number;
  /** Token for the REST API. */
  token: string;
  /** Time one API request may take, ms (env KEYWARDEN_API_TIMEOUT_MS, for tests). Default: 30 s. */
  apiTimeoutMs: number;
  /** Time all API steps together may take, ms (env KEYWARDEN_PUBLISH_DEADLINE_MS). Default: 3 min. */
  publishDeadlineMs: number;
}

export const DEFAULT_API_TIMEOUT_MS = 30_000;
export const DEFAULT_PUBLISH_DEADLINE_MS = 180_000;

/** Reads one input by name; '' when unset. */
export type InputReader = (name: string) => string;

function bool(name: string, raw: string, fallback: boolean): boolean {
  const v = raw.trim().toLowerCase();
  if (v === '') return fallback;
  if (['true', 'yes', 'on', '1'].includes(v)) return true;
  if (['false', 'no', 'off', '0'].includes(v)) return false;
  throw new InputError(`input "${name}": "${raw}" is not a boolean (true or false)`);
}

function oneOf<T extends string>(name: string, raw: string, allowed: readonly T[], fallback: T): T {
  const v = raw.trim().toLowerCase();
  if (v === '') return fallback;
  if (!(allowed as readonly string[]).includes(v)) throw new InputError(`input "${name}": "${raw}" is not one of ${allowed.join(', ')}`);
  return v as T;
}

function repoRef(name: string, raw: string): RepoRef | undefined {
  const v = raw.trim();
  if (v === '') return undefined;
  const m = /^([A-Za-z0-9][A-Za-z0-9-]*)\/([A-Za-z0-9._-]+)$/.exec(v);
  if (!m) throw new InputError(`input "${name}": "${raw}" is not a repository (owner/name)`);
  return { owner: m[1] ?? '', repo: m[2] ?? '' };
}

function logins(name: string, raw: string): string[] {
  const list = raw.split(/[\s,]+/).map((s) => s.replace(/^@/, '')).filter(Boolean);
  for (const l of list) if (!/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/.test(l)) throw new InputError(`input "${name}": "${l}" is not a GitHub login`);
  return list;
}

function positiveInt(name: string, raw: string, fallback: number): number {
  const v = raw.trim();
  if (v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InputError(`input "${name}": "${raw}" is not a positive whole number`);
  return n;
}

/** `shard` and `shards` together, or neither; `shard` only outside `mode: merge`. */
function shardOf(read: InputReader, mode: Mode): Shard | undefined {
  const index = read('shard').trim();
  const count = read('shards').trim();
  if (!index && !count) return undefined;
  if (!index || !count) throw new InputError(`inputs "shard" and "shards" go together (shard ${index || '?'} of ${count || '?'}): set both in the matrix job`);
  if (mode === 'merge') throw new InputError('inputs "shard" and "shards" are for the matrix jobs; the merge job (mode: merge) reads every shard\'s report');
  if (mode === 'diff' || mode === 'tree') throw new InputError(`inputs "shard" and "shards" split a history scan, not mode "${mode}"`);
  const shard = parseShard(`${index}/${count}`);
  if (!shard) throw new InputError(`inputs "shard" and "shards": "${index.slice(0, 8)}" of "${count.slice(0, 8)}" is not 1 <= shard <= shards <= ${MAX_SHARDS}`);
  return shard;
}

/** A duration in ms from the environment; unset or not a positive number → `fallback`. */
function envMs(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const n = Number(env[name]);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

/** Validates inputs read by `read`; `workspace` resolves relative paths. Pure, for tests. */
export function parseInputs(read: InputReader, workspace: string, env: NodeJS.ProcessEnv = {}): ActionSettings {
  const path = (name: string): string | undefined => {
    const v = read(name).trim();
    return v ? (isAbsolute(v) ? v : resolve(workspace, v)) : undefined;
  };
  const incident = read('incident-issues').trim().toLowerCase();
  const token = read('token').trim();
  const fingerprintKey = read('fingerprint-key').trim() || undefined;
  if (fingerprintKey !== undefined && fingerprintKey.length < MIN_KEY_LENGTH) throw new InputError(`input "fingerprint-key": ${fingerprintKey.length} characters could be guessed; use at least ${MIN_KEY_LENGTH} random characters`);
  if (!token) throw new InputError('input "token" is empty: pass `${{ github.token }}` or a token with the permissions in the README');
  const mode = oneOf('mode', read('mode'), MODES, 'auto');
  const shard = shardOf(read, mode);
  const reports = read('shard-reports').split('\n').map((l) => l.trim()).filter(Boolean);
  return {
    mode,
    ...(shard ? { shard } : {}),
    shardReports: (reports.length ? reports : ['keywarden-shard-*.json']).map((r) => (isAbsolute(r) ? r : resolve(workspace, r))),
    workspace,
    configPath: path('config'),
    baselinePath: path('baseline'),
    fingerprintKey,
    failOn: oneOf<Severity | 'none'>('fail-on', read('fail-on'), [...SEVERITIES, 'none'], 'low'),
    comment: bool('comment', read('comment'), true),
    annotations: bool('annotations', read('annotations'), true),
    inlineAllow: bool('inline-allow', read('inline-allow'), true),
    sarifFile: path('sarif-file') ?? resolve(workspace, 'keywarden.sarif'),
    uploadSarif: bool('upload-sarif', read('upload-sarif'), false),
    // The runner's temporary directory: not in the checkout, so it is neither committed nor scanned.
    htmlReportFile: bool('html-report', read('html-report'), false) ? resolve(env.RUNNER_TEMP || workspace, 'keywarden-report.html') : undefined,
    incidentIssues: incident === '' || incident === 'auto' ? undefined : bool('incident-issues', incident, false),
    incidentRepo: repoRef('incident-repo', read('incident-repo')),
    repository: repoRef('repository', read('repository')),
    incidentAssignees: logins('incident-assignees', read('incident-assignees')),
    maxIssueSecrets: positiveInt('max-issue-secrets', read('max-issue-secrets'), 50),
    token,
    apiTimeoutMs: envMs(env, 'KEYWARDEN_API_TIMEOUT_MS', DEFAULT_API_TIMEOUT_MS),
    publishDeadlineMs: envMs(env, 'KEYWARDEN_PUBLISH_DEADLINE_MS', DEFAULT_PUBLISH_DEADLINE_MS),
  };
}

/** The Action's settings from the runner's inputs and GITHUB_WORKSPACE. */
export function getActionSettings(env: NodeJS.ProcessEnv = process.env): ActionSettings {
  const key = core.getInput('fingerprint-key').trim();
  if (key) core.setSecret(key);
  return parseInputs((name) => core.getInput(name), resolve(env.GITHUB_WORKSPACE || process.cwd()), env);
}
