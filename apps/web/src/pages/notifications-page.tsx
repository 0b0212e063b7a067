import { useQuery } from '@tanstack/react-query';
import { api, type Notification } from '../api';
import { ErrorMessage, Loading } from '../components/feedback';
import { Layout } from '../components/layout';
import type { MessageKey } from '../i18n/fi';
import { useI18n } from '../i18n/i18n';
import { CHANGES, queries, useApiMutation } from '../lib/queries';
import { Link } from '../lib/router';

/** The server's notification kinds in words; a kind the web app does not know yet is a plain notification. */
const KINDS = {
  reminder: 'notifications.kind.reminder',
  overdue: 'notifications.kind.overdue',
  escalation: 'notifications.kind.escalation',
  assignment: 'notifications.kind.assignment',
  invitation: 'notifications.kind.invitation',
} satisfies Record<string, MessageKey>;

/** Reminders, overdue marks and escalations for the signed-in member, newest first. */
export function NotificationsPage() {
  const { t, local, date } = useI18n();
  const list = useQuery(queries.notifications({ limit: 100 }));
  const read = useApiMutation((n: Notification) => api.readNotification(n.id), CHANGES.notification);
  const readAll = useApiMutation(() => api.readAllNotifications(), CHANGES.notification);
  const items = list.data?.items ?? [];
  return (
    <Layout title={t('notifications.title')}>
      <ErrorMessage error={list.error} />
      {list.isPending ? (
        <Loading />
      ) : list.data === null ? (
        <p className="alert info">{t('notifications.unavailable')}</p>
      ) : items.length === 0 ? (
        <p className="empty">{t('notifications.none')}</p>
      ) : (
        <>
          {(list.data?.unread ?? 0) > 0 && (
            <p>
              <button type="button" onClick={() => readAll.mutate()}>
                {t('notifications.readAll')}
              </button>
            </p>
          )}
          <ul className="plain">
            {items.map((n) => (
              <li key={n.id} className={`card notification${n.readAt ? '' : ' unread'}`}>
                <p>
                  <span className={`badge ${n.kind === 'overdue' ? 'danger' : n.kind === 'escalation' ? 'warn' : 'info'}`}>
                    {t(n.kind in KINDS ? KINDS[n.kind as keyof typeof KINDS] : 'notifications.kind.other')}
                  </span>{' '}
                  {!n.readAt && <strong>{t('notifications.new')} </strong>}
                  {local(n.message)}
                </p>
                <p className="muted">
                  <time dateTime={n.createdAt}>{date(n.createdAt)}</time>
                  {n.taskId && (
                    <>
                      {' · '}
                      <Link to={`/tasks/${n.taskId}`}>{t('notifications.openTask')}</Link>
                    </>
                  )}
                  {n.instanceId && (
                    <>
                      {' · '}
                      <Link to={`/instances/${n.instanceId}`}>{t('notifications.openCase')}</Link>
                    </>
                  )}
                </p>
                {!n.readAt && (
                  <button type="button" onClick={() => read.mutate(n)}>
                    {t('notifications.markRead')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </Layout>
  );
}
