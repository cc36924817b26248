// The Action's entry point (dist/index.js): reads the runner's event, then runs. main.ts is loaded only
// once the payload is known to be good, because loading @actions/github parses it again and a
// malformed one would crash there with a stack trace.
import * as core from '@actions/core';
import { readRunnerEvent, type RunnerEvent } from './runner-event.ts';

let event: RunnerEvent | undefined;
try {
  event = readRunnerEvent();
} catch (e) {
  core.setFailed(e instanceof Error ? e.message : String(e));
}
if (event) {
  const { run } = await import('./main.ts');
  await run(event);
  // Everything is written by now. A request abandoned at the publishing deadline may leave a retry
  // timer behind; it must not hold the job, so the process ends shortly after if nothing else ends it.
  setTimeout(() => process.exit(), 2000).unref();
}
