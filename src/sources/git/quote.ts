// Git's C-style path quoting: a path holding control characters, `"` or `\` (or, without
// core.quotepath=false, non-ASCII bytes) is written as "..." with backslash escapes and octal bytes.

const ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

/** The path a possibly quoted git path stands for; unquoted input is returned as is. */
export function unquoteCPath(s: string): string {
  if (s.length < 2 || !s.startsWith('"') || !s.endsWith('"')) return s;
  const body = s.slice(1, -1);
  const parts: Buffer[] = [];
  let run = 0;
  for (let i = 0; i < body.length; i++) {
    if (body[i] !== '\\') continue;
    parts.push(Buffer.from(body.slice(run, i), 'utf8'));
    const next = body[i + 1] ?? '';
    if (/[0-7]/.test(next)) {
      parts.push(Buffer.from([parseInt(body.slice(i + 1, i + 4), 8) & 0xff]));
      i += 3;
    } else {
      parts.push(Buffer.from([ESCAPES[next] ?? next.charCodeAt(0)]));
      i += 1;
    }
    run = i + 1;
  }
  parts.push(Buffer.from(body.slice(run), 'utf8'));
  return Buffer.concat(parts).toString('utf8');
}
