// Extracts labelled cases from a gitleaks-layout checkout (gitleaks, Betterleaks):
// `cmd/generate/config/rules/*.go`, where each rule function ends in
// `utils.Validate(r, tps, fps)` or `utils.ValidateWithPaths(r, tps, fps)`.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { evaluate, expectedCount, ExprParser, NotExtractable, type EvalContext, type Node, type Value } from './go-eval.ts';
import { tokenize, type Token } from './go-tokens.ts';
import type { Case, Extraction } from './case.ts';
import { rng } from './regex-gen.ts';

interface FuncDecl {
  name: string;
  body: Token[];
}

/** Top-level `func` declarations and `var`/`const` specs of one tokenized file. */
function topLevel(toks: readonly Token[]): { funcs: FuncDecl[]; vars: Map<string, Token[]> } {
  const funcs: FuncDecl[] = [];
  const vars = new Map<string, Token[]>();
  let i = 0;
  const isP = (k: number, v: string): boolean => toks[k]?.kind === 'punct' && toks[k]?.value === v;
  const balanced = (k: number): number => {
    // k at an opening bracket; returns the index after its closing partner
    let depth = 0;
    for (; k < toks.length; k++) {
      const t = toks[k];
      if (t?.kind !== 'punct') continue;
      if ('([{'.includes(t.value)) depth++;
      else if (')]}'.includes(t.value) && --depth === 0) return k + 1;
    }
    return k;
  };
  while (i < toks.length) {
    const t = toks[i];
    if (t?.kind === 'ident' && t.value === 'func') {
      i++;
      if (isP(i, '(')) i = balanced(i); // receiver
      const name = toks[i]?.value ?? '?';
      i++;
      while (i < toks.length && !isP(i, '{')) i = isP(i, '(') ? balanced(i) : i + 1;
      const end = balanced(i);
      funcs.push({ name, body: toks.slice(i + 1, end - 1) });
      i = end;
    } else if (t?.kind === 'ident' && (t.value === 'var' || t.value === 'const')) {
      i++;
      const specs: Token[][] = [];
      if (isP(i, '(')) {
        const end = balanced(i);
        specs.push(...splitStatements(toks.slice(i + 1, end - 1)));
        i = end;
      } else {
        let e = i;
        let depth = 0;
        for (; e < toks.length; e++) {
          const v = toks[e];
          if (v?.kind !== 'punct') continue;
          if ('([{'.includes(v.value)) depth++;
          else if (')]}'.includes(v.value)) depth--;
          else if (v.value === ';' && depth === 0) break;
        }
        specs.push(toks.slice(i, e));
        i = e;
      }
      for (const s of specs) {
        const eq = s.findIndex((x) => x.kind === 'punct' && x.value === '=');
        const name = s[0];
        if (eq > 0 && name?.kind === 'ident') vars.set(name.value, s.slice(eq + 1));
      }
    } else i++;
  }
  return { funcs, vars };
}

/** Splits a token list at depth-0 `;`. */
function splitStatements(toks: readonly Token[]): Token[][] {
  const out: Token[][] = [];
  let cur: Token[] = [];
  let depth = 0;
  for (const t of toks) {
    if (t.kind === 'punct') {
      if ('([{'.includes(t.value)) depth++;
      else if (')]}'.includes(t.value)) depth--;
      else if (t.value === ';' && depth === 0) {
        if (cur.length) out.push(cur);
        cur = [];
        continue;
      }
    }
    cur.push(t);
  }
  if (cur.length) out.push(cur);
  return out;
}

function parseExpr(toks: readonly Token[]): Node {
  const p = new ExprParser(toks);
  const n = p.expr();
  if (p.i < toks.length) throw new NotExtractable(`trailing ${toks[p.i]?.value ?? ''}`);
  return n;
}

/** Templates of `utils.GenerateSampleSecrets` and the format of `GenerateSampleSecret`, read from the checkout. */
function sampleSpecs(root: string): { templates: string[]; format: string } {
  const toks = tokenize(readFileSync(join(root, 'cmd/generate/config/utils/generate.go'), 'utf8'));
  const { funcs } = topLevel(toks);
  const many = funcs.find((f) => f.name === 'GenerateSampleSecrets');
  const one = funcs.find((f) => f.name === 'GenerateSampleSecret');
  if (!many || !one) throw new Error(`${root}: GenerateSampleSecret(s) not found`);
  const at = many.body.findIndex((t) => t.kind === 'ident' && t.value === 'map');
  const parser = new ExprParser(many.body.slice(at));
  const node = parser.expr();
  const ctx = bareContext();
  const pairs = evaluate(node, ctx) as Array<[string, string]>;
  const format = one.body.find((t) => t.kind === 'str')?.value;
  if (!format) throw new Error(`${root}: GenerateSampleSecret format not found`);
  return { templates: pairs.map(([, v]) => v), format };
}

function bareContext(): EvalContext {
  return {
    lookup: (n) => {
      throw new NotExtractable(`unknown ${n}`);
    },
    rand: rng(1),
    sampleTemplates: [],
    sampleFormat: '',
    onSkip: () => {},
  };
}

function hashSeed(s: string): number {
  let h = 2166136261;
  for (let k = 0; k < s.length; k++) h = Math.imul(h ^ s.charCodeAt(k), 16777619);
  return h >>> 0;
}

/**
 * Literal values a rule rejects one by one (at least 16 token characters), such as example keys from
 * public SDKs: strings in its `Allowlists` (gitleaks) and back-quoted literals in its `Filter`
 * expression (Betterleaks' `matchesAny(finding["secret"], [...])`).
 */
function allowlistedValues(body: readonly Token[], stopValues: readonly string[], usesStopWords: (toks: readonly Token[]) => boolean): string[] {
  const out: string[] = [];
  // Stop words are words, but a long token among them is one value rejected by name (Betterleaks
  // lists a published package-manager key there); a rule that uses the list rejects it too.
  if (usesStopWords(body)) out.push(...stopValues);
  const end = body.findIndex((t) => t.kind === 'ident' && (t.value === 'tps' || t.value === 'fps'));
  const head = body.slice(0, end < 0 ? body.length : end);
  const from = head.findIndex((t) => t.kind === 'ident' && t.value === 'Allowlists');
  if (from >= 0) for (const t of head.slice(from)) if (t.kind === 'str' && /^[\w-]{16,}$/.test(t.value)) out.push(t.value);
  head.forEach((t, k) => {
    const expr = head[k + 2];
    if (t.kind === 'ident' && t.value === 'Filter' && expr?.kind === 'str') for (const m of expr.value.matchAll(/`([\w-]{16,})`/g)) out.push(m[1] ?? '');
  });
  return out.filter(Boolean);
}

/**
 * Literals that follow a `// False Negative` comment in a rule file: the peer's authors list a
 * credential their rule misses among its negatives, so that the rule's test passes.
 */
function peerMissedLiterals(src: string): Set<string> {
  const out = new Set<string>();
  const lines = src.split('\n');
  lines.forEach((line, k) => {
    if (!/^\s*\/\/\s*false negative/i.test(line)) return;
    for (const t of tokenize(lines[k + 1] ?? '')) if (t.kind === 'str') out.add(t.value);
  });
  return out;
}

/** All cases of one gitleaks-layout checkout. */
export function extractGoRules(root: string, source: string): Extraction {
  const dir = join(root, 'cmd/generate/config/rules');
  const { templates, format } = sampleSpecs(root);
  const files = readdirSync(dir).filter((f) => f.endsWith('.go') && !f.endsWith('_test.go')).sort();
  const parsed = files.map((f) => {
    const src = readFileSync(join(dir, f), 'utf8');
    return { file: f, missed: peerMissedLiterals(src), ...topLevel(tokenize(src)) };
  });
  const pkgVars = new Map<string, Token[]>();
  for (const p of parsed) for (const [k, v] of p.vars) pkgVars.set(k, v);
  const pkgCache = new Map<string, Value>();
  // Whether tokens reach DefaultStopWords, directly or through package-level vars and funcs
  // (Betterleaks: the rule's Filter is a var built by a func from the list).
  const funcsByName = new Map(parsed.flatMap((p) => p.funcs.map((f) => [f.name, f.body] as const)));
  const pkgDefs = new Map(pkgVars); // evaluation deletes from pkgVars (its cycle guard)
  const usesStopWords = (toks: readonly Token[], seen = new Set<string>()): boolean =>
    toks.some((t) => {
      if (t.kind !== 'ident') return false;
      if (t.value === 'DefaultStopWords') return true;
      if (seen.has(t.value) || seen.size > 50) return false;
      seen.add(t.value);
      const next = pkgDefs.get(t.value) ?? funcsByName.get(t.value);
      return next !== undefined && usesStopWords(next, seen);
    });
  const stopValues = (pkgVars.get('DefaultStopWords') ?? []).filter((t) => t.kind === 'str' && /^[\w-]{16,}$/.test(t.value) && /\d/.test(t.value)).map((t) => t.value);
  const cases: Case[] = [];
  const skipped = new Map<string, number>();
  const onSkip = (reason: string, count: number): void => {
    const key = reason.replace(/\d+/g, 'N').slice(0, 60);
    skipped.set(key, (skipped.get(key) ?? 0) + count);
  };
  for (const { file, funcs, missed } of parsed) {
    const provider = basename(file, '.go');
    for (const fn of funcs) {
      const allowed = allowlistedValues(fn.body, stopValues, usesStopWords);
      const ruleIdAt = fn.body.findIndex((t, k) => t.kind === 'ident' && t.value === 'RuleID' && fn.body[k + 2]?.kind === 'str');
      const ruleId = ruleIdAt >= 0 ? fn.body[ruleIdAt + 2]?.value ?? fn.name : fn.name;
      const local = new Map<string, Value | NotExtractable>();
      const ctx: EvalContext = {
        rand: rng(hashSeed(`${source}/${file}/${fn.name}`)),
        sampleTemplates: templates,
        sampleFormat: format,
        onSkip,
        lookup: (name) => {
          const v = local.get(name);
          if (v instanceof NotExtractable) throw v;
          if (v !== undefined) return v;
          const cached = pkgCache.get(name);
          if (cached !== undefined) return cached;
          const toks = pkgVars.get(name);
          if (!toks) throw new NotExtractable(`unknown ${name}`);
          pkgVars.delete(name); // cycle guard
          const val = evaluate(parseExpr(toks), ctx);
          pkgCache.set(name, val);
          return val;
        },
      };
      for (const st of splitStatements(fn.body)) {
        const head = st[0];
        if (head?.kind !== 'ident') continue;
        if (head.value === 'return') {
          const call = st.slice(1);
          const name = call.slice(0, 3).map((t) => t.value).join('');
          if (name !== 'utils.Validate' && name !== 'utils.ValidateWithPaths') continue;
          let node: Node;
          try {
            node = parseExpr(call);
          } catch (e) {
            onSkip(`validate call: ${(e as Error).message}`, 1);
            continue;
          }
          if (node.t !== 'call') continue;
          const [, tps, fps] = node.args;
          for (const [label, arg] of [['positive', tps], ['negative', fps]] as const) {
            if (!arg) continue;
            let v: Value;
            try {
              v = evaluate(arg, ctx);
            } catch (e) {
              if (!(e instanceof NotExtractable)) throw e;
              onSkip(e.message, expectedCount(arg, ctx));
              continue;
            }
            if (!Array.isArray(v)) continue;
            v.forEach((item, k) => {
              const [path, text] = Array.isArray(item) ? item : [undefined, item];
              const listed = label === 'negative' && allowed.some((v) => text.includes(v));
              const peerMisses = label === 'negative' && missed.has(text);
              cases.push({ source, provider, rule: ruleId, label, text, path, id: `${source}/${provider}/${ruleId}/${label === 'positive' ? 'tp' : 'fp'}${k}`, ...(listed ? { valueAllowlisted: true } : {}), ...(peerMisses ? { peerMisses: true } : {}) });
            });
          }
          continue;
        }
        // assignments: `x := e`, `x = e`, `var x = e`, `var x T = e`, `x += e`
        let k = head.value === 'var' ? 1 : 0;
        const target = st[k];
        if (target?.kind !== 'ident') continue;
        k++;
        while (k < st.length && !(st[k]?.kind === 'punct' && [':=', '=', '+='].includes(st[k]?.value ?? ''))) {
          if (st[k]?.kind === 'punct' && st[k]?.value !== '.' && st[k]?.value !== '[' && st[k]?.value !== ']' && st[k]?.value !== '*') break;
          k++;
        }
        const op = st[k];
        if (op?.kind !== 'punct' || ![':=', '=', '+='].includes(op.value)) {
          if (/^(for|if|switch)$/.test(head.value) && st.some((t) => t.kind === 'ident' && (t.value === 'tps' || t.value === 'fps'))) onSkip(`${head.value} block`, 1);
          continue;
        }
        try {
          let val = evaluate(parseExpr(st.slice(k + 1)), ctx);
          if (op.value === '+=') {
            const prev = ctx.lookup(target.value);
            val = (typeof prev === 'string' ? prev : '') + String(val);
          }
          local.set(target.value, val);
        } catch (e) {
          if (!(e instanceof NotExtractable)) throw e;
          local.set(target.value, e);
        }
      }
    }
  }
  return { cases, skipped };
}
