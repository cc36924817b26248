// Where a `scan` or `baseline` of one directory is rooted (see rootAtScannedDirectory).
import { statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { ScanSettings } from '../settings.ts';

/**
 * `scan DIR` with DIR outside the working directory (`scan ../other`, `scan /tmp/checkout`) scans DIR
 * as its own root, as gitleaks and TruffleHog do: its .keywarden.yml, .keywardenignore and path globs
 * apply, and paths are shown relative to it (a report and its fingerprints read the same from
 * anywhere). Inside the working directory nothing changes: `scan src` keeps the repository's root. `scan` and
 * `baseline` both apply it, so a baseline written for DIR matches the scans of DIR.
 */
export function rootAtScannedDirectory(settings: ScanSettings): ScanSettings {
  const t = settings.target;
  if (t.kind !== 'files' || t.paths.length !== 1) return settings;
  const abs = resolve(settings.root, t.paths[0] ?? '.');
  const rel = relative(settings.root, abs);
  if (!(rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel))) return settings;
  let dir = false;
  try {
    dir = statSync(abs).isDirectory();
  } catch {
    // A missing path is reported by the scan itself, with the path as given.
  }
  return dir ? { ...settings, root: abs, target: { kind: 'files', paths: ['.'] } } : settings;
}
