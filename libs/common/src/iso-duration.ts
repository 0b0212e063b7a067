/** ISO 8601 durations (P1Y2M3DT4H5M6S, P2W) and Kaari's working-day form (P10WD). */
export interface IsoDuration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
  /** Days counted only on working days: weekends and Finnish public holidays do not count. */
  workingDays: number;
}

const PATTERN = /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:(\d+)WD)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

export function parseIsoDuration(text: string): IsoDuration | null {
  if (typeof text !== 'string' || text.length > 64) return null;
  const m = PATTERN.exec(text.trim());
  if (!m) return null;
  const n = (i: number) => (m[i] ? Number(m[i]) : 0);
  return { years: n(1), months: n(2), weeks: n(3), days: n(4), workingDays: n(5), hours: n(6), minutes: n(7), seconds: n(8) };
}

/** Adds a calendar duration to a date, in UTC. Working days are added by the caller's calendar. */
export function addDuration(from: Date, d: IsoDuration): Date {
  const out = new Date(from.getTime());
  out.setUTCFullYear(out.getUTCFullYear() + d.years, out.getUTCMonth() + d.months, out.getUTCDate() + d.weeks * 7 + d.days);
  out.setTime(out.getTime() + ((d.hours * 60 + d.minutes) * 60 + d.seconds) * 1000);
  return out;
}
