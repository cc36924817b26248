// Text from outside (file names, paths, messages that quote them) made safe to print on a terminal:
// a file named `x\e]0;owned\a` or `a\nfake line` must not move the cursor, retitle the window or
// forge a line of the report. Human-readable outputs pass every such value through `printable`.

/** C0 and C1 controls, DEL, and the bidirectional overrides that reorder what a reader sees. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `text` with every control character written as an escape (`\n`, `\x1b`, `\u202e`). */
export function printable(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const named = NAMED[c];
    if (named) return named;
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
