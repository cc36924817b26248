// The event as the runner hands it over: GITHUB_EVENT_NAME, the payload file at GITHUB_EVENT_PATH,
// GITHUB_SHA, GITHUB_REF and GITHUB_REPOSITORY. Read here, before anything parses the payload on its
// own (@actions/github does so when it is loaded, and a malformed file would crash with a stack
// trace that echoes the payload): a bad payload is one line naming the file, never its content.
import { existsSync, readFileSync } from 'node:fs';
import type { RepoRef } from '../github/client.ts';
import { EventError, type EventInput } from './event.ts';

/** The event and the repository it happened in. */
export interface RunnerEvent extends EventInput {
  repo: RepoRef;
}

function payloadOf(path: string | undefined): Record<string, unknown> {
  if (!path) return {};
  if (!existsSync(path)) throw new EventError(`the event payload file GITHUB_EVENT_PATH (${path}) does not exist`);
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    // The parser's message can quote the payload: say only where the problem is.
    throw new EventError(`the event payload file GITHUB_EVENT_PATH (${path}) is not valid JSON`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new EventError(`the event payload file GITHUB_EVENT_PATH (${path}) does not hold a JSON object`);
  return value as Record<string, unknown>;
}

function repoOf(env: NodeJS.ProcessEnv, payload: Record<string, unknown>): RepoRef {
  const repository = payload.repository as { full_name?: unknown } | undefined;
  const name = env.GITHUB_REPOSITORY || (typeof repository?.full_name === 'string' ? repository.full_name : '');
  const m = /^([^/\s]+)\/([^/\s]+)$/.exec(name);
  if (!m?.[1] || !m[2]) throw new EventError('GITHUB_REPOSITORY is not set to owner/name');
  return { owner: m[1], repo: m[2] };
}

/** The runner's event; throws `EventError` (one line, no payload content) when it cannot be read. */
export function readRunnerEvent(env: NodeJS.ProcessEnv = process.env): RunnerEvent {
  const payload = payloadOf(env.GITHUB_EVENT_PATH);
  return { eventName: env.GITHUB_EVENT_NAME ?? '', payload, sha: env.GITHUB_SHA ?? '', ref: env.GITHUB_REF ?? '', repo: repoOf(env, payload) };
}
