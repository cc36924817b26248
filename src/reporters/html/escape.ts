// Text into HTML. Paths, commit messages, author names and rule names come from the repository (an
// attacker can name a file `<img src=x onerror=…>.env`), so every value goes through `text()`: control
// characters shown as escapes (as on the terminal), then the five HTML metacharacters escaped, which
// makes it safe in element content and in double- or single-quoted attribute values.
import { printable } from '../../core/printable.ts';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** `s` with `& < > " '` escaped (for trusted text that may still hold metacharacters). */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** Untrusted text, safe in content and quoted attributes, control characters made visible. */
export function text(s: string): string {
  return escapeHtml(printable(s));
}

/**
 * A playbook step (trusted Markdown whose only markup is `code` spans, see src/playbook/types.ts) as
 * HTML: code spans become `<code>`, everything else is escaped, so a step can add no other markup.
 */
export function stepHtml(step: string): string {
  return step
    .split(/(`[^`]+`)/)
    .map((part) => (part.length > 2 && part.startsWith('`') && part.endsWith('`') ? `<code>${text(part.slice(1, -1))}</code>` : text(part)))
    .join('');
}

/** An id attribute value from any string: lowercase letters, digits and dashes. */
export function anchor(prefix: string, s: string): string {
  return `${prefix}-${s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'x'}`;
}
