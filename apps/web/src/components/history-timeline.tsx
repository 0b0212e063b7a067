import type { Body, HistoryEntry } from '../api';
import { useI18n } from '../i18n/i18n';
import { bodyName } from './badges';

const KNOWN = new Set([
  'decision.final',
  'decision.informed',
  'decision.recorded',
  'decision.review-requested',
  'incident.opened',
  'incident.retried',
  'services.imported',
  'services.replaced',
  'task.reminded',
  'timer.fired',
  'instance.started',
  'instance.completed',
  'instance.cancelled',
  'task.created',
  'task.claimed',
  'task.unclaimed',
  'task.completed',
  'task.cancelled',
  'task.escalated',
  'task.overdue',
  'activity.completed',
]);

/** Every event of the case: when, who, what; escalations say from which body to which. */
export function HistoryTimeline({ history, steps, bodies }: { history: HistoryEntry[]; steps: Record<string, string>; bodies: Body[] }) {
  const { t, date, local } = useI18n();
  const names = (v: unknown) => (Array.isArray(v) ? v : v ? [v] : []).map((c) => bodyName(String(c), bodies, local)).join(', ');
  return (
    <ol className="timeline">
      {history.map((h, i) => {
        const d = (h.details ?? {}) as Record<string, unknown>;
        const step = h.activityId ? (steps[h.activityId] ?? h.activityId) : '';
        const what = KNOWN.has(h.type) ? t(`history.${h.type}` as 'history.task.created') : h.type;
        return (
          <li key={h.id ?? i} className={`event ev-${h.type.replaceAll('.', '-')}`}>
            <time dateTime={h.at}>{date(h.at)}</time>
            <div>
              <strong>{what}</strong>
              {step && <> – {step}</>}
              {h.actor && <span className="muted"> · {t('history.by', { who: h.actor })}</span>}
              {h.type === 'task.escalated' && <div>{t('task.escalatedFromTo', { from: names(d.from) || '–', to: names(d.to) || '–' })}</div>}
              {typeof d.reason === 'string' && (
                <div>
                  {t('history.reason')}: {d.reason}
                </div>
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
