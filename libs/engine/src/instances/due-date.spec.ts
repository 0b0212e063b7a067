import { WorkingDayCalendar } from '@kaari/common/working-days.js';
import { computeDueAt, isOverdue } from './due-date.js';

const calendar = new WorkingDayCalendar();
const at = (iso: string) => new Date(iso);

describe('computeDueAt', () => {
  it('adds an ISO duration from the task creation', () => {
    expect(computeDueAt('P14D', at('2026-03-02T09:00:00Z'), {}, calendar)).toEqual(at('2026-03-16T09:00:00Z'));
    expect(computeDueAt('PT2S', at('2026-03-02T09:00:00Z'), {}, calendar)).toEqual(at('2026-03-02T09:00:02Z'));
  });

  it('counts working days past weekends and Finnish public holidays', () => {
    // Wed 23.12.2026 + 3 working days: 24.12 (Christmas Eve), 25.12 (Christmas), 26.12 (Sat), 27.12 (Sun) do not count.
    expect(computeDueAt('P3WD', at('2026-12-23T10:00:00Z'), {}, calendar)).toEqual(at('2026-12-30T10:00:00Z'));
    // Fri 1.5.2026 is May Day: from Thu 30.4, one working day lands on Mon 4.5.
    expect(computeDueAt('P1WD', at('2026-04-30T10:00:00Z'), {}, calendar)).toEqual(at('2026-05-04T10:00:00Z'));
    // An ordinary week: Mon + 5 working days = next Mon.
    expect(computeDueAt('P5WD', at('2026-03-02T10:00:00Z'), {}, calendar)).toEqual(at('2026-03-09T10:00:00Z'));
  });

  it('takes an ISO date-time with an offset, and an expression over the variables', () => {
    expect(computeDueAt('2026-06-22T12:00:00+03:00', at('2026-03-02T09:00:00Z'), {}, calendar)).toEqual(at('2026-06-22T09:00:00Z'));
    expect(computeDueAt('${environment.variables.reviewDeadline}', at('2026-03-02T09:00:00Z'), { reviewDeadline: 'P1D' }, calendar)).toEqual(
      at('2026-03-03T09:00:00Z'),
    );
  });

  it('gives no deadline for what it cannot read', () => {
    expect(computeDueAt('next tuesday', at('2026-03-02T09:00:00Z'), {}, calendar)).toBeNull();
    expect(computeDueAt('2026-06-22T12:00:00', at('2026-03-02T09:00:00Z'), {}, calendar)).toBeNull();
    expect(computeDueAt('${environment.variables.missing}', at('2026-03-02T09:00:00Z'), {}, calendar)).toBeNull();
    expect(computeDueAt('${environment.constructor}', at('2026-03-02T09:00:00Z'), {}, calendar)).toBeNull();
  });
});

describe('isOverdue', () => {
  const now = at('2026-03-02T09:00:00Z');
  it('is late past the deadline, and stays late after an escalation moved the deadline forward', () => {
    expect(isOverdue(at('2026-03-02T08:59:00Z'), 0, now)).toBe(true);
    expect(isOverdue(at('2026-03-02T09:01:00Z'), 0, now)).toBe(false);
    expect(isOverdue(null, 0, now)).toBe(false);
    expect(isOverdue(at('2026-03-12T09:00:00Z'), 1, now)).toBe(true);
  });
});
