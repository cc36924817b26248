// A rule's `pattern` as written → the regex source it compiles to. Two conveniences for long patterns:
//   - `(?x)` at the start: extended mode, as in Nosey Parker's rules. Whitespace and `# comments`
//     outside character classes are dropped, so a pattern can span several commented lines (a YAML
//     block). `\ ` and `\#` stay literal, and so does anything inside `[…]`.
//   - `{{frag:NAME}}`: a named sub-pattern shared by many rules (rules/_fragments.yaml), such as the
//     assignment between a key and its value.
// Plain patterns (no `(?x)`, no fragment) are returned unchanged.

/** Named sub-patterns: name → regex source (plain, not extended). */
export type Fragments = Readonly<Record<string, string>>;

const FRAGMENT_REF = /\{\{frag:([a-z][a-z0-9-]*)\}\}/g;
const EXTENDED = '(?x)';

/** The regex source of `pattern`; throws an Error naming an unknown fragment. */
export function expandPattern(pattern: string, fragments: Fragments): string {
  const plain = pattern.trimStart().startsWith(EXTENDED) ? stripExtended(pattern.trimStart().slice(EXTENDED.length)) : pattern;
  return plain.replace(FRAGMENT_REF, (_, name: string) => {
    const body = Object.hasOwn(fragments, name) ? fragments[name] : undefined;
    if (body === undefined) throw new Error(`unknown fragment {{frag:${name}}} (known: ${Object.keys(fragments).join(', ') || 'none'})`);
    return body;
  });
}

/** Drops whitespace and `#` comments outside character classes (escapes and classes kept as written). */
export function stripExtended(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source.charAt(i);
    if (c === '\\') {
      out += source.slice(i, i + 2);
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
      out += c;
    } else if (c === '[') {
      inClass = true;
      out += c;
    } else if (c === '#') {
      const nl = source.indexOf('\n', i);
      i = nl === -1 ? source.length : nl;
    } else if (!/\s/.test(c)) {
      out += c;
    }
  }
  return out;
}
