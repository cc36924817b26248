// Adversarial inputs for the runtime regex probe: a few prefixes that get the regex engine past a
// literal or keyword start (taken from the pattern and the rule's keywords), and "pumps", short strings
// repeated to fill the probe, built from characters the pattern's own matchers accept. A run of
// accepted characters followed by one that fails is what makes an ambiguous repetition backtrack.
// Prefixes taken from the rule's examples are derived inside the probe worker (running a user regex
// on an example in this thread could already hang it).
import { charSetOf, sampleMembers } from './char-sets.ts';
import { parseRegex, type RegexNode } from './regex-ast.ts';

/** How a probe string is built: `prefix + pump repeated to the probe length + "\u0001"`. */
export interface ProbeInputs {
  prefixes: string[];
  pumps: string[];
  /** Positive examples: the worker adds the text before each one's secret as a prefix. */
  examples: string[];
}

/** What else is known about the regex: the rule's keywords and (expanded) positive examples. */
export interface ProbeHints {
  keywords?: readonly string[];
  examples?: readonly string[];
}

const MAX_PUMPS = 24;
const MAX_PREFIXES = 6;
const DEFAULT_CHARS = ['a', '0', ' ', '-', '\\'];

/** Prefixes and pumps for probing `source` (compiled with `flags`, which may hold `i` and `s`). */
export function probeInputs(source: string, flags: string, hints: ProbeHints = {}): ProbeInputs {
  const tree = parseRegex(source);
  const chars = new Set<string>();
  const pairs = new Set<string>();
  collect(tree, flags, chars, pairs);
  for (const c of DEFAULT_CHARS) chars.add(c);
  const prefixes = new Set<string>(['', literalPrefix(tree, flags)]);
  for (const k of hints.keywords?.slice(0, 2) ?? []) prefixes.add(k);
  const pumps = [...chars].slice(0, MAX_PUMPS - Math.min(pairs.size, 8)).concat([...pairs].slice(0, 8));
  return { prefixes: [...prefixes].slice(0, MAX_PREFIXES), pumps, examples: (hints.examples ?? []).slice(0, 2) };
}

/** Sample characters of every single-character matcher, and of adjacent matcher pairs. */
function collect(node: RegexNode, flags: string, chars: Set<string>, pairs: Set<string>): void {
  switch (node.type) {
    case 'char':
      for (const c of sampleMembers(charSetOf(node.src, flags), 2)) chars.add(c);
      return;
    case 'seq':
      node.items.forEach((item, k) => {
        collect(item, flags, chars, pairs);
        const next = node.items[k + 1];
        if (item.type === 'char' && next?.type === 'char') {
          const [a] = sampleMembers(charSetOf(item.src, flags), 1);
          const [b] = sampleMembers(charSetOf(next.src, flags), 1);
          if (a !== undefined && b !== undefined) pairs.add(a + b);
        }
      });
      return;
    case 'alt':
      for (const a of node.alts) collect(a, flags, chars, pairs);
      return;
    case 'group':
    case 'quant':
      collect(node.body, flags, chars, pairs);
      return;
    default:
      return;
  }
}

/** The literal characters a match must start with (`token=` for `token=(\w+)`), possibly empty. */
function literalPrefix(tree: RegexNode, flags: string): string {
  const items = tree.type === 'seq' ? tree.items : [tree];
  let out = '';
  for (const item of items) {
    if (item.type === 'assert') continue;
    if (item.type !== 'char') break;
    const members = sampleMembers(charSetOf(item.src, flags), 3);
    if (members.length === 0 || members.length > 2) break;
    out += members[0];
  }
  return out;
}
