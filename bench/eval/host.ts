// A host is a file format of the corpus (.env, YAML, Python, Go…): it renders planted items in its own
// idiom and surrounds them with harmless filler written in the same format.
import type { Rand } from './keys.ts';
import { chance, int } from './vocab.ts';

/**
 * How an item is written:
 *   assign        key and value in the format's own syntax (`K=V`, `K: "V"`, `const K = "V";`)
 *   call          value passed to a constructor or command (`new Client("V")`): self-identifying secrets only
 *   env-item      Kubernetes/Compose env entry (`- name: X` / `value: "V"`): self-identifying secrets only
 *   comment       `K = V` inside a comment
 *   verbatim      the example's own lines, unchanged (multi-line examples, path-specific formats)
 *   pem           a multi-line block embedded as a multi-line string (heredoc, block scalar, text block)
 *   json-escaped  a multi-line block as one string with `\n` escapes (service-account JSON style)
 */
export type Style = 'assign' | 'call' | 'env-item' | 'comment' | 'verbatim' | 'pem' | 'json-escaped';

/** Something to place in a file: a planted secret or a decoy. */
export interface Item {
  style: Style;
  key: string;
  /** The value; for `verbatim` and `pem`, the lines joined with `\n`. */
  value: string;
  /** A code expression (`process.env.X`) written unquoted. Decoys only. */
  expr?: boolean;
  /** `verbatim`: 0-based line of `value` that holds the secret. */
  target?: number;
}

/** An item rendered as consecutive lines; `target` is the line holding the value. */
export interface Block {
  lines: string[];
  target: number;
}

/** One file format. */
export interface Host {
  id: string;
  /** A file path for this format, relative to a project directory. */
  path: (rand: Rand) => string;
  styles: readonly Style[];
  /** Extra condition on items beyond `styles` (e.g. keys that must be identifiers). Default: all. */
  accepts?: (item: Item) => boolean;
  render: (item: Item, rand: Rand) => Block;
  /** A harmless block of lines in this format. */
  filler: (rand: Rand) => string[];
  header?: (rand: Rand) => string[];
  footer?: (rand: Rand) => string[];
  /** At most this many items per file (key files hold one). Default 3. */
  maxItems?: number;
}

/** The lines of a file and the 0-based line of each block's target. */
export interface Assembled {
  lines: string[];
  targets: number[];
}

/** Header, then each block preceded by 0–4 filler blocks, then more filler and the footer. */
export function assemble(host: Host, blocks: readonly Block[], rand: Rand): Assembled {
  const lines = [...(host.header?.(rand) ?? [])];
  const targets: number[] = [];
  for (const b of blocks) {
    for (let i = int(rand, 0, 4); i > 0; i--) lines.push(...host.filler(rand));
    targets.push(lines.length + b.target);
    lines.push(...b.lines);
  }
  for (let i = int(rand, 0, 3); i > 0; i--) lines.push(...host.filler(rand));
  lines.push(...(host.footer?.(rand) ?? []));
  return { lines, targets };
}

/** A double-quoted string literal (JSON escaping, valid in JS, Python, Go, Java, HCL, TOML). */
export function dq(v: string): string {
  return JSON.stringify(v);
}

/** A single-quoted literal when the value allows one, else double-quoted. */
export function sq(v: string): string {
  return /['\\\n]/.test(v) ? dq(v) : `'${v}'`;
}

/** Double or single quotes, chosen by `rand`. */
export function anyQuote(rand: Rand, v: string): string {
  return chance(rand, 0.5) ? dq(v) : sq(v);
}

/** True when `k` can be written bare as an identifier in most languages. */
export function isIdent(k: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(k);
}

/** True when a value can be written unquoted in .env, properties or YAML. */
export function bareSafe(v: string): boolean {
  return /^[A-Za-z0-9_./+=:@-]+$/.test(v) && !/^[-:@]/.test(v) && !v.includes(': ');
}

/** A `verbatim` or `pem` item's lines. */
export function itemLines(item: Item): string[] {
  return item.value.split('\n');
}

/** `lines` indented by `pad`. */
export function indent(lines: readonly string[], pad: string): string[] {
  return lines.map((l) => (l ? pad + l : l));
}

/** True when every line of `text` reads as YAML (`key: value`, list items, indented continuations). */
export function looksLikeYaml(text: string): boolean {
  const lines = text.split('\n').filter((l) => l.trim());
  return lines.length > 0 && /^[\w"'.-]+:( |$)/.test(lines[0] ?? '') && lines.every((l) => /^\s*(- )?[\w"'./-]+:( |$)|^\s+\S|^\s*- /.test(l));
}
