// Synthetic secrets for tests, assembled at run time so that no committed file holds a live-format
// token. Values are deterministic (a per-process counter seeds them) so that a failure reproduces.
import { expandExample } from '../../src/rules/examples.ts';

let counter = 0;

/** Expands a `{{gen:…}}` template with a fresh seed (or the given one). */
export function gen(template: string, seed = `test-secret-${counter++}`): string {
  return expandExample(template, seed);
}

/** A checksum-valid GitHub classic PAT. */
export const githubPat = (seed?: string): string => gen('{{gen:checksum:ghp:30}}', seed);
/** An AWS access key id (AKIA + 16 base32 chars). */
export const awsKeyId = (seed?: string): string => gen('{{gen:awskey:AKIA}}', seed);
/** A 40-char AWS secret access key. */
export const awsSecret = (seed?: string): string => gen('{{gen:alnum:40}}', seed);
