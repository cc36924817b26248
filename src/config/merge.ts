// LoadedConfig + ScanSettings (+ built-in rules) → ResolvedConfig: the final rule specs (per-rule and
// global allowlists merged in), the enable and disable lists, excluded paths and thresholds. Command-line settings win over the file. Rule ids the
// file names must exist, so a typo cannot silently leave a rule on.
import type { AllowlistSpec } from '../core/types.ts';
import type { SourcedRuleSpec } from '../rules/load.ts';
import { DEFAULT_MAX_FILE_SIZE, type ScanSettings } from '../settings.ts';
import { didYouMean } from '../core/nearest.ts';
import { quoteUserValue } from '../core/quote.ts';
import { ConfigError, where } from './errors.ts';
import type { LoadedConfig, ResolvedConfig } from './types.ts';

/** Merges a configuration (or none) with the settings and the built-in rule specs. */
export function resolveConfig(loaded: LoadedConfig | undefined, settings: ScanSettings, builtins: () => SourcedRuleSpec[]): ResolvedConfig {
  const config = loaded?.config ?? {};
  const base = config.extends === 'none' ? [] : builtins();
  // User-supplied patterns run in the linear-time engine (rules/linear-regex.ts).
  const custom = (config.rules ?? []).map((spec, i) => ({ spec: { ...spec, linear: true }, source: `${loaded!.source}:${loaded!.lineOf(`/rules/${i}`) ?? '?'}` }));
  const all = [...base, ...custom];
  const known = new Set(all.map((s) => s.spec.id));
  if (loaded) checkRuleIds(loaded, known);
  const cliEnable = settings.enableRules ?? [];
  const cliDisable = settings.disableRules ?? [];
  checkFlagRuleIds('--enable-rule', cliEnable, known);
  checkFlagRuleIds('--disable-rule', cliDisable, known);
  const { paths, ...globalAllow } = config.allowlist ?? {};
  return {
    specs: all.map((s) => withAllowlist(withAllowlist(s, config.ruleAllowlists?.[s.spec.id]), globalAllow)),
    enable: unique([...(config.enable ?? []).filter((id) => !cliDisable.includes(id)), ...cliEnable]),
    disable: unique([...(config.disable ?? []).filter((id) => !cliEnable.includes(id)), ...cliDisable]),
    excludePaths: paths ?? [],
    minSeverity: settings.minSeverity ?? config.minSeverity,
    minConfidence: settings.minConfidence ?? config.minConfidence,
    maxFileSize: settings.maxFileSize !== DEFAULT_MAX_FILE_SIZE || config.maxFileSize === undefined ? settings.maxFileSize : toBytes(config.maxFileSize),
    fingerprintKey: settings.fingerprintKey ?? config.fingerprintKey,
    configSource: loaded?.source,
    ...(settings.ignoreInlineAllow ? { ignoreInlineAllow: true } : {}),
  };
}

/** `settings` with the resolved thresholds and size limit applied. */
export function effectiveSettings(settings: ScanSettings, resolved: ResolvedConfig): ScanSettings {
  return { ...settings, maxFileSize: resolved.maxFileSize, minSeverity: resolved.minSeverity, minConfidence: resolved.minConfidence, fingerprintKey: resolved.fingerprintKey };
}

function checkRuleIds(loaded: LoadedConfig, known: ReadonlySet<string>): void {
  const { config } = loaded;
  const refs: [string, string][] = [
    ...(config.disable ?? []).map((id, i): [string, string] => [id, `/disable/${i}`]),
    ...(config.enable ?? []).map((id, i): [string, string] => [id, `/enable/${i}`]),
    ...Object.keys(config.ruleAllowlists ?? {}).map((id): [string, string] => [id, `/ruleAllowlists/${id}`]),
  ];
  for (const [id, pointer] of refs) {
    if (known.has(id)) continue;
    const shown = quoteUserValue(id);
    // A rule id is a key under ruleAllowlists: named in the path only when it reads as a name.
    const key = pointer.startsWith('/ruleAllowlists/') && shown !== `"${id}"` ? 'ruleAllowlists' : pointer.slice(1).replace(/\/(\d+)$/, '[$1]').replace(/\//g, '.');
    throw new ConfigError(`${where(loaded.source, loaded.lineOf(pointer))}${key}: unknown rule id ${shown}${didYouMean(id, known)} (see \`keywarden rules\`)`);
  }
}

/** A rule id given on the command line (or as an Action input) must exist: a typo must not leave a rule on. */
function checkFlagRuleIds(flag: string, ids: readonly string[], known: ReadonlySet<string>): void {
  const bad = ids.find((id) => !known.has(id));
  if (bad !== undefined) throw new ConfigError(`${flag}: unknown rule id ${quoteUserValue(bad)}${didYouMean(bad, known)} (see \`keywarden rules\`)`);
}

/** `s` with `extra` appended to its allowlist. The global allowlist is folded into every rule this way, so
 * that the rule specs alone (which detector workers receive) carry the whole configuration. */
function withAllowlist(s: SourcedRuleSpec, extra: AllowlistSpec | undefined): SourcedRuleSpec {
  if (!extra || !Object.values(extra).some((l) => l?.length)) return s;
  const own = s.spec.allowlist ?? {};
  const merged: AllowlistSpec = {};
  for (const k of ['paths', 'regexes', 'matchRegexes', 'stopwords'] as const) {
    const list = [...(own[k] ?? []), ...(extra[k] ?? [])];
    if (list.length) merged[k] = list;
  }
  return { ...s, spec: { ...s.spec, allowlist: merged } };
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}

/** Bytes of a size: an integer, or `512KB`, `2MB`, `1.5G` (the schema checked the shape). */
export function toBytes(size: number | string): number {
  if (typeof size === 'number') return size;
  const m = /^(\d+(?:\.\d+)?)\s*([kmg]?)/i.exec(size.trim());
  if (!m) throw new ConfigError(`maxFileSize: "${size}" is not a size`);
  const mult = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(m[2] ?? '').toLowerCase() as '' | 'k' | 'm' | 'g'];
  return Math.floor(Number(m[1]) * mult);
}
