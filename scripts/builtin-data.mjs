// The bundle's replacement for src/data/builtin.ts (scripts/build.mjs): every zero-argument function
// it exports, evaluated at build time, as a function returning the same data from JSON literals. The
// bundle then parses no YAML at start-up and cannot drift from rules/.
//   node scripts/builtin-data.mjs OUT.mjs   writes the module (test/package/builtin-data.test.ts)
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const builtinPath = fileURLToPath(new URL('../src/data/builtin.ts', import.meta.url));
const compilePath = fileURLToPath(new URL('../src/rules/compile.ts', import.meta.url));

/**
 * JSON text as a template literal, one array element per line: a rule change stays a small diff of the
 * bundle, and each value is one literal that is parsed only when its function first runs. The code
 * cache (src/cli/code-cache.ts) holds the literals of the functions a run called: a staged scan's
 * cache then carries no playbook or rule documentation, and a few long strings where one literal
 * per rule made thousands of strings to rebuild (and intern) on every start.
 */
function jsonLiteral(value) {
  return `\`${jsonLines(value).replace(/\\|`|\$\{/g, (m) => `\\${m}`)}\``;
}

/** JSON text with the elements of the two outer levels of arrays and objects on lines of their own. */
function jsonLines(value, depth = 0) {
  if (depth < 2 && Array.isArray(value)) return `[\n${value.map((x) => jsonLines(x, depth + 1)).join(',\n')}\n]`;
  if (depth < 2 && value !== null && typeof value === 'object') return `{\n${Object.entries(value).map(([k, x]) => `${JSON.stringify(k)}: ${jsonLines(x, depth + 1)}`).join(',\n')}\n}`;
  return JSON.stringify(value);
}

/**
 * Rule spec keys only reports and `keywarden rules` read: the bundle keeps them apart from the keys
 * detection needs, and parses them on the first read of one (see lazyRuleDocs).
 */
const DOC_KEYS = ['description', 'examples', 'negativeExamples', 'references', 'tags'];

/**
 * The runtime side: `rules` (parsed from the detection keys) get the documentation keys of
 * `masks[i]` (bit k: DOC_KEYS[k]) as enumerable accessors, so that spreads, JSON and structured
 * clones see them as before; the first read parses every rule's documentation (`docsText()`, keyed
 * by rule id), and an assignment replaces the accessor by the value. One defineProperties call per
 * rule, with accessors shared by all the rules of one call.
 */
const lazyRuleDocs = `const DOC_KEYS = ${JSON.stringify(DOC_KEYS)};
function lazyRuleDocs(rules, masks, docsText) {
  let docs;
  const accessors = DOC_KEYS.map((k) => ({
    enumerable: true,
    configurable: true,
    get() { docs ??= JSON.parse(docsText()); return docs[this.id][k]; },
    set(v) { Object.defineProperty(this, k, { value: v, enumerable: true, configurable: true, writable: true }); },
  }));
  const byMask = new Map();
  for (let i = 0; i < rules.length; i++) {
    const mask = masks[i];
    let descriptors = byMask.get(mask);
    if (!descriptors) {
      descriptors = {};
      for (let k = 0; k < DOC_KEYS.length; k++) if (mask & (1 << k)) descriptors[DOC_KEYS[k]] = accessors[k];
      byMask.set(mask, descriptors);
    }
    Object.defineProperties(rules[i].spec, descriptors);
  }
  return rules;
}`;

/** The built-in rule specs: detection keys parsed at each call, documentation keys on first read. */
function ruleSpecsSource(specs) {
  const core = [];
  const docs = {};
  const masks = [];
  for (const s of specs) {
    if (Object.hasOwn(docs, s.spec.id)) throw new Error(`two built-in rules have the id ${s.spec.id}`);
    const spec = {};
    const doc = {};
    let mask = 0;
    for (const [k, v] of Object.entries(s.spec)) {
      const d = DOC_KEYS.indexOf(k);
      if (d < 0) spec[k] = v;
      else {
        doc[k] = v;
        mask |= 1 << d;
      }
    }
    core.push({ ...s, spec });
    docs[s.spec.id] = doc;
    masks.push(mask);
  }
  return [
    lazyRuleDocs,
    `function builtinRuleDocsText() { return ${jsonLiteral(docs)}; }`,
    `const builtinRuleDocMasks = [${masks.join(',')}];`,
    `export function builtinRuleSpecs() { return lazyRuleDocs(JSON.parse(${jsonLiteral(core)}), builtinRuleDocMasks, builtinRuleDocsText); }`,
  ];
}

/** The regexes src/rules/compile.ts makes of every path glob of the built-in rules, made now. */
async function pathRegexesSource(specs) {
  const { globRegex } = await import(compilePath);
  const globs = [...new Set(specs.flatMap(({ spec }) => [...(spec.paths ?? []), ...(spec.allowlist?.paths ?? [])]))].sort();
  const made = globs.map((g) => {
    const re = globRegex(g);
    return [g, { source: re.source, flags: re.flags }];
  });
  return `export function builtinPathRegexes() { return new Map(JSON.parse(${jsonLiteral(made)})); }`;
}

/** Evaluates every zero-argument function exported by builtin.ts and inlines its JSON result, parsed afresh at each call. */
export async function builtinModuleSource() {
  const mod = await import(builtinPath);
  const lines = ['// Generated by scripts/builtin-data.mjs from rules/ — do not edit.'];
  for (const [name, value] of Object.entries(mod).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (typeof value === 'function') {
      if (value.length !== 0) throw new Error(`builtin.ts export ${name} must take no arguments`);
      const data = await value();
      if (name === 'builtinRuleSpecs') lines.push(...ruleSpecsSource(data));
      else if (name === 'builtinPathRegexes') lines.push(await pathRegexesSource(await mod.builtinRuleSpecs()));
      else lines.push(`export function ${name}() { return JSON.parse(${jsonLiteral(data)}); }`);
    } else if (name !== 'RULES_DIR') {
      lines.push(`export const ${name} = ${JSON.stringify(value)};`);
    } else {
      lines.push(`export const RULES_DIR = '';`);
    }
  }
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) writeFileSync(process.argv[2] ?? '/dev/stdout', await builtinModuleSource());
