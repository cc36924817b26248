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
