import { parseIsoDuration } from '@kaari/common/iso-duration.js';
import { WorkingDayCalendar } from '@kaari/common/working-days.js';
import { createSafeExpressions } from '../expressions/safe-expressions.js';

const OFFSET_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const expressions = createSafeExpressions();

/**
 * Reads a `camunda:dueDate`: an ISO 8601 duration from `from` (P14D, PT2S), a working-day
 * duration (P10WD: weekends and Finnish public holidays skipped), an ISO date-time with
 * offset, or an expression over the instance variables that yields one of those.
 * Returns null when it yields nothing usable; the task then has no deadline.
 */
export function computeDueAt(text: string | null, from: Date, variables: Record<string, unknown>, calendar: WorkingDayCalendar): Date | null {
  if (!text) return null;
  let value: unknown = text.trim();
  if (expressions.hasExpression(value as string)) {
    try {
      value = expressions.resolveExpression(value as string, { environment: { variables } });
    } catch {
      return null;
    }
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value !== 'string') return null;
  const duration = parseIsoDuration(value);
  if (duration) return calendar.add(from, duration);
  if (OFFSET_DATE.test(value)) {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? null : date;
  }
  return null;
}

/**
 * An open task is overdue once its deadline has passed, and stays overdue after it escalates:
 * an escalation gives the task a new deadline (the body escalated to has its grace period) and
 * clears the overdue mark for that deadline, but the task is late all the same.
 */
export function isOverdue(dueAt: Date | null, escalationLevel: number, now: Date): boolean {
  return escalationLevel > 0 || (dueAt !== null && dueAt < now);
}
