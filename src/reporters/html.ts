// The HTML report: one self-contained page a person opens after a (history) scan. Secrets grouped by
// type, worst first, each with its places, first commit and whether it is still in HEAD; a timeline of
// when they entered the history; the revoke/rotate/verify steps per type. Pure: returns the page.
// Safety: redacted values only; every repository-controlled string is escaped (src/reporters/html/escape.ts);
// no script at all, and a Content-Security-Policy that lets only the page's own stylesheet apply.
import { nodeCrypto } from '../core/builtins.ts';
import type { Occurrence, ScanResult, Secret } from '../core/types.ts';
import { VERSION } from '../version.ts';
import { allowedInlineHeading } from './allowed-inline.ts';
import { groupByType, type TypeGroup } from './by-type.ts';
import { anchor, escapeHtml, stepHtml, text } from './html/escape.ts';
import { STYLE } from './html/style.ts';
import { firstCommit, isYearly, timelineBuckets, timelineSvg, timelineTable } from './html/timeline.ts';
import { secretType, type PlaybookLookup } from './pr-comment.ts';
import type { Reporter } from './reporter.ts';
import { severityCounts } from './text.ts';

/** Places listed per secret before "…and N more" (the JSON report lists them all). */
const MAX_PLACES = 200;

const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;
const occurrenceCount = (secrets: readonly Secret[]): number => secrets.reduce((n, s) => n + s.occurrences.length, 0);

/** The policy: nothing may load or run; only the inline stylesheet with exactly this text applies. No `"` in it (an attribute value). */
function csp(): string {
  const hash = nodeCrypto().createHash('sha256').update(STYLE).digest('base64');
  return `default-src 'none'; style-src 'sha256-${hash}'; img-src 'none'; base-uri 'none'; form-action 'none'`;
}

/** `2024-03-05 14:02` from an ISO date; the raw (escaped) value if it is not one. */
function when(date: string | undefined): string {
  if (!date) return '—';
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(date) ? `${date.slice(0, 10)} ${date.slice(11, 16)}` : text(date);
}

function commitCell(o: Occurrence): string {
  const c = o.commit;
  if (!c) return '<span class="muted">no commit</span>';
  const subject = c.message?.split('\n')[0] ?? '';
  return `<code title="${text(c.sha)}">${text(c.sha.slice(0, 12))}</code>${subject ? ` <span class="muted">${text(subject)}</span>` : ''}`;
}

function placeRow(o: Occurrence): string {
  const decoded = o.decodedFrom ? ` <span class="muted">(inside ${text(o.decodedFrom)}-encoded text)</span>` : '';
  return `<tr><td class="place"><code>${text(o.path)}:${o.line}</code>${decoded}</td><td>${commitCell(o)}</td><td class="mono">${when(o.commit?.date)}</td><td>${o.commit?.author ? text(o.commit.author) : '—'}</td></tr>`;
}

function stateBadge(s: Secret): string {
  if (s.inHead === undefined) return '<span class="state">HEAD not checked (not a history scan)</span>';
  return s.inHead ? '<span class="state state-head">still in HEAD</span>' : '<span class="state state-gone">history only (not in HEAD)</span>';
}

function firstCommitFact(s: Secret): string {
  const c = firstCommit(s);
  if (!c) return '<span class="muted">no commit information (not a history or diff scan)</span>';
  const subject = c.message?.split('\n')[0];
  const by = c.author ? ` by ${text(c.author)}` : '';
  return `<code>${text(c.sha.slice(0, 12))}</code> ${when(c.date)}${by}${subject ? ` — <span class="muted">${text(subject)}</span>` : ''}`;
}

function secretCard(s: Secret): string {
  const shown = s.occurrences.slice(0, MAX_PLACES);
  const more = s.occurrences.length - shown.length;
  return [
    `<article class="secret sev-border-${s.severity}">`,
    `<header><span class="sev sev-${s.severity}">${s.severity}</span> <b>${text(s.ruleName)}</b> <code class="value">${text(s.redacted)}</code> ${stateBadge(s)}</header>`,
    '<dl class="facts">',
    `<dt>Occurrences</dt><dd>${plural(s.occurrences.length, 'occurrence')}</dd>`,
    `<dt>First commit</dt><dd>${firstCommitFact(s)}</dd>`,
    `<dt>Rule</dt><dd><code>${text(s.ruleId)}</code>, confidence ${s.confidence}</dd>`,
    `<dt>Fingerprint</dt><dd><code>${text(s.fingerprint)}</code></dd>`,
    '</dl>',
    '<table class="places"><thead><tr><th>Place</th><th>Commit</th><th>Author date</th><th>Author</th></tr></thead><tbody>',
    ...shown.map(placeRow),
    '</tbody></table>',
    more > 0 ? `<p class="muted">…and ${plural(more, 'more place')} (the JSON report lists them all).</p>` : '',
    '</article>',
  ].join('\n');
}

function stepList(title: string, steps: readonly string[]): string {
  return steps.length ? `<h4>${title}</h4><ol>${steps.map((s) => `<li>${stepHtml(s)}</li>`).join('')}</ol>` : '';
}

/** The type's revoke, rotate and verify steps in a <details> block, as the job summary shows them. */
function playbookBlock(id: string, playbooks: PlaybookLookup | undefined, open: boolean): string {
  const steps = playbooks?.steps?.(id);
  const command = `<p><code>npx keywarden playbook ${text(id)}</code> prints the full playbook, with the audit and history steps.</p>`;
  if (!steps) return `<p>No playbook steps are known for this type. ${command}</p>`;
  return [
    `<details class="playbook"${open ? ' open' : ''}><summary>Playbook: revoke, rotate, verify</summary>`,
    stepList('Revoke', steps.revoke),
    stepList('Rotate', steps.rotate),
    stepList('Verify', steps.verify),
    command,
    '</details>',
  ].join('\n');
}

function typeSection(g: TypeGroup, i: number, playbooks: PlaybookLookup | undefined): string {
  const title = secretType({ type: g.key, ruleName: g.secrets[0]?.ruleName ?? g.key }, playbooks);
  const inHead = g.secrets.filter((s) => s.inHead).length;
  const headNote = inHead ? ` · <b>${inHead} still in HEAD</b>` : '';
  return [
    `<section class="type" id="${anchor(`type-${i + 1}`, g.key)}">`,
    `<header><h3>${text(title)}</h3><span class="sev sev-${g.worst}">${g.worst}</span><span class="muted">${plural(g.secrets.length, 'secret')} · ${plural(occurrenceCount(g.secrets), 'occurrence')}${headNote} · type <code>${text(g.key)}</code></span></header>`,
    // The worst type's steps open; the others one click away, so the page stays readable.
    playbookBlock(g.key, playbooks, i === 0),
    ...g.secrets.map(secretCard),
    '</section>',
  ].join('\n');
}

function typeTable(groups: readonly TypeGroup[], playbooks: PlaybookLookup | undefined): string {
  const rows = groups.map((g, i) => {
    const title = secretType({ type: g.key, ruleName: g.secrets[0]?.ruleName ?? g.key }, playbooks);
    const head = g.secrets.some((s) => s.inHead !== undefined) ? String(g.secrets.filter((s) => s.inHead).length) : '—';
    return `<tr><td><a href="#${anchor(`type-${i + 1}`, g.key)}">${text(title)}</a></td><td><span class="sev sev-${g.worst}">${g.worst}</span></td><td class="num">${g.secrets.length}</td><td class="num">${occurrenceCount(g.secrets)}</td><td class="num">${head}</td></tr>`;
  });
  return `<table><thead><tr><th>Secret type</th><th>Worst severity</th><th class="num">Secrets</th><th class="num">Occurrences</th><th class="num">Still in HEAD</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function timelineSection(secrets: readonly Secret[]): string {
  const buckets = timelineBuckets(secrets);
  const heading = '<h2 id="timeline">When secrets entered the history</h2>';
  if (!buckets.length) return `${heading}<p class="note">No commit dates: this scan did not read git history. <code>keywarden scan --history --format html</code> shows when each secret was committed.</p>`;
  const undated = secrets.filter((s) => !firstCommit(s)?.date).length;
  const undatedNote = undated ? `<p class="muted">${plural(undated, 'secret')} without a commit date ${undated === 1 ? 'is' : 'are'} not counted.</p>` : '';
  return `${heading}<p class="muted">Each secret counted once, in the ${isYearly(buckets) ? 'year' : 'month'} of the author date of its first commit.</p><div class="chart">${timelineSvg(buckets)}</div>${timelineTable(buckets, isYearly(buckets))}${undatedNote}`;
}

function totals(result: ScanResult): string {
  const { secrets } = result;
  const inHead = secrets.filter((s) => s.inHead).length;
  const box = (n: number | string, label: string): string => `<div class="total"><b>${n}</b>${label}</div>`;
  const boxes = [box(secrets.length, 'secrets'), box(occurrenceCount(secrets), 'occurrences'), box(new Set(secrets.map((s) => s.type)).size, 'types')];
  if (secrets.some((s) => s.inHead !== undefined)) boxes.push(box(inHead, 'still in HEAD'));
  return `<div class="totals">${boxes.join('')}</div>`;
}

/** The secrets a `keywarden:allow` marker kept out of the report, for review (as in the job summary). */
function allowedInlineBlock(allowed: readonly Secret[]): string {
  if (!allowed.length) return '';
  const rows = allowed.map((s) => {
    const places = s.occurrences.slice(0, MAX_PLACES).map((o) => `<code>${text(o.path)}:${o.line}</code>`);
    const more = s.occurrences.length - places.length;
    return `<tr><td>${text(s.ruleName)} (<code>${text(s.ruleId)}</code>)</td><td class="place">${places.join('<br>')}${more > 0 ? `<br>…and ${more} more` : ''}</td><td><code>${text(s.redacted)}</code></td><td><code>${text(s.fingerprint)}</code></td></tr>`;
  });
  return [
    `<h2 id="allowed-inline">${stepHtml(allowedInlineHeading(allowed.length, 'in this scan'))}</h2>`,
    '<p>These lines carry a <code>keywarden:allow</code> marker, so they are not counted above. A real credential marked this way is as leaked as any other (<code>--no-inline-allow</code> reports them).</p>',
    `<table><thead><tr><th>Rule</th><th>Places</th><th>Value</th><th>Fingerprint</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
  ].join('\n');
}

function errorsBlock(result: ScanResult): string {
  if (!result.errors.length) return '';
  const items = result.errors.map((e) => `<li>${e.warning ? 'warning' : 'error'}: ${text(`${e.path ? `${e.path}: ` : ''}${e.message}`)}</li>`);
  return `<h2 id="errors">Scan errors</h2><p>Not everything could be read: the report may be incomplete.</p><ul>${items.join('')}</ul>`;
}

export const htmlReporter = ((result, ctx) => {
  const { secrets, stats } = result;
  const headline = secrets.length ? `${plural(secrets.length, 'secret')} found (${severityCounts(secrets)})` : 'no secrets found';
  const groups = groupByType(secrets);
  const body = secrets.length
    ? [
        totals(result),
        '<h2 id="types">Secrets by type</h2>',
        typeTable(groups, ctx.playbooks),
        timelineSection(secrets),
        '<h2 id="secrets">Secrets and what to do</h2>',
        '<p>Treat each one as leaked: revoke and rotate it first, then remove it from the code. Deleting it from the history does not undo the leak.</p>',
        ...groups.map((g, i) => typeSection(g, i, ctx.playbooks)),
      ]
    : ['<p>No secrets were found.</p>'];
  return `${[
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp()}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>keywarden: ${escapeHtml(headline)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body><main>',
    `<h1>keywarden: ${escapeHtml(headline)}</h1>`,
    `<p class="muted">Scanned ${plural(stats.files, 'file')}, ${(stats.bytes / 1024).toFixed(1)} KB, ${stats.rules} rules, in ${(stats.durationMs / 1000).toFixed(2)} s. Values are shown redacted.</p>`,
    ...body,
    allowedInlineBlock(result.allowedInline ?? []),
    errorsBlock(result),
    `<footer>keywarden ${escapeHtml(VERSION)} · this page loads nothing from the network and runs no script.</footer>`,
    '</main></body>',
    '</html>',
  ].join('\n')}\n`;
}) satisfies Reporter;
