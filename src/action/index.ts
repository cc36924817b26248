// The Action's entry point (dist/index.js): all the work is in run().
import { run } from './main.ts';

await run();
