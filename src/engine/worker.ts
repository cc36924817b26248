// Entry of a detector worker thread (see pool.ts). It compiles the rule set itself from the specs and
// options in `workerData`, then answers each batch of fragments with their findings.
// `Match.secret` is non-enumerable, so postMessage would drop it: secrets travel in a parallel
// array and the pool re-attaches them.
import { parentPort, workerData } from 'node:worker_threads';
import type { SkipCounter } from '../core/detect.ts';
import { detectWithDecoding } from '../core/decode/rescan.ts';
import { secretOf } from '../core/match.ts';
import { compileRuleSet } from '../rules/ruleset.ts';
import type { PoolReply, PoolRequest, PoolResult, PoolRules } from './pool.ts';

const port = parentPort;
if (port) {
  const rules = workerData as PoolRules;
  const ruleSet = compileRuleSet(rules.specs, rules.options);
  port.on('message', (msg: PoolRequest) => {
    const skipped: SkipCounter = {};
    const results = msg.batch.map(({ id, fragment }): PoolResult => {
      try {
        const findings = detectWithDecoding(fragment, ruleSet, skipped);
        return { id, findings, secrets: findings.map((f) => secretOf(f) ?? '') };
      } catch (e) {
        return { id, error: e instanceof Error ? e.message : String(e) };
      }
    });
    port.postMessage({ results, skipped } satisfies PoolReply);
  });
}
