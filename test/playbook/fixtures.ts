// Synthetic findings for the playbook renderer tests. Secrets are generated at run time from fixed seeds
// (so golden files are stable) and attached with withSecret, exactly as the detector does.
import { withSecret } from '../../src/core/finding.ts';
import { fingerprintOf } from '../../src/core/fingerprint.ts';
import { redact } from '../../src/core/redact.ts';
import type { CommitInfo, Finding, Occurrence, Severity } from '../../src/core/types.ts';
import { awsSecret, gen, githubPat } from '../helpers/secrets.ts';

interface Spec {
  ruleId: string;
  ruleName: string;
  severity: Severity;
  playbook: string;
  secret: string;
  path: string;
  line: number;
  commit?: CommitInfo;
  inHead?: boolean;
  occurrences?: Occurrence[];
}

/** A Finding carrying `secret` the way makeFinding does: redacted, fingerprinted, secret non-enumerable. */
export function finding(s: Spec): Finding {
  const f: Finding = {
    ruleId: s.ruleId,
    ruleName: s.ruleName,
    severity: s.severity,
    confidence: 'high',
    path: s.path,
    line: s.line,
    column: 1,
    endLine: s.line,
    endColumn: s.secret.length + 1,
    redacted: redact(s.secret),
    fingerprint: fingerprintOf(s.ruleId, s.secret),
    entropy: 4.5,
    playbook: s.playbook,
  };
  if (s.commit) f.commit = s.commit;
  if (s.inHead !== undefined) f.inHead = s.inHead;
  if (s.occurrences) f.occurrences = s.occurrences;
  return withSecret(f, s.secret);
}

const at = (path: string, line: number, commit?: CommitInfo): Occurrence => ({ path, line, column: 1, endLine: line, endColumn: 41, ...(commit ? { commit } : {}) });

const c1: CommitInfo = { sha: '1f0e2d3c4b5a69788796a5b4c3d2e1f00a1b2c3d', date: '2024-03-02T10:15:00Z', author: 'Dev One' };
const c2: CommitInfo = { sha: '9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b', date: '2023-11-20T08:00:00Z' };

/** The raw secrets used below, for "never printed" assertions. */
export const SECRETS = {
  aws: awsSecret('golden-aws'),
  github: githubPat('golden-github'),
  password: gen('{{gen:alnum:18}}', 'golden-password'),
  custom: gen('acme_{{gen:hex:32}}', 'golden-custom'),
};

/** A history scan's worth of findings: duplicates by fingerprint, history-only, unknown playbook, odd paths. */
export function sampleFindings(): Finding[] {
  return [
    finding({
      ruleId: 'aws-secret-access-key', ruleName: 'AWS secret access key', severity: 'critical', playbook: 'aws', secret: SECRETS.aws,
      path: 'config/prod.env', line: 4, commit: c1, inHead: true,
      occurrences: [at('config/prod.env', 4, c1), at('deploy/old.env', 12, c2), at('config/prod.env', 4, c2)],
    }),
    finding({ ruleId: 'aws-secret-access-key', ruleName: 'AWS secret access key', severity: 'critical', playbook: 'aws', secret: SECRETS.aws, path: 'docs/we`ird <name>.md', line: 7, inHead: false }),
    finding({ ruleId: 'github-pat', ruleName: 'GitHub personal access token (classic)', severity: 'critical', playbook: 'github', secret: SECRETS.github, path: 'scripts/release.sh', line: 21, commit: c2, inHead: false }),
    finding({ ruleId: 'generic-password', ruleName: 'Password assignment', severity: 'high', playbook: 'password', secret: SECRETS.password, path: 'src/db.ts', line: 3 }),
    finding({ ruleId: 'acme-token', ruleName: 'ACME internal token', severity: 'medium', playbook: 'acme', secret: SECRETS.custom, path: 'acme.json', line: 2 }),
  ];
}
