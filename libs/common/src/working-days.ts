import Holidays from 'date-holidays';
import { addDuration, type IsoDuration } from './iso-duration.js';

/**
 * Finnish working days: weekends, public holidays and bank holidays (date-holidays'
 * FI calendar) do not count. A deadline of N working days lands at the same time of day on the Nth
 * working day after the start.
 */
export class WorkingDayCalendar {
  private readonly holidays = new Holidays('FI');
  private readonly cache = new Map<string, boolean>();

  isWorkingDay(date: Date): boolean {
    const key = date.toISOString().slice(0, 10);
    let working = this.cache.get(key);
    if (working === undefined) {
      const day = date.getUTCDay();
      const found = this.holidays.isHoliday(new Date(`${key}T12:00:00Z`));
      // Bank holidays too: Midsummer Eve, Christmas Eve and New Year's Eve, when city offices close or keep short hours.
      const publicHoliday = Array.isArray(found) && found.some((h) => h.type === 'public' || h.type === 'bank');
      working = day !== 0 && day !== 6 && !publicHoliday;
      this.cache.set(key, working);
    }
    return working;
  }

  /**
   * Adds an ISO 8601 duration with its working days: the calendar part (P1D, PT2H) in UTC
   * first, then the working days (P5WD). Every deadline, grace period and appeal period is added here.
   */
  add(from: Date, duration: IsoDuration): Date {
    const calendarPart = addDuration(from, { ...duration, workingDays: 0 });
    return duration.workingDays ? this.addWorkingDays(calendarPart, duration.workingDays) : calendarPart;
  }

  addWorkingDays(from: Date, days: number): Date {
    const out = new Date(from.getTime());
    let left = days;
    while (left > 0) {
      out.setUTCDate(out.getUTCDate() + 1);
      if (this.isWorkingDay(out)) left -= 1;
    }
    return out;
  }
}
