import { api, optional, type Notification } from '../api';
import { ErrorMessage, Loading } from '../components/feedback';
import { Layout } from '../components/layout';
import { useI18n } from '../i18n/i18n';
import { Link } from '../lib/router';
import { useAsync } from '../lib/use-async';

const changed = () => window.dispatchEvent(new Event('kaari:notifications'));

/** Reminders, overdue marks and escalations for the signed-in member, newest first. */
export function NotificationsPage() {
  const { t, local, date } = useI18n();
  const list = useAsync(() => optional(api.notifications({ limit: 100 })), []);
  const read = async (n: Notification) => {
    await api.readNotification(n.id);
    changed();
    list.reload();
  };
  const items = list.data?.items ?? [];
  return (
    <Layout title={t('notifications.title')}>
      <ErrorMessage error={list.error} />
      {list.loading && !list.data ? (
        <Loading />
      ) : list.data === null ? (
        <p className="alert info">{t('notifications.unavailable')}</p>
      ) : items.length === 0 ? (
        <p className="empty">{t('notifications.none')}</p>
      ) : (
        <>
          {(list.data?.unread ?? 0) > 0 && (
            <p>
              <button type="button" onClick={() => void api.readAllNotifications().then(() => (changed(), list.reload()))}>
                {t('notifications.readAll')}
              </button>
            </p>
          )}
          <ul className="plain">
            {items.map((n) => (
              <li key={n.id} className={`card notification${n.readAt ? '' : ' unread'}`}>
                <p>
                  <span className={`badge ${n.kind === 'overdue' ? 'danger' : n.kind === 'escalation' ? 'warn' : 'info'}`}>{t(`notifications.kind.${n.kind}` as 'notifications.kind.reminder')}</span>{' '}
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
                  <button type="button" onClick={() => void read(n)}>
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
