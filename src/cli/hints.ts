// The short "how to fix or allow" block printed after secrets in a pre-commit hook: where each
// secret is, its fingerprint, and the three ways out (remove and rotate, allow inline, ignore).
import { printable } from '../core/printable.ts';
import type { Secret } from '../core/types.ts';

/** At most this many secrets are listed one by one; the rest are counted. */
const MAX_LISTED = 10;

/** Where the hook runs: the `keywarden` command is on PATH only in some of these. */
export interface HintContext {
  /** Inside the pre-commit framework (it sets `PRE_COMMIT=1`): keywarden lives in the framework's own environment. */
  preCommitFramework?: boolean;
}

function places(s: Secret): string {
  const first = s.occurrences[0];
  const at = first ? `${printable(first.path)}:${first.line}` : '';
  return s.occurrences.length > 1 ? `${at} (+${s.occurrences.length - 1} more)` : at;
}

/** Text for the end of a blocked commit's output. Empty when there is nothing to say. */
export function commitHints(secrets: readonly Secret[], context: HintContext = {}): string {
  const example = secrets[0];
  if (!example) return '';
  const listed = secrets.slice(0, MAX_LISTED).map((s) => `  ${places(s)}  ${s.ruleId}  ${s.redacted}  fingerprint ${s.fingerprint}`);
  if (secrets.length > MAX_LISTED) listed.push(`  … and ${secrets.length - MAX_LISTED} more (keywarden scan --staged --format json lists them all)`);
  return [
    `Commit blocked: ${secrets.length} secret${secrets.length === 1 ? '' : 's'} in the staged changes.`,
    ...listed,
    'To fix: remove the secret from the file, restage, and rotate it (it may already be copied): keywarden playbook <rule-id>.',
    'If it is not a secret (a test value, an example):',
    '  - add the comment `keywarden:allow` on the same line, or',
    // In the framework `keywarden` is not on PATH (nor, often, in node_modules): the ignore file is plain
    // text, so the line itself is the one instruction that works everywhere.
    context.preCommitFramework
      ? `  - add this line to .keywardenignore and stage it: ${example.fingerprint}  # why it is safe`
      : `  - run: npx keywarden ignore ${example.fingerprint} --reason "why it is safe"  (then stage .keywardenignore)`,
    '',
  ].join('\n');
}
