// A tokenizer for the small subset of Go that peer scanners' rule files use to build their test
// cases: string literals (interpreted and raw), identifiers, numbers and punctuation, with Go's
// automatic semicolon insertion at line ends so statements can be split.

export type TokenKind = 'str' | 'ident' | 'num' | 'punct';

export interface Token {
  kind: TokenKind;
  /** For `str`: the decoded value; otherwise the source text. */
  value: string;
}

const PUNCTS = ['...', ':=', '==', '!=', '<=', '>=', '&&', '||', '+=', '<-', '++', '--'];

/** Tokens that end a statement when a newline follows them (Go spec, "Semicolons"). */
function endsStatement(t: Token | undefined): boolean {
  if (!t) return false;
  if (t.kind !== 'punct') return true;
  return t.value === ')' || t.value === ']' || t.value === '}' || t.value === '++' || t.value === '--';
}

/** Decodes the body of an interpreted Go string literal (between the quotes). */
function unescapeGo(body: string): string {
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{3}|.)/gs, (_m, e: string) => {
    switch (e[0]) {
      case 'n': return '\n';
      case 't': return '\t';
      case 'r': return '\r';
      case 'a': return '\x07';
      case 'b': return '\b';
      case 'f': return '\f';
      case 'v': return '\v';
      case 'x': case 'u': case 'U': return String.fromCodePoint(parseInt(e.slice(1), 16));
      default:
        return /^[0-7]{3}$/.test(e) ? String.fromCharCode(parseInt(e, 8)) : e;
    }
  });
}

/** Splits Go source into tokens; `;` tokens stand for explicit and inserted semicolons. */
export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = src.length;
  while (i < n) {
    const c = src[i] ?? '';
    if (c === '\n') {
      if (endsStatement(out[out.length - 1])) out.push({ kind: 'punct', value: ';' });
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r') i++;
    else if (src.startsWith('//', i)) {
      const e = src.indexOf('\n', i);
      i = e === -1 ? n : e;
    } else if (src.startsWith('/*', i)) {
      const e = src.indexOf('*/', i + 2);
      i = e === -1 ? n : e + 2;
    } else if (c === '`') {
      const e = src.indexOf('`', i + 1);
      const end = e === -1 ? n : e;
      out.push({ kind: 'str', value: src.slice(i + 1, end).replace(/\r/g, '') });
      i = end + 1;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < n && src[j] !== c && src[j] !== '\n') j += src[j] === '\\' ? 2 : 1;
      const v = unescapeGo(src.slice(i + 1, j));
      out.push(c === '"' ? { kind: 'str', value: v } : { kind: 'num', value: String(v.codePointAt(0) ?? 0) });
      i = j + 1;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i, i + 200));
      const id = m?.[0] ?? c;
      out.push({ kind: 'ident', value: id });
      i += id.length;
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9][0-9a-fA-FxX._]*/.exec(src.slice(i, i + 100));
      const num = m?.[0] ?? c;
      out.push({ kind: 'num', value: num });
      i += num.length;
    } else {
      const p = PUNCTS.find((q) => src.startsWith(q, i)) ?? c;
      out.push({ kind: 'punct', value: p });
      i += p.length;
    }
  }
  return out;
}
