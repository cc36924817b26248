// Markdown table cells for the reports GitHub renders (pull request comment, job summary): values from
// the repository escaped so that a file name cannot inject links or HTML, places linked to the file.
import type { Occurrence, Secret } from '../core/types.ts';

/** Text safe inside a table cell: one line, Markdown and HTML metacharacters escaped. */
export function cellText(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[\\`*_{}[\]()<>#+!|~&]/g, (c) => `\\${c}`);
}

/** An inline code span safe inside a table cell (pipes escaped, backtick runs fenced). */
export function cellCode(text: string): string {
  const one = text.replace(/[\r\n]+/g, ' ').replace(/\|/g, '\\|');
  const fence = '`'.repeat(Math.max(0, ...(one.match(/`+/g) ?? []).map((r) => r.length)) + 1);
  const pad = one.startsWith('`') || one.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${one}${pad}${fence}`;
}

/** Trusted Markdown (a playbook step) made to fit in one table cell. */
export function cellMarkdown(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/\|/g, '\\|');
}

/** `[path:line](repoUrl/blob/sha/path#Lline)` with the path escaped and URL-encoded. */
export function locationLink(f: Occurrence, repoUrl: string, sha: string): string {
  const path = f.path.split('/').map(encodeURIComponent).join('/');
  const lines = f.endLine > f.line ? `#L${f.line}-L${f.endLine}` : `#L${f.line}`;
  return `[${cellText(`${f.path}:${f.line}`)}](${repoUrl}/blob/${sha}/${path}${lines})`;
}

/** Places linked in one cell before "and N more". */
const MAX_LINKED_PLACES = 3;

/** The places of a secret, linked, in one table cell: `a:2`, `b:7`, `c:1` and N more. */
export function placesCell(s: Secret, repoUrl: string, headSha: string): string {
  const links = s.occurrences.slice(0, MAX_LINKED_PLACES).map((o) => locationLink(o, repoUrl, o.commit?.sha ?? headSha));
  const more = s.occurrences.length - MAX_LINKED_PLACES;
  return more > 0 ? `${links.join('<br>')}<br>and ${more} more` : links.join('<br>');
}

