// Every regex a configuration supplies (custom rule patterns and all allowlist regexes) is compiled,
// checked statically for catastrophic backtracking, then probed at run time in a worker with a
// deadline. A failure is a ConfigError that names the file, line, rule and what to change.
import { didYouMean } from '../../core/nearest.ts';
import { quoteUserValue } from '../../core/quote.ts';
import type { AllowlistSpec } from '../../core/types.ts';
import { VALIDATORS } from '../../core/validators/index.ts';
import { compileRule, RuleError } from '../compile.ts';
// The linear-time engine user patterns compile to (compile.ts takes it from there as it loads).
import '../linear-regex.ts';
import { exampleText, expandExample } from '../examples.ts';
import { ConfigError, where } from '../../config/errors.ts';
import { probeInputs, type ProbeHints } from './probe-inputs.ts';
import { describeProbeFailure, probeRegexes, type ProbeOptions, type ProbeTarget } from './regex-probe.ts';
import { describeHazard, findRegexHazard } from './regex-safety.ts';
import type { KeywardenConfig, LoadedConfig } from '../../config/types.ts';

/** One regex from a configuration, with where it is and what it is for. */
export interface UserRegex {
  /** JSON pointer of the value, for the line number. */
  pointer: string;
  /** What it is, for messages: `rule acme-token: pattern`, `allowlist.regexes[0]`. */
  label: string;
  source: string;
  flags: string;
  hints: ProbeHints;
}

/** Every user-supplied regex of a configuration. */
export function userRegexes(config: KeywardenConfig): UserRegex[] {
  const out: UserRegex[] = [];
  config.rules?.forEach((r, i) => {
    const examples = r.examples.slice(0, 2).map((ex, k) => expandExample(exampleText(ex), `${r.id}#${k}`));
    out.push({ pointer: `/rules/${i}/pattern`, label: `rule ${r.id}: pattern`, source: r.pattern, flags: r.flags ?? '', hints: { keywords: r.keywords, examples } });
    out.push(...allowlistRegexes(r.allowlist, `/rules/${i}/allowlist`, `rule ${r.id}: allowlist`));
  });
  out.push(...allowlistRegexes(config.allowlist, '/allowlist', 'allowlist'));
  for (const [id, a] of Object.entries(config.ruleAllowlists ?? {})) out.push(...allowlistRegexes(a, `/ruleAllowlists/${id}`, `ruleAllowlists.${id}`));
  return out;
}

function allowlistRegexes(a: AllowlistSpec | undefined, pointer: string, label: string): UserRegex[] {
  const lists = [['regexes', a?.regexes], ['matchRegexes', a?.matchRegexes]] as const;
  return lists.flatMap(([key, list]) => (list ?? []).map((source, i) => ({ pointer: `${pointer}/${key}/${i}`, label: `${label}.${key}[${i}]`, source, flags: '', hints: {} })));
}

export interface CheckOptions {
  /** Run the runtime probe in a worker. Default: true. */
  probe?: boolean;
  probeOptions?: ProbeOptions;
}

/** Throws a ConfigError for the first custom rule or user regex that is invalid or unsafe. */
export async function checkUserRegexes(loaded: LoadedConfig, options: CheckOptions = {}): Promise<void> {
  const { config, source } = loaded;
  config.rules?.forEach((spec, i) => {
    if (spec.validator !== undefined && !Object.hasOwn(VALIDATORS, spec.validator)) {
      const at = where(source, loaded.lineOf(`/rules/${i}/validator`));
      throw new ConfigError(`${at}rule ${spec.id}: unknown validator ${quoteUserValue(spec.validator)}${didYouMean(spec.validator, Object.keys(VALIDATORS))}`);
    }
    try {
      // As it will run: in the linear-time engine, which rejects lookahead and backreferences here.
      compileRule({ ...spec, linear: true }, `${source}:${loaded.lineOf(`/rules/${i}`) ?? '?'}`);
    } catch (e) {
      throw e instanceof RuleError ? new ConfigError(e.message) : e;
    }
  });
  const regexes = userRegexes(config);
  for (const r of regexes) {
    const at = where(source, loaded.lineOf(r.pointer));
    try {
      new RegExp(r.source, r.flags);
    } catch (e) {
      throw new ConfigError(`${at}${r.label} is not a valid regex: ${(e as Error).message}`);
    }
    const hazard = findRegexHazard(r.source, r.flags);
    if (hazard) throw new ConfigError(`${at}${r.label} is unsafe: ${describeHazard(hazard)}`);
  }
  if (options.probe === false) return;
  const pending = regexes.filter((r) => !provenSafe.has(cacheKey(r)));
  const targets: ProbeTarget[] = pending.map((r) => ({ label: r.label, source: r.source, flags: r.flags, ...probeInputs(r.source, r.flags, r.hints) }));
  const failure = await probeRegexes(targets, options.probeOptions);
  if (failure) {
    const r = pending[failure.index];
    if (!r) throw new ConfigError(`${source}: ${describeProbeFailure(failure)}`);
    throw new ConfigError(`${where(source, loaded.lineOf(r.pointer))}${r.label} ${describeProbeFailure(failure)}`);
  }
  for (const r of pending) provenSafe.add(cacheKey(r));
}

/** Regexes that already passed the probe in this process (the Action and tests scan more than once). */
const provenSafe = new Set<string>();

function cacheKey(r: UserRegex): string {
  return JSON.stringify([r.source, r.flags, r.hints.keywords ?? [], r.hints.examples ?? []]);
}
