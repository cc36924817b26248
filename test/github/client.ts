// A GitHubClient for in-process tests: Octokit from @actions/github, pointed at a fake server, without
// the retry and throttling plugins (their waits are exercised by the end-to-end tests).
import * as github from '@actions/github';
import { clientFromOctokit } from '../../src/action/octokit.ts';
import type { GitHubClient } from '../../src/github/client.ts';

export function testClient(baseUrl: string): GitHubClient {
  return clientFromOctokit(github.getOctokit('test-token', { baseUrl }));
}
