// Markdown building blocks for text that comes from a repository (paths, rule names, redacted values):
// it must render literally and must not be able to inject links, HTML or formatting into an issue.

/** An inline code span that shows `text` literally, whatever backticks it holds. */
export function codeSpan(text: string): string {
  const oneLine = text.replace(/[\r\n]+/g, ' ');
  const longestRun = Math.max(0, ...(oneLine.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = oneLine.startsWith('`') || oneLine.endsWith('`') || oneLine === '' ? ' ' : '';
  return `${fence}${pad}${oneLine}${pad}${fence}`;
}

/** Plain text with Markdown and HTML metacharacters escaped, on one line. */
export function escapeText(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[\\`*_{}[\]()<>#+!|~]/g, (c) => `\\${c}`);
}

/** A numbered list of steps (the steps are trusted Markdown from the playbook files). */
export function numbered(steps: readonly string[], start = 1): string {
  return steps.map((s, i) => `${start + i}. ${s}`).join('\n');
}

/** `[host/path](url)` links separated by ` · `; parentheses in URLs are percent-encoded. */
export function linkList(urls: readonly string[]): string {
  const label = (u: string): string => escapeText(u.replace(/^https:\/\//, '').replace(/\/$/, ''));
  return urls.map((u) => `[${label(u)}](${u.replace(/\(/g, '%28').replace(/\)/g, '%29')})`).join(' · ');
}
