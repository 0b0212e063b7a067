import type { WorkingDayCalendar } from '@kaari/common/working-days.js';
import { addPeriod, periodEnd } from '../decisions/appeal-period.js';

/**
 * The appeal clock of published minutes (Local Government Act 134–140 §, the Act on
 * Court Proceedings in Administrative Matters 808/2019): everyone is deemed to have received notice seven days after publication in the
 * public data network, and a request for review (oikaisuvaatimus) to the same body may be made
 * within 14 days of that. The body's decision on a request may be appealed to the administrative
 * court (kunnallisvalitus) within 30 days of notice of it. A period that ends on a weekend or a
 * holiday ends on the next working day; the notice day itself does not move.
 */
export interface AppealClock {
  publishedAt: Date;
  informedAt: Date;
  endsAt: Date;
}

export interface AppealDurations {
  notice: string;
  period: string;
}

export const REVIEW_REQUEST: AppealDurations = { notice: 'P7D', period: 'P14D' };
export const COURT_APPEAL: AppealDurations = { notice: 'P7D', period: 'P30D' };

export function appealClock(publishedAt: Date, calendar: WorkingDayCalendar, durations: AppealDurations = REVIEW_REQUEST): AppealClock {
  const informedAt = addPeriod(publishedAt, durations.notice, calendar);
  return { publishedAt, informedAt, endsAt: periodEnd(informedAt, durations.period, calendar) };
}
