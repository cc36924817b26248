// Keyword prefilter: one pass over the text with a single case-insensitive alternation of every
// rule keyword (V8's irregexp beat an Aho-Corasick package 5.8x here, ../shared/ECOSYSTEM.md §7).
// Two fixes make the alternation exact: stepping one char after each hit finds overlapping keywords
// that start later, and `implied` adds keywords that are substrings of the one matched
// (`secret` inside `client_secret`).

export interface KeywordHit {
  keyword: string;
  offset: number;
}

export class Prefilter {
  private readonly regex: RegExp | undefined;
  private readonly implied: Map<string, string[]>;
  private readonly rulesByKeyword: Map<string, number[]>;

  /** `keywordsByRule[i]` are the lowercase keywords of rule i. */
  constructor(keywordsByRule: readonly (readonly string[])[]) {
    this.rulesByKeyword = new Map();
    keywordsByRule.forEach((kws, i) => {
      for (const kw of kws) {
        const k = kw.toLowerCase();
        const list = this.rulesByKeyword.get(k);
        if (list) list.push(i);
        else this.rulesByKeyword.set(k, [i]);
      }
    });
    const all = [...this.rulesByKeyword.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
    this.implied = new Map(all.map((k) => [k, all.filter((o) => o !== k && k.includes(o))]));
    this.regex = all.length ? new RegExp(all.map(escapeRegex).join('|'), 'gi') : undefined;
  }

  /** Every keyword occurrence in `text` (one per start offset; nested ones via `implied`). */
  hits(text: string): KeywordHit[] {
    const out: KeywordHit[] = [];
    const re = this.regex;
    if (!re) return out;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      out.push({ keyword: m[0].toLowerCase(), offset: m.index });
      re.lastIndex = m.index + 1;
    }
    return out;
  }

  /** Indices of the rules whose keywords were hit. */
  candidateRules(hits: readonly KeywordHit[]): Set<number> {
    const seen = new Set<string>();
    const rules = new Set<number>();
    for (const h of hits) {
      if (seen.has(h.keyword)) continue;
      seen.add(h.keyword);
      for (const k of [h.keyword, ...(this.implied.get(h.keyword) ?? [])]) {
        for (const r of this.rulesByKeyword.get(k) ?? []) rules.add(r);
      }
    }
    return rules;
  }
}

export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
