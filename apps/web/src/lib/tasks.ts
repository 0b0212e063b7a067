import type { Task } from '../api';

/** Overdue first, then by deadline (no deadline last); equal deadlines keep the server's order. */
export function sortTasks(tasks: Task[]): Task[] {
  const due = (t: Task) => (t.dueAt ? new Date(t.dueAt).getTime() : Number.POSITIVE_INFINITY);
  return [...tasks].sort((a, b) => Number(b.overdue) - Number(a.overdue) || due(a) - due(b));
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * A span of time in the unit a person would use: minutes under an hour, hours under two days,
 * days from then on; never rounded up into a larger unit (a task one minute late is 1 min late,
 * not 1 d), and at least 1 of its unit.
 */
export function span(ms: number): { unit: 'minutes' | 'hours' | 'days'; n: number } {
  const abs = Math.abs(ms);
  if (abs < HOUR) return { unit: 'minutes', n: Math.max(1, Math.floor(abs / MINUTE)) };
  if (abs < 2 * DAY) return { unit: 'hours', n: Math.floor(abs / HOUR) };
  return { unit: 'days', n: Math.floor(abs / DAY) };
}
