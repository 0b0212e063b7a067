import type { Task } from '../api';

/** Overdue first, then by deadline (no deadline last); equal deadlines keep the server's order. */
export function sortTasks(tasks: Task[]): Task[] {
  const due = (t: Task) => (t.dueAt ? new Date(t.dueAt).getTime() : Number.POSITIVE_INFINITY);
  return [...tasks].sort((a, b) => Number(b.overdue) - Number(a.overdue) || due(a) - due(b));
}
