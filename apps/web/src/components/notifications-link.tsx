import { useQuery } from '@tanstack/react-query';
import { useI18n } from '../i18n/i18n';
import { queries } from '../lib/queries';
import { Link } from '../lib/router';

const POLL_MS = 60_000;

/** The header's link to the notifications, with the unread count; hidden while the API has none. */
export function NotificationsLink() {
  const { t } = useI18n();
  // Asked again on every page (each mounts the header), every minute, and when a change made here sent or read one.
  const unread = useQuery({ ...queries.notifications({ unread: true, limit: 1 }), refetchInterval: POLL_MS }).data?.unread;
  if (unread === undefined) return null;
  return (
    <Link to="/notifications" nav className="notifications-link">
      {t('nav.notifications')}
      {unread > 0 && <span className="count"> {t('notifications.unreadCount', { n: unread })}</span>}
    </Link>
  );
}
