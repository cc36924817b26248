// Extracts labelled cases from a Nosey Parker checkout: every rule's `examples` (positive) and
// `negative_examples` in crates/noseyparker/data/default/builtin/rules/*.yml. A negative that
// another rule of the same name (the same credential type in another format or context) matches is
// marked `peerSibling`: Nosey Parker itself reports that text.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import type { Case, Extraction } from './case.ts';

interface NpRule {
  id?: string;
  name?: string;
  pattern?: string;
  examples?: unknown[];
  negative_examples?: unknown[];
}

export function extractNoseyParker(root: string, source = 'noseyparker'): Extraction {
  const dir = join(root, 'crates/noseyparker/data/default/builtin/rules');
  const cases: Case[] = [];
  const skipped = new Map<string, number>();
  const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
  const docs = files.map((file) => ({ provider: basename(file).replace(/\.ya?ml$/, ''), rules: (parse(readFileSync(join(dir, file), 'utf8')) as { rules?: NpRule[] } | null)?.rules ?? [] }));
  const all = docs.flatMap((d) => d.rules);
  for (const { provider, rules } of docs) {
    for (const r of rules) {
      const siblings = all.filter((o) => o !== r && o.name !== undefined && o.name === r.name).flatMap((o) => {
        const re = jsRegex(o.pattern);
        return re ? [{ id: o.id ?? '?', re }] : [];
      });
      const rule = `${r.id ?? '?'} ${r.name ?? ''}`.trim();
      for (const [label, list] of [['positive', r.examples], ['negative', r.negative_examples]] as const) {
        (list ?? []).forEach((text, k) => {
          if (typeof text !== 'string') {
            skipped.set('non-string example', (skipped.get('non-string example') ?? 0) + 1);
            return;
          }
          const sibling = label === 'negative' ? siblings.find((o) => o.re.test(text))?.id : undefined;
          cases.push({ source, provider, rule, label, text, id: `${source}/${provider}/${r.id ?? '?'}/${label === 'positive' ? 'tp' : 'fp'}${k}`, ...(sibling ? { peerSibling: sibling } : {}) });
        });
      }
    }
  }
  return { cases, skipped };
}

/**
 * A Nosey Parker (Rust `regex`) pattern as a JavaScript regex, or undefined when it uses syntax this
 * does not translate: leading `(?x)` (whitespace and `#` comments dropped outside classes and
 * escapes), `(?i)` and `(?s)` become flags.
 */
export function jsRegex(pattern: string | undefined): RegExp | undefined {
  if (pattern === undefined || /\[\[:|\\[Az]|\(\?P</.test(pattern)) return undefined;
  let p = pattern.trim();
  let flags = '';
  let extended = false;
  for (let m = /^\(\?([xis]+)\)\s*/.exec(p); m; m = /^\(\?([xis]+)\)\s*/.exec(p)) {
    for (const f of m[1] ?? '') {
      if (f === 'x') extended = true;
      else if (!flags.includes(f)) flags += f;
    }
    p = p.slice(m[0].length);
  }
  if (extended) p = stripExtended(p);
  try {
    return new RegExp(p, flags);
  } catch {
    return undefined;
  }
}

/** `(?x)` syntax: whitespace and `#` comments are not part of the pattern, except escaped or in a class. */
function stripExtended(p: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < p.length; i++) {
    const ch = p[i] ?? '';
    if (ch === '\\') {
      const next = p[i + 1] ?? '';
      out += /\s/.test(next) || next === '#' ? next : ch + next;
      i++;
    } else if (inClass) {
      out += ch;
      if (ch === ']') inClass = false;
    } else if (ch === '[') {
      inClass = true;
      out += ch;
      if (p[i + 1] === ']' || p[i + 1] === '^') out += p[++i] ?? '';
    } else if (ch === '#') {
      const nl = p.indexOf('\n', i);
      i = nl === -1 ? p.length : nl;
    } else if (!/\s/.test(ch)) out += ch;
  }
  return out;
}
