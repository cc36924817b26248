// A Source turns some input (a directory, a diff, the staged index, git history) into Fragments.
import type { Fragment, Match, ScanError } from '../core/types.ts';

/** Callbacks a source uses to report what it skipped or failed on without stopping the scan. */
export interface SourceContext {
  /** A file or object that could not be read; the scan goes on. */
  onError(error: ScanError): void;
  /** A file skipped on purpose, counted by kind (`binary`, `too-large`, `ignored`, `symlink`…). */
  onSkip(kind: string, path?: string): void;
  /** Bytes and files read so far, for progress. */
  onProgress?(done: { files: number; bytes: number; total?: { files?: number; bytes?: number } }): void;
  signal?: AbortSignal;
  /**
   * True for a path some rule reads by its path alone (a rule without keywords runs on every file its
   * paths select). A history scan reads a blob committed at several such paths at each of them.
   */
  readsPathAlone?(path: string): boolean;
}

/**
 * A file's bytes, not decoded yet (history blobs). The detector decodes them in the thread that scans
 * them (src/sources/decode-text.ts: binary skipped, invalid UTF-8 counted), so that bytes, not text,
 * cross to a worker, and the reading thread builds no string of them.
 */
export interface EncodedFragment extends Omit<Fragment, 'text' | 'startLine' | 'lineNumbers' | 'repeated'> {
  /** Valid only until the source is asked for its next fragment (its memory may be freed then): copy or decode it at once. */
  bytes: Uint8Array;
}

export function isEncoded(f: Fragment | EncodedFragment): f is EncodedFragment {
  return (f as Partial<EncodedFragment>).bytes !== undefined;
}

export interface Source {
  /** Human label for logs: `directory .`, `diff a1b2..c3d4`, `staged changes`, `history (42 refs)`. */
  readonly label: string;
  /** A one-line message for the user once the source is opened (e.g. "BASE and HEAD are the same commit: nothing to scan"). */
  readonly notice?: string;
  fragments(ctx: SourceContext): AsyncIterable<Fragment | EncodedFragment>;
  /**
   * Provenance, once every fragment was scanned: where each match came from, as the source alone
   * knows it. History sources trace a blob to each commit and path that introduced it (one match
   * becomes one per introduction, in introduction order, with `inHead`); diff sources name the commit
   * that added the line. Grouping matches into secrets is not the source's business (src/core/group.ts).
   */
  provenance?(matches: Match[], ctx: SourceContext): Promise<Match[]>;
  /** Told once, at the first match: the source may start the work its provenance will need while the scan goes on. */
  prepareProvenance?(): void;
}
