import type { Body } from '../api';
import { useI18n } from '../i18n/i18n';

const DAY = 86_400_000;

/** A deadline with how far off it is; overdue ones say so in words, not only in colour. */
export function Deadline({ dueAt, overdue }: { dueAt: string | null; overdue: boolean }) {
  const { t, date } = useI18n();
  if (!dueAt) return <span className="muted">{t('task.noDeadline')}</span>;
  const days = Math.round((new Date(dueAt).getTime() - Date.now()) / DAY);
  return (
    <span className={overdue ? 'deadline overdue' : 'deadline'}>
      <time dateTime={dueAt}>{date(dueAt)}</time>{' '}
      {overdue ? (
        <span className="badge danger">{t('task.overdueBy', { n: Math.max(1, -days) })}</span>
      ) : (
        <span className="muted">({t('task.daysLeft', { n: Math.max(0, days) })})</span>
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
