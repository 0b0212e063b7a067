import { useEffect, useRef, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';
import { Link, useLocation } from '../lib/router';
import { useSession } from '../lib/session';
import { LanguageSwitcher } from './language-switcher';
import { NotificationsLink } from './notifications-link';
import { UserMenu } from './user-menu';

// The path the focus was last moved for: on the first page load focus stays where the
// browser puts it (so the skip link comes first); after a client-side navigation it moves
// to the new page's heading, which tells screen-reader users the page changed.
let focusedFor: string | null = null;

export function Layout({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useI18n();
  const { me, isAdmin, isDirector, isAuditor, bodyCodes } = useSession();
  const { path } = useLocation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} – Kaari`;
  }, [title]);
  useEffect(() => {
    const first = focusedFor === null;
    if (focusedFor === path) return;
    focusedFor = path;
    if (first) return;
    if (document.activeElement && document.activeElement !== document.body && !document.activeElement.closest('nav')) return;
    heading.current?.focus();
  }, [path]);
  return (
    <>
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="site-header">
        <div className="brand">
          <Link to="/">Kaari</Link>
        </div>
        {me && (
          <nav aria-label={t('nav.label')}>
            <ul>
              {(bodyCodes.length > 0 || !isDirector) && (
                <li>
                  <Link nav to="/tasks">
                    {t('nav.tasks')}
                  </Link>
                </li>
              )}
              {bodyCodes.length > 0 && (
                <li>
                  <Link nav to="/meetings">
                    {t('nav.meetings')}
                  </Link>
                </li>
              )}
              {isDirector && (
                <>
                  <li>
                    <Link nav to="/portfolio">
                      {t('nav.portfolio')}
                    </Link>
                  </li>
                  <li>
                    <Link nav to="/figures">
                      {t('nav.figures')}
                    </Link>
                  </li>
                  <li>
                    <Link nav to="/reports/children-budget">
                      {t('nav.budget')}
                    </Link>
                  </li>
                  <li>
                    <Link nav to="/reports/purchaser-provider">
                      {t('nav.purchasing')}
                    </Link>
                  </li>
                </>
              )}
              {isAdmin && (
                <>
                  <li>
                    <Link nav to="/admin/processes">
                      {t('nav.processes')}
                    </Link>
                  </li>
                  <li>
                    <Link nav to="/admin/bodies">
                      {t('nav.bodies')}
                    </Link>
                  </li>
                  <li>
                    <Link nav to="/admin/users">
                      {t('nav.users')}
                    </Link>
                  </li>
                  <li>
                    <Link nav to="/admin/incidents">
                      {t('nav.incidents')}
                    </Link>
                  </li>
                </>
              )}
              {isAuditor && (
                <li>
                  <Link nav to="/audit">
                    {t('nav.audit')}
                  </Link>
                </li>
              )}
              <li>
                <Link nav to="/minutes">
                  {t('nav.minutes')}
                </Link>
              </li>
            </ul>
          </nav>
        )}
        <div className="header-tools">
          {me && <NotificationsLink />}
          <LanguageSwitcher />
          <UserMenu />
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <h1 ref={heading} tabIndex={-1}>
          {title}
        </h1>
        {children}
      </main>
    </>
  );
}
