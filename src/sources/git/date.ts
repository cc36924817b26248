// Commit dates as git's `%aI` prints them: ISO 8601 in the author's own time zone.

/** `2026-01-02T03:04:05+01:00` for epoch seconds `epoch` in a zone `eastMinutes` east of UTC. */
export function isoDateAt(epoch: number, eastMinutes: number): string {
  const local = new Date((epoch + eastMinutes * 60) * 1000).toISOString().slice(0, 19);
  const abs = Math.abs(eastMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${local}${eastMinutes < 0 ? '-' : '+'}${hh}:${mm}`;
}

/** Minutes east of UTC of a git `+hhmm` / `-hhmm` zone (0 when malformed). */
export function zoneMinutes(tz: string): number {
  const m = /^([+-])(\d\d)(\d\d)$/.exec(tz);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

const UNIT_SECONDS: Record<string, number> = { second: 1, minute: 60, hour: 3600, day: 86400, week: 7 * 86400, month: 30 * 86400, year: 365 * 86400 };

/**
 * `--since` text → an ISO 8601 instant both backends read the same way, or undefined when it is not a
 * date. git itself takes anything (`--since=garbage` means "now", so a nightly scan would scan nothing):
 * accepted are ISO dates (`2024-01-31`, `2024-01-31T12:00:00Z`), `N unit(s) [ago]` (`2 weeks ago`,
 * `3.days`) and `yesterday`.
 */
export function parseSince(text: string, now: number = Date.now()): string | undefined {
  const t = text.trim().toLowerCase();
  if (t === 'yesterday') return new Date(now - 86400_000).toISOString();
  const rel = /^(\d+)[\s.]*(second|minute|hour|day|week|month|year)s?(?:[\s.]+ago)?$/.exec(t);
  if (rel) return new Date(now - Number(rel[1]) * (UNIT_SECONDS[rel[2] ?? ''] ?? 0) * 1000).toISOString();
  if (!/^\d{4}-\d{2}-\d{2}(?:[t ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?)?$/.test(t)) return undefined;
  const ms = Date.parse(text.trim().replace(' ', 'T'));
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}
