// Extracts labelled cases from a Nosey Parker checkout: every rule's `examples` (positive) and
// `negative_examples` in crates/noseyparker/data/default/builtin/rules/*.yml.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import type { Case, Extraction } from './case.ts';

interface NpRule {
  id?: string;
  name?: string;
  examples?: unknown[];
  negative_examples?: unknown[];
}

export function extractNoseyParker(root: string, source = 'noseyparker'): Extraction {
  const dir = join(root, 'crates/noseyparker/data/default/builtin/rules');
  const cases: Case[] = [];
  const skipped = new Map<string, number>();
  for (const file of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort()) {
    const provider = basename(file).replace(/\.ya?ml$/, '');
    const doc = parse(readFileSync(join(dir, file), 'utf8')) as { rules?: NpRule[] } | null;
    for (const r of doc?.rules ?? []) {
      const rule = `${r.id ?? '?'} ${r.name ?? ''}`.trim();
      for (const [label, list] of [['positive', r.examples], ['negative', r.negative_examples]] as const) {
        (list ?? []).forEach((text, k) => {
          if (typeof text !== 'string') {
            skipped.set('non-string example', (skipped.get('non-string example') ?? 0) + 1);
            return;
          }
          cases.push({ source, provider, rule, label, text, id: `${source}/${provider}/${r.id ?? '?'}/${label === 'positive' ? 'tp' : 'fp'}${k}` });
        });
      }
    }
  }
  return { cases, skipped };
}
