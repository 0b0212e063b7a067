import type { Task } from '../api';
import { sortTasks } from './tasks';

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
