import type { Body, HistoryEntry } from '../api';
import { useI18n } from '../i18n/i18n';
import { bodyName } from './badges';

/** The escalations of one task from the history: from which body to which, why and when, in the reader's language. */
export function Escalations({ history, taskId, bodies }: { history: HistoryEntry[]; taskId: string; bodies: Body[] }) {
  const { t, date, local } = useI18n();
  const entries = history.filter((h) => h.taskId === taskId && (h.type === 'task.escalated' || h.type === 'task.overdue'));
  if (!entries.length) return null;
  return (
    <section aria-labelledby="escalations-h">
      <h2 id="escalations-h">{t('task.escalations')}</h2>
      <ul className="plain">
        {entries.map((h, i) => {
          const d = (h.details ?? {}) as { from?: string | string[]; to?: string | string[]; previousDueAt?: string | null };
          const names = (v?: string | string[]) => (Array.isArray(v) ? v : v ? [v] : []).map((c) => bodyName(c, bodies, local)).join(', ');
          return (
            <li key={i}>
              <time dateTime={h.at}>{date(h.at)}</time>:{' '}
              {h.type === 'task.overdue' ? t('history.task.overdue') : t('task.escalatedFromTo', { from: names(d.from) || '–', to: names(d.to) || '–' })}
              {/* Why, from the entry's values: the server's reason is an English sentence for the API's readers. */}
              {h.type === 'task.escalated' && d.previousDueAt
                ? ` – ${t('task.escalationReason', { due: date(d.previousDueAt), body: names(d.from) || '–' })}`
                : ''}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
