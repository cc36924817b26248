// Values that are code or names, not data. A generic rule (`password =`, `token:`) knows only its key,
// so in source files it meets the right-hand sides of assignments: member reads (`conn.Password`),
// calls (`str(get_config(X))`), symbols (`:csrf_token`), format strings (`'key.%s.access'`), CLI flags
// (`'--password='.$x`), validation rules (`required|confirmed`), mount options (`id=npm_token,src=.npmrc`)
// and separated identifiers
// (`etcd-cluster-k8s`, `_aj_keywords`). Each is recognised by its format; random tokens almost never
// have one, because their segments mix case and digits at random. Pure functions, no I/O.
import { isWordLike } from './randomness.ts';

/** A code or name shape a generic candidate can have. */
export type CodeKind = 'format-string' | 'cli-flag' | 'rule-list' | 'option-list' | 'call' | 'member-access' | 'separated-identifier';

/** printf and `str.format` slots: `%s`, `%v`, `%-10s`, `%1$s`, `{}`, `{0}`. `%25s` (an escaped `%` then `s`) is not one. */
const FORMAT_SLOT = /%(?:\d+\$)?[-+ #]?(?:\d(?![\dA-Fa-f]))?[sqv@](?![A-Za-z0-9])|\{\d{0,2}\}/;
/** A command-line flag awaiting its value (`--password=`, `-p=`) or a long flag (`--password-stdin`). */
const CLI_FLAG = /^--[a-z][a-z0-9]*(?:-[a-z0-9]+)*=?$|^-[a-z][a-z0-9]*(?:-[a-z0-9]+)*=$/;
/** Validation-rule or option lists: `required|confirmed`, `nullable|string|min:8`. */
const RULE_LIST = /^[a-z][a-z_]*(?::[\w.,]+)?(?:\|[a-z][a-z_]*(?::[\w.,]+)?)+$/;
/** Comma-separated `name=value` options, as in mount specs: `id=npm_token,src=.npmrc`, `type=secret,target=/run/x`. */
const OPTION_LIST = /^[a-z][a-z-]*=[^,=\s]+(?:,[a-z][a-z-]*=[^,=\s]+)+$/;
/** Sigils in front of a name: Ruby symbols and ivars, shell and PHP variables, Perl, negation, string concatenation. */
const LEADING = /^(?:[.+]\s*(?=[$@]))?[:@$!&*]*/;
/** What ends an expression in a statement or argument list: `,` `;` `|` `?` (Ruby predicates), an unclosed `(`. */
const TRAILING = /[,;|?(]+$/;
/** One segment: lower (`conn`, `k8s`), upper (`KRB5`), or camel humps of two letters or more (`connInfo`, `NextToken`, `HTTPServer`). */
const SEGMENT = /^(?:[a-z][a-z0-9]*|[A-Z][A-Z0-9]*|(?:[A-Z]{2,}(?=[A-Z][a-z])|[A-Z]?[a-z]{2,}[0-9]{0,2})+)$/;
/** Separators between segments: `.` `_` `-` `:` `::` `->`. */
const SEPARATOR = /->|::|[._:-]/;

/**
 * The code shape of `value`, or undefined when it may be a random token. Separated identifiers need a
 * segment that is a word of four letters or more, at most a quarter of digits, every segment in one
 * of the case shapes of SEGMENT, and no part longer than eight characters with a digit in it.
 */
export function codeKind(value: string): CodeKind | undefined {
  if (FORMAT_SLOT.test(value)) return 'format-string';
  if (CLI_FLAG.test(value)) return 'cli-flag';
  if (RULE_LIST.test(value) && value.split(/[|:]/).some((w) => isWordLike(w))) return 'rule-list';
  if (OPTION_LIST.test(value)) return 'option-list';
  const bare = value.replace(LEADING, '').replace(TRAILING, '');
  if (isCall(bare)) return 'call';
  if (!isSeparatedIdentifier(bare)) return undefined;
  return /->|::|\./.test(bare) && /[A-Z]/.test(bare) && /[a-z]/.test(bare) ? 'member-access' : 'separated-identifier';
}

/** `name(args)` with balanced parentheses, a callee of three characters or more, and a word in callee or arguments. */
function isCall(s: string): boolean {
  const m = /^([A-Za-z_$][\w$]*(?:(?:\.|::|->)[A-Za-z_$][\w$]*)*)\((.*)\)$/.exec(s);
  if (!m || (m[1] ?? '').length < 3 || !balanced(m[2] ?? '')) return false;
  return /^[\w$.,:'" ()>-]*$/.test(m[2] ?? '') && hasWord(`${m[1]} ${m[2]}`);
}

function balanced(s: string): boolean {
  let depth = 0;
  for (const ch of s) {
    if (ch === '(') depth++;
    else if (ch === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

/** Two or more segments joined by SEPARATOR, each of a SEGMENT shape, few digits, one a real word. */
function isSeparatedIdentifier(s: string): boolean {
  const parts = s.split(SEPARATOR).filter((p) => p.length > 0);
  if (parts.length < 2 || !parts.every((p) => SEGMENT.test(p))) return false;
  const alnum = parts.join('');
  if ((alnum.match(/[0-9]/g)?.length ?? 0) * 4 > alnum.length) return false;
  // A long part that is not a word is random (`dvc_client_ow9myjnq095ubcubuc5pmgtb`).
  if (parts.some((p) => p.length > 8 && /[0-9]/.test(p))) return false;
  return hasWord(s);
}

/** A word of four letters or more among the parts of `s` (camel humps split). */
function hasWord(s: string): boolean {
  const words = s.replace(/([a-z])([A-Z])/g, '$1 $2').split(/[^A-Za-z]+/);
  return words.some((w) => w.length >= 4 && isWordLike(w));
}
