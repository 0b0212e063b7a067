import { WorkingDayCalendar } from '@kaari/common/working-days.js';
import { periodEnd } from './appeal-period.js';

const calendar = new WorkingDayCalendar();

describe('appeal period ends', () => {
  it('after the days of the period when the last day is a working day', () => {
    // Published Monday 2 March 2026: deemed informed Monday 9 March, the request for review by Monday 23 March.
    const informed = new Date('2026-03-09T10:00:00Z');
    expect(periodEnd(informed, 'P14D', calendar).toISOString()).toBe('2026-03-23T10:00:00.000Z');
  });

  it('on the next working day when the last day is a weekend or a holiday', () => {
    // 14 days from Thursday 17 December 2026 is New Year's Eve; then New Year's Day and a weekend.
    expect(periodEnd(new Date('2026-12-17T10:00:00Z'), 'P14D', calendar).toISOString()).toBe('2027-01-04T10:00:00.000Z');
  });

  it('exactly, for periods in hours or seconds', () => {
    expect(periodEnd(new Date('2026-12-19T10:00:00Z'), 'PT2S', calendar).toISOString()).toBe('2026-12-19T10:00:02.000Z');
  });

  it('counts working days when asked', () => {
    // Friday 18 December 2026: 21, 22, 23 and — over Christmas Eve, Christmas and a weekend — 28 December.
    expect(periodEnd(new Date('2026-12-18T10:00:00Z'), 'P4WD', calendar).toISOString()).toBe('2026-12-28T10:00:00.000Z');
  });
});
