// A Source turns some input (a directory, a diff, the staged index, git history) into Fragments.
import type { Finding, Fragment, ScanError } from '../core/types.ts';

/** Callbacks a source uses to report what it skipped or failed on without stopping the scan. */
export interface SourceContext {
  /** A file or object that could not be read; the scan goes on. */
  onError(error: ScanError): void;
  /** A file skipped on purpose, counted by kind (`binary`, `too-large`, `ignored`, `symlink`…). */
  onSkip(kind: string, path?: string): void;
  /** Bytes and files read so far, for progress. */
  onProgress?(done: { files: number; bytes: number; total?: { files?: number; bytes?: number } }): void;
  signal?: AbortSignal;
}

export interface Source {
  /** Human label for logs: `directory .`, `diff a1b2..c3d4`, `staged changes`, `history (42 refs)`. */
  readonly label: string;
  /** A one-line message for the user once the source is opened (e.g. "BASE and HEAD are the same commit: nothing to scan"). */
  readonly notice?: string;
  fragments(ctx: SourceContext): AsyncIterable<Fragment>;
  /**
   * Optional post-processing of all raw findings once every fragment was scanned: history sources
   * attribute blobs to the commit that introduced them and merge occurrences of one fingerprint.
   */
  finalize?(findings: Finding[], ctx: SourceContext): Promise<Finding[]>;
}
