// One playbook as terminal text, ordered along the response timeline:
//   within minutes: revoke, rotate, verify · within the hour: audit + common · within the day: common.
// Pure: returns a string; the caller writes it.
import type { CommonPlaybook, Playbook } from './types.ts';

/** Options for `renderPlaybookText`. */
export interface TextOptions {
  /** ANSI bold headings and coloured `code` spans (backticks dropped). Default: false. */
  color?: boolean;
}

interface Style {
  heading(s: string): string;
  sub(s: string): string;
  step(s: string): string;
}

const PLAIN: Style = { heading: (s) => s.toUpperCase(), sub: (s) => s, step: (s) => s };
const ANSI: Style = {
  heading: (s) => `\x1b[1m${s.toUpperCase()}\x1b[22m`,
  sub: (s) => `\x1b[1m${s}\x1b[22m`,
  step: (s) => s.replace(/`([^`]+)`/g, '\x1b[36m$1\x1b[39m'),
};

/** `  Title` then numbered steps, indented; numbering continues across `groups`. */
function block(style: Style, title: string, ...groups: (readonly string[] | undefined)[]): string[] {
  const steps = groups.flatMap((g) => g ?? []);
  if (!steps.length) return [];
  return [`  ${style.sub(title)}`, ...steps.map((s, i) => `    ${i + 1}. ${style.step(s)}`), ''];
}

/** The full playbook for one secret type, with the common timeline steps merged in. */
export function renderPlaybookText(playbook: Playbook, common: CommonPlaybook, options: TextOptions = {}): string {
  const st = options.color ? ANSI : PLAIN;
  const p = playbook;
  const lines = [
    `${st.sub(p.title)} (${p.provider}) · playbook ${p.id}`,
    '',
    `  What it grants: ${st.step(p.grants)}`,
    `  Blast radius:   ${st.step(p.blastRadius)}`,
    '',
    st.heading('Within minutes'),
    ...block(st, 'Revoke', p.revoke),
    ...block(st, `Rotate (${p.rotate.pattern}): ${st.step(common.patterns[p.rotate.pattern])}`, p.rotate.steps),
    ...block(st, 'Verify the old value is dead', p.verify),
    st.heading('Within the hour'),
    ...block(st, 'Audit for misuse', p.audit),
    ...block(st, 'Assess and tell', common.withinHour),
    st.heading('Within the day'),
    ...block(st, 'Measure the exposure', common.exposure),
    ...block(st, 'Clean the history (only after rotating)', p.history, common.history),
    ...block(st, 'Record and notify', common.record),
    st.heading('References'),
    ...[...p.references, ...common.references].map((u) => `  ${u}`),
  ];
  return `${lines.join('\n')}\n`;
}

/** `--list` output: one `id  title (provider)` line per playbook, ids aligned. */
export function renderPlaybookList(playbooks: readonly Playbook[]): string {
  const width = Math.max(0, ...playbooks.map((p) => p.id.length));
  return playbooks.map((p) => `${p.id.padEnd(width)}  ${p.title} (${p.provider})\n`).join('');
}
