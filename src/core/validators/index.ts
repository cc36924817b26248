// Registry of offline validators, referenced by name from rule files (`validator: github-checksum`).
import { checksumToken } from './checksum-token.ts';
import { jwt } from './jwt.ts';
import { privateKey } from './private-key.ts';
import type { Validator } from './verdict.ts';

export type { Validator, Verdict } from './verdict.ts';

export const VALIDATORS: Readonly<Record<string, Validator>> = {
  'github-checksum': checksumToken,
  // npm's checksum layout is not documented: a match confirms, a mismatch proves nothing.
  'npm-checksum': (s) => (checksumToken(s) === 'valid' ? 'valid' : 'unknown'),
  jwt,
  'private-key': privateKey,
};
