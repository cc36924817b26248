// Runs a `git diff -U0` and turns its added-line blocks into Fragments (one per hunk, so a pattern
// can never match across two separate blocks), reporting binary files and oversized blocks as skips.
import type { Fragment, Origin } from '../../core/types.ts';
import type { SourceContext } from '../source.ts';
import { PatchParser, type PatchEvent } from './patch.ts';
import { gitStream } from './run.ts';

/** Options every diff-style scan passes to `git diff`: stable output whatever the user's config. */
export const DIFF_ARGS = ['-U0', '--no-color', '--no-ext-diff', '--no-textconv', '-M', '--src-prefix=a/', '--dst-prefix=b/', '--ignore-submodules=all', '--no-relative'];

/** What `patchFragments` needs besides the git arguments. */
export interface PatchScan {
  root: string;
  origin: Origin;
  maxBytes: number;
  excludePath?: (path: string) => boolean;
}

/** Fragments of the lines `git <diffArgs>` shows as added; `started`: that command, already running. */
export async function* patchFragments(scan: PatchScan, diffArgs: string[], ctx: SourceContext, started?: AsyncIterable<Buffer>): AsyncIterable<Fragment> {
  const parser = new PatchParser(scan.maxBytes);
  const excluded = new Set<string>();
  for await (const chunk of started ?? gitStream(scan.root, diffArgs)) {
    if (ctx.signal?.aborted) return;
    for (const ev of parser.push(chunk)) {
      const f = toFragment(ev, scan, excluded, ctx);
      if (f) yield f;
    }
  }
  for (const ev of parser.end()) {
    const f = toFragment(ev, scan, excluded, ctx);
    if (f) yield f;
  }
}

function toFragment(ev: PatchEvent, scan: PatchScan, excluded: Set<string>, ctx: SourceContext): Fragment | undefined {
  if (scan.excludePath?.(ev.path)) {
    if (!excluded.has(ev.path)) {
      excluded.add(ev.path);
      ctx.onSkip('ignored', ev.path);
    }
    return undefined;
  }
  if (ev.kind === 'hunk') return { text: ev.text, path: ev.path, origin: scan.origin, startLine: ev.startLine };
  ctx.onSkip(ev.kind, ev.path);
  return undefined;
}
