import { addDuration, parseIsoDuration } from '@kaari/common/iso-duration.js';
import type { WorkingDayCalendar } from '@kaari/common/working-days.js';

const DAY_MS = 24 * 3600 * 1000;

function parse(duration: string) {
  const d = parseIsoDuration(duration);
  if (!d) throw new Error(`not an ISO 8601 duration: ${duration}`);
  return d;
}

/** `from` plus the duration, working days (`P7WD`) counted by the calendar. */
export function addPeriod(from: Date, duration: string, calendar: WorkingDayCalendar): Date {
  const d = parse(duration);
  const end = addDuration(from, { ...d, workingDays: 0 });
  return d.workingDays ? calendar.addWorkingDays(end, d.workingDays) : end;
}

/**
 * When a period from `from` ends. A period counted in days that would end on a weekend or a
 * holiday ends on the next working day instead (the Act on the Calculation of Statutory Time
 * Limits, 150/1930); `P10WD` counts working days; periods in hours or seconds (tests) are exact.
 */
export function periodEnd(from: Date, duration: string, calendar: WorkingDayCalendar): Date {
  const d = parse(duration);
  let end = addPeriod(from, duration, calendar);
  if (!d.hours && !d.minutes && !d.seconds) {
    while (!calendar.isWorkingDay(end)) end = new Date(end.getTime() + DAY_MS);
  }
  return end;
}
