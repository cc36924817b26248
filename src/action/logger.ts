// The Logger port over @actions/core: debug lines appear with ACTIONS_STEP_DEBUG, warnings and errors
// become annotations. Callers pass redacted text only.
import * as core from '@actions/core';
import type { Logger } from '../logger.ts';

/** A Logger writing workflow commands. */
export function actionsLogger(): Logger {
  return {
    debug: (m) => core.debug(m),
    info: (m) => core.info(m),
    warn: (m) => core.warning(m),
    error: (m) => core.error(m),
  };
}
