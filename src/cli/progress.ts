// One progress line on stderr, redrawn at most 10 times a second; only when stderr is a TTY.

import type { ScanProgress } from '../engine/run.ts';
import { nowMs } from '../engine/clock.ts';

export interface Progress {
  update(done: ScanProgress): void;
  clear(): void;
}

export function progressLine(write: (s: string) => void, enabled: boolean): Progress {
  const started = nowMs();
  let last = 0;
  let drawn = false;
  return {
    update(done) {
      if (!enabled) return;
      const now = nowMs();
      if (now - last < 100) return;
      last = now;
      const secs = (now - started) / 1000;
      const mb = done.bytes / 1024 / 1024;
      const of = done.totalFiles ? `/${done.totalFiles}` : '';
      const eta = done.totalFiles && done.files > 0 ? `, ETA ${Math.max(0, Math.round((secs * (done.totalFiles - done.files)) / done.files))} s` : '';
      write(`\r\x1b[2Kscanning: ${done.files}${of} files, ${mb.toFixed(1)} MB, ${(mb / Math.max(secs, 0.001)).toFixed(1)} MB/s${eta}, ${done.findings} findings`);
      drawn = true;
    },
    clear() {
      if (drawn) write('\r\x1b[2K');
      drawn = false;
    },
  };
}
