import { useQuery } from '@tanstack/react-query';
import { useI18n } from '../i18n/i18n';
import { queries } from '../lib/queries';

/**
 * A legal wait (the appeal period) as what it is: no one's work, but a period with an end date
 * and what can still happen in it. Read from the case's decision whose period runs.
 */
export function LegalWait({ instanceId, brief = false }: { instanceId: string; brief?: boolean }) {
  const { t, date } = useI18n();
  const decisions = useQuery(queries.decisions(instanceId));
  const running = (decisions.data ?? []).filter((d) => d.status === 'appeal-period' || d.status === 'awaiting-publication').at(-1);
  if (!running) return <span>{t('wait.appealPeriod')}</span>;
  if (running.status === 'awaiting-publication' || !running.appealEndsAt) return <span>{t('wait.awaitingPublication')}</span>;
  return (
    <span className="legal-wait">
      {t('wait.appealEnds', { date: date(running.appealEndsAt, false) })}
      {!brief && (
        <>
          {' '}
          {running.informedAt && t('wait.informed', { date: date(running.informedAt, false) })} {t('wait.whatCanHappen')}
        </>
      )}
    </span>
  );
}
