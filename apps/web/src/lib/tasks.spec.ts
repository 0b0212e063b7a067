import type { Task } from '../api';
import { sortTasks, span } from './tasks';

const task = (id: string, dueAt: string | null, overdue = false) => ({ id, dueAt, overdue }) as Task;

describe('sortTasks', () => {
  it('puts overdue tasks first, then the rest by deadline, tasks without a deadline last', () => {
    const sorted = sortTasks([
      task('none', null),
      task('late', '2026-11-01T10:00:00Z'),
      task('soon', '2026-12-01T10:00:00Z', true),
      task('later', '2026-12-20T10:00:00Z'),
      task('oldest-overdue', '2026-11-20T10:00:00Z', true),
    ]);
    expect(sorted.map((t) => t.id)).toEqual(['oldest-overdue', 'soon', 'late', 'later', 'none']);
  });
});

describe('span', () => {
  const MIN = 60_000;
  it('says a task one minute late is one minute late, not a day', () => {
    expect(span(-1 * MIN)).toEqual({ unit: 'minutes', n: 1 });
    expect(span(-59 * MIN)).toEqual({ unit: 'minutes', n: 59 });
    expect(span(-5_000)).toEqual({ unit: 'minutes', n: 1 });
  });
  it('counts hours under two days and whole days after', () => {
    expect(span(-60 * MIN)).toEqual({ unit: 'hours', n: 1 });
    expect(span(-47 * 60 * MIN)).toEqual({ unit: 'hours', n: 47 });
    expect(span(-49 * 60 * MIN)).toEqual({ unit: 'days', n: 2 });
    expect(span(3.9 * 24 * 60 * MIN)).toEqual({ unit: 'days', n: 3 });
  });
});
