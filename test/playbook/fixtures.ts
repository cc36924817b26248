// Synthetic secrets for the renderer tests. Values are generated at run time from fixed seeds (so
// golden files are stable) and attached with withSecret, as the grouping stage does; fingerprints are
// keyed with a fixed test key (fast and stable).
import { keyedFingerprint } from '../../src/core/fingerprint.ts';
import { withSecret } from '../../src/core/match.ts';
import { redact } from '../../src/core/redact.ts';
import type { CommitInfo, Occurrence, Secret, Severity } from '../../src/core/types.ts';
import { awsSecret, gen, githubPat } from '../helpers/secrets.ts';

/** The fingerprint key of renderer fixtures. */
export const FIXTURE_KEY = 'keywarden-test-fixture-key';

interface Spec {
  ruleId: string;
  ruleName: string;
  severity: Severity;
  playbook: string;
  secret: string;
  occurrences: Occurrence[];
  inHead?: boolean;
  /** Show a prefix in the redacted form (provider formats). Default: true. */
  prefix?: boolean;
}

/** A Secret carrying `secret` the way the grouping stage makes it: fingerprinted, redacted, value non-enumerable. */
export function secret(s: Spec): Secret {
  const fingerprint = keyedFingerprint(FIXTURE_KEY, s.secret);
  const out: Secret = {
    fingerprint,
    type: s.playbook,
    ruleId: s.ruleId,
    ruleName: s.ruleName,
    severity: s.severity,
    confidence: 'high',
    redacted: redact(s.secret, s.prefix ?? true, fingerprint),
    occurrences: s.occurrences,
  };
  if (s.inHead !== undefined) out.inHead = s.inHead;
  return withSecret(out, s.secret);
}

export const at = (path: string, line: number, commit?: CommitInfo): Occurrence => ({ path, line, column: 1, endLine: line, endColumn: 41, ...(commit ? { commit } : {}) });

const c1: CommitInfo = { sha: '1f0e2d3c4b5a69788796a5b4c3d2e1f00a1b2c3d', date: '2024-03-02T10:15:00Z', author: 'Dev One' };
const c2: CommitInfo = { sha: '9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b', date: '2023-11-20T08:00:00Z' };

/** The raw secrets used below, for "never printed" assertions. */
export const SECRETS = {
  aws: awsSecret('golden-aws'),
  github: githubPat('golden-github'),
  password: gen('{{gen:alnum:18}}', 'golden-password'),
  custom: gen('acme_{{gen:hex:32}}', 'golden-custom'),
};

/** A history scan's worth of secrets: one in several places and commits, history-only, unknown playbook, odd paths. */
export function sampleSecrets(): Secret[] {
  return [
    secret({
      ruleId: 'aws-secret-access-key', ruleName: 'AWS secret access key', severity: 'critical', playbook: 'aws', secret: SECRETS.aws, inHead: true,
      occurrences: [at('config/prod.env', 4, c1), at('deploy/old.env', 12, c2), at('config/prod.env', 4, c2), at('docs/we`ird <name>.md', 7)],
    }),
    secret({ ruleId: 'github-pat', ruleName: 'GitHub personal access token (classic)', severity: 'critical', playbook: 'github', secret: SECRETS.github, inHead: false, occurrences: [at('scripts/release.sh', 21, c2)] }),
    secret({ ruleId: 'generic-password', ruleName: 'Password assignment', severity: 'high', playbook: 'password', secret: SECRETS.password, prefix: false, occurrences: [at('src/db.ts', 3)] }),
    secret({ ruleId: 'acme-token', ruleName: 'ACME internal token', severity: 'medium', playbook: 'acme', secret: SECRETS.custom, occurrences: [at('acme.json', 2)] }),
  ];
}
