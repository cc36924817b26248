/** Outcome of an offline validator: `valid` raises confidence to high, `invalid` drops the match. */
export type Verdict = 'valid' | 'invalid' | 'unknown';

/** An offline check of a secret's structure (checksum, parse, decode). Pure and synchronous. */
export type Validator = (secret: string) => Verdict;
