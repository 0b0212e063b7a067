import { isUuid } from '@kaari/common/ids.js';

/**
 * The one contract of Kaari's queues: names, payloads and job ids. Job ids are
 * derived from database rows, so a job enqueued twice (relay retry, sweeper) is one job.
 */
export const TIMER_QUEUE = 'timers';
export const EMAIL_QUEUE = 'email';

export interface TimerJob {
  timerId: string;
}

export interface EmailJob {
  notificationId: string;
}

export type OutboxMessage = { topic: 'timer'; payload: { timerId: string; dueAt: string } } | { topic: 'email'; payload: EmailJob };

/** The due time is part of the id so a timer re-armed for a new time gets a new job, while a repeat of the same one does not. */
export const timerJobId = (timerId: string, dueAt: Date | string) => `timer-${timerId}-${new Date(dueAt).getTime()}`;
/** The due time a timer job was armed for, read back from its id (null for an id not made by timerJobId). */
export function timerJobDueAt(jobId: string): Date | null {
  const match = /^timer-[0-9a-f-]{36}-(\d{1,15})$/i.exec(jobId);
  return match ? new Date(Number(match[1])) : null;
}
export const emailJobId = (notificationId: string) => `email-${notificationId}`;

/** Job payloads are validated like HTTP bodies: a malformed job is dropped, not run. */
export function parseTimerJob(data: unknown): TimerJob | null {
  const id = (data as { timerId?: unknown })?.timerId;
  return typeof id === 'string' && isUuid(id) ? { timerId: id } : null;
}

export function parseEmailJob(data: unknown): EmailJob | null {
  const id = (data as { notificationId?: unknown })?.notificationId;
  return typeof id === 'string' && isUuid(id) ? { notificationId: id } : null;
}
