// The answer key of the eval corpus (`.eval/answers.json`). It never holds a raw secret: planted
// secrets are identified by location, a hash, keywarden's expected fingerprint and a redacted form.

/** The fingerprint key of eval scans (keyed fingerprints are fast; the corpus is synthetic). */
export const EVAL_FINGERPRINT_KEY = 'keywarden-eval-corpus-key';

/** One planted secret. Lines are 1-based; `endLine` is inclusive (multi-line keys span several). */
export interface PlantedSecret {
  file: string;
  line: number;
  endLine: number;
  /** The rule whose example it was made from; the expected type. */
  ruleId: string;
  /** The rule file it came from (`github`, `aws`, `generic`…). */
  family: string;
  /** First 16 hex chars of SHA-256 of the secret. */
  hash: string;
  /** keywarden's fingerprint of the secret under EVAL_FINGERPRINT_KEY: equal when the exact secret is reported. */
  fingerprint: string;
  /** Prefix, length and short hash, as keywarden redacts (safe to print). */
  redacted: string;
  /** File format and how the secret was written (see bench/eval/host.ts). */
  host: string;
  style: string;
}

/** One decoy line: something that looks like a secret and is not. */
export interface DecoyLine {
  file: string;
  line: number;
  category: string;
  host: string;
}

/** The answer key. */
export interface Answers {
  version: 1;
  seed: string;
  files: number;
  bytes: number;
  secrets: PlantedSecret[];
  decoys: DecoyLine[];
  /** Whole files made of decoys (lockfiles, key lists…): any finding in them is a false alarm of this category. */
  decoyFiles: { file: string; category: string }[];
  /** Rules or examples that could not be planted, with the reason. */
  skipped: { ruleId: string; reason: string }[];
}
