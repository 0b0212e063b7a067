import type { Body } from '../api';
import { useI18n } from '../i18n/i18n';
import { span } from '../lib/tasks';

/** A deadline with how far off it is, in minutes, hours or days as fits; overdue ones say so in words, not only in colour. */
export function Deadline({ dueAt, overdue }: { dueAt: string | null; overdue: boolean }) {
  const { t, date } = useI18n();
  if (!dueAt) return <span className="muted">{t('task.noDeadline')}</span>;
  const left = new Date(dueAt).getTime() - Date.now();
  const { unit, n } = span(left);
  // An escalated task runs on its new body's deadline: it is still late, though that deadline has not passed.
  const late = left < 0;
  return (
    <span className={overdue ? 'deadline overdue' : 'deadline'}>
      <time dateTime={dueAt}>{date(dueAt)}</time>{' '}
      {overdue && late ? (
        <span className="badge danger">{t(`task.late.${unit}`, { n })}</span>
      ) : overdue ? (
        <span className="badge danger">{t('task.lateEscalated', { when: t(`task.left.${unit}`, { n }) })}</span>
      ) : (
        <span className="muted">({t(`task.left.${unit}`, { n: late ? 0 : n })})</span>
      )}
    </span>
  );
}

export function StateBadge({ state }: { state: string }) {
  const { t } = useI18n();
  const tone = state === 'running' || state === 'open' ? 'info' : state === 'completed' ? 'ok' : state === 'failed' ? 'danger' : 'neutral';
  return <span className={`badge ${tone}`}>{t(`state.${state}` as 'state.running')}</span>;
}

export function bodyName(code: string, bodies: Body[], local: (n: Body['name']) => string): string {
  const b = bodies.find((x) => x.code === code);
  return b ? local(b.name) : code;
}

export function BodyNames({ codes, bodies }: { codes: string[]; bodies: Body[] }) {
  const { local } = useI18n();
  return <>{codes.map((c) => bodyName(c, bodies, local)).join(', ')}</>;
}
