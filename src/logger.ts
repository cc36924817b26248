// The logging port. Core and orchestration receive a Logger; the Action passes one over @actions/core,
// the CLI one over stderr. Messages never contain raw secrets (callers pass redacted values only).

import { printable } from './core/printable.ts';

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Logs to a writer (stderr in the CLI); `debug` only when verbose; `info` unless quiet. */
export function streamLogger(write: (text: string) => void, opts: { verbose?: boolean; quiet?: boolean } = {}): Logger {
  return {
    debug: (m) => {
      if (opts.verbose) write(`debug: ${printable(m)}\n`);
    },
    info: (m) => {
      if (!opts.quiet) write(`${printable(m)}\n`);
    },
    warn: (m) => write(`warning: ${printable(m)}\n`),
    error: (m) => write(`error: ${printable(m)}\n`),
  };
}

/** Discards everything (tests). */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
