import { useEffect, useState } from 'react';
import { api, optional } from '../api';
import { useI18n } from '../i18n/i18n';
import { Link, useLocation } from '../lib/router';

const POLL_MS = 60_000;

/** The header's link to the notifications, with the unread count; hidden while the API has none. */
export function NotificationsLink() {
  const { t } = useI18n();
  const { path } = useLocation();
  const [unread, setUnread] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      optional(api.notifications({ unread: true, limit: 1 })).then(
        (r) => live && setUnread(r ? r.unread : null),
        () => undefined,
      );
    void load();
    const timer = window.setInterval(load, POLL_MS);
    window.addEventListener('kaari:notifications', load);
    return () => {
      live = false;
      window.clearInterval(timer);
      window.removeEventListener('kaari:notifications', load);
    };
  }, [path]);
  if (unread === null) return null;
  return (
    <Link to="/notifications" nav className="notifications-link">
      {t('nav.notifications')}
      {unread > 0 && <span className="count"> {t('notifications.unreadCount', { n: unread })}</span>}
    </Link>
  );
}
