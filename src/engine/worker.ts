// Entry of a detector worker thread (see pool.ts). It compiles the rule set itself from the specs and
// options in `workerData`, then answers each batch of fragments with their findings. An encoded
// fragment's bytes are read from the ring shared with the pool (byte-ring.ts) and decoded here.
// `Match.secret` is non-enumerable, so postMessage would drop it: secrets travel in a parallel
// array and the pool re-attaches them.
import { parentPort, workerData } from 'node:worker_threads';
import type { SkipCounter } from '../core/detect.ts';
import { secretOf } from '../core/match.ts';
import type { Match } from '../core/types.ts';
import { compileRuleSet } from '../rules/ruleset.ts';
// The linear-time engine of user patterns, which the rule specs a worker gets may hold.
import '../rules/linear-regex.ts';
import { detectAll, detectEncodedHere } from './detector.ts';
import { ThreadFingerprinter } from './fingerprints.ts';
import { collectGarbage } from './old-generation.ts';
import { packResults, type PoolItem, type PoolReply, type PoolRequest, type PoolResult, type PoolWorkerData } from './pool.ts';

const port = parentPort;
if (port) {
  // Its old generation collected at the same pace as the pool's thread (old-generation.ts).
  collectGarbage();
  const data = workerData as PoolWorkerData;
  const ruleSet = compileRuleSet(data.specs, data.options);
  const ring = new Uint8Array(data.ring);
  const fingerprints = new ThreadFingerprinter();
  const found = (id: number, findings: Match[]): PoolResult => ({ id, findings, secrets: findings.map((f) => secretOf(f) ?? '') });
  const answer = (item: PoolItem, skipped: SkipCounter): PoolResult => {
    if ('fragment' in item) return found(item.id, detectAll(item.fragment, ruleSet, skipped));
    const r = detectEncodedHere({ ...item.encoded, bytes: ring.subarray(item.at, item.at + item.length) }, ruleSet, skipped);
    return { ...found(item.id, r.matches), ...(r.chars === undefined ? {} : { chars: r.chars }), ...(r.skips.length ? { skips: r.skips } : {}) };
  };
  port.on('message', (msg: PoolRequest) => {
    if ('fingerprint' in msg) {
      const { id, value } = msg.fingerprint;
      try {
        port.postMessage({ fingerprint: { id, hex: fingerprints.compute(value) } } satisfies PoolReply);
      } catch (e) {
        port.postMessage({ fingerprint: { id, error: e instanceof Error ? e.message : String(e) } } satisfies PoolReply);
      }
      return;
    }
    const skipped: SkipCounter = {};
    const results = msg.batch.map((item): PoolResult => {
      try {
        return answer(item, skipped);
      } catch (e) {
        return { id: item.id, error: e instanceof Error ? e.message : String(e) };
      }
    });
    port.postMessage({ ...packResults(results), skipped } satisfies PoolReply);
  });
}
