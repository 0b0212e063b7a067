import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, type IncidentEntry } from '../api';
import { ErrorMessage, Loading, Notice } from '../components/feedback';
import { Layout } from '../components/layout';
import { useI18n } from '../i18n/i18n';
import { CHANGES, queries, useApiMutation } from '../lib/queries';
import { Link } from '../lib/router';
import { IncidentReason } from '../components/incident-reason';

/**
 * Failed instances for an administrator: the step that failed and why; a retry runs the same
 * event again (the completion as its member made it, or the timer), and a new failure comes
 * back as a new incident. Cancelling is on the case page.
 */
export function IncidentsPage() {
  const { t } = useI18n();
  const list = useQuery(queries.incidents());
  const rerun = useApiMutation(api.retry, CHANGES.instance);
  const [outcome, setOutcome] = useState<{ instanceId: string; error?: unknown; text?: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const retry = async (entry: IncidentEntry) => {
    setBusy(entry.instanceId);
    setOutcome(null);
    try {
      const done = await rerun.mutateAsync(entry.instanceId);
      setOutcome({ instanceId: entry.instanceId, text: t(done.outcome === 'incident' ? 'incidents.failedAgain' : 'incidents.retried') });
    } catch (error) {
      setOutcome({ instanceId: entry.instanceId, error });
    } finally {
      setBusy(null);
    }
  };

  const items = list.data ?? [];
  return (
    <Layout title={t('incidents.title')}>
      <p className="muted">{t('incidents.intro')}</p>
      <ErrorMessage error={list.error} />
      {outcome?.text && <Notice>{outcome.text}</Notice>}
      {outcome?.error !== undefined && <ErrorMessage error={outcome.error} />}
      {list.isPending ? (
        <Loading />
      ) : items.length === 0 ? (
        <p className="empty">{t('incidents.none')}</p>
      ) : (
        <ul className="plain">
          {items.map((entry) => (
            <IncidentCard key={entry.instanceId} entry={entry} busy={busy === entry.instanceId} onRetry={() => void retry(entry)} />
          ))}
        </ul>
      )}
    </Layout>
  );
}

function IncidentCard({ entry, busy, onRetry }: { entry: IncidentEntry; busy: boolean; onRetry: () => void }) {
  const { t, date } = useI18n();
  const { incident } = entry;
  const label = entry.businessKey ?? entry.instanceId.slice(0, 8);
  return (
    <li className="card incident" aria-label={`${entry.definitionKey}: ${label}`}>
      <p>
        <strong>
          <Link to={`/instances/${entry.instanceId}`}>{label}</Link>
        </strong>{' '}
        <span className="muted">· {entry.definitionKey}</span>
      </p>
      <IncidentReason incident={incident} />
      <dl className="facts">
        <div>
          <dt>{t('incidents.kind')}</dt>
          <dd>{t(incident.kind === 'task' ? 'incidents.kind.task' : 'incidents.kind.timer')}</dd>
        </div>
        {incident.activityId && (
          <div>
            <dt>{t('incidents.activity')}</dt>
            <dd>
              <code>{incident.activityId}</code>
            </dd>
          </div>
        )}
        {incident.actor && (
          <div>
            <dt>{t('incidents.by')}</dt>
            <dd>{incident.actor.username}</dd>
          </div>
        )}
        <div>
          <dt>{t('incidents.at')}</dt>
          <dd>
            <time dateTime={incident.at}>{date(incident.at)}</time>
          </dd>
        </div>
      </dl>
      <p className="actions">
        <button type="button" onClick={onRetry} disabled={busy}>
          {busy ? t('common.working') : t('incidents.retry')}
        </button>
        <Link to={`/instances/${entry.instanceId}`}>{t('incidents.openCase')}</Link>
      </p>
    </li>
  );
}
