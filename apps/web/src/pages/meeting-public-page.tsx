import { useQuery } from '@tanstack/react-query';
import { ErrorMessage, Loading } from '../components/feedback';
import { Layout } from '../components/layout';
import { outcomeText, useHelsinki } from '../components/meeting-format';
import { useI18n } from '../i18n/i18n';
import { queries } from '../lib/queries';
import { Link } from '../lib/router';
import { useSession } from '../lib/session';

/**
 * The published minutes, for everyone and with no sign-in: each body's published meetings and
 * their items, with the public minutes extract of each §. A non-public item shows its secrecy
 * ground instead of its content.
 */
export function MeetingPublicPage({ params }: { params: Record<string, string> }) {
  const { t, local } = useI18n();
  const h = useHelsinki();
  const { me } = useSession();
  const body = params.body;
  const minutes = useQuery(queries.publicMinutes(body));
  // The bodies with published minutes, from the unfiltered feed (the same request when no body is chosen).
  const all = useQuery(queries.publicMinutes(undefined));
  const bodies = [...new Map((all.data?.items ?? []).map((m) => [m.body, m.bodyName])).entries()];
  const current = bodies.find(([code]) => code === body)?.[1];
  const meetings = [...(minutes.data?.items ?? [])].sort((a, b) => b.startsAt.localeCompare(a.startsAt));
  return (
    <Layout title={current ? t('minutes.bodyTitle', { body: local(current) }) : t('minutes.title')}>
      <p className="lead">{t('minutes.intro')}</p>
      {!me && (
        <p>
          <Link to="/">{t('minutes.signIn')}</Link>
        </p>
      )}
      {bodies.length > 0 && (
        <nav aria-labelledby="minutes-bodies-h" className="card">
          <h2 id="minutes-bodies-h" className="h3">
            {t('minutes.bodies')}
          </h2>
          <ul className="plain">
            <li>
              <Link to="/minutes" aria-current={!body ? 'page' : undefined}>
                {t('minutes.allBodies')}
              </Link>
            </li>
            {bodies.map(([code, name]) => (
              <li key={code}>
                <Link to={`/minutes/${code}`} aria-current={code === body ? 'page' : undefined}>
                  {local(name)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <ErrorMessage error={minutes.error} />
      {minutes.isPending ? (
        <Loading />
      ) : meetings.length === 0 ? (
        <p className="empty">{t('minutes.none')}</p>
      ) : (
        meetings.map((m) => (
          <section key={m.meetingId} aria-labelledby={`minutes-${m.meetingId}-h`} className="card public-minutes">
            <h2 id={`minutes-${m.meetingId}-h`}>
              {local(m.bodyName)}, <time dateTime={m.startsAt}>{h.day(m.startsAt)}</time>
            </h2>
            <p className="muted">{t('minutes.publishedOn', { when: h.when(m.publishedAt) })}</p>
            <ol className="plain">
              {m.items.map((item) => (
                <li key={item.itemId} className="minutes-item">
                  <h3 className="h3">
                    {item.sectionLabel ? `${item.sectionLabel} ` : ''}
                    {item.title}
                  </h3>
                  {item.isPublic ? (
                    <>
                      <p>
                        <strong>{t('decision.outcome')}:</strong> {outcomeText(item.outcome, t)}
                      </p>
                      {item.decisionText && <p className="pre-line">{item.decisionText}</p>}
                      <p className="actions">
                        <a href={`/api/public/minutes/${m.meetingId}/items/${item.itemId}/extract`}>
                          {t('minutes.extract', { section: item.sectionLabel ?? item.title })}
                        </a>
                        <a href={`/api/public/minutes/${m.meetingId}/items/${item.itemId}/extract.pdf`}>
                          {t('minutes.extractPdf', { section: item.sectionLabel ?? item.title })}
                        </a>
                      </p>
                    </>
                  ) : (
                    <p className="alert info">{t('minutes.nonPublic', { ground: item.secrecyGround ?? '–' })}</p>
                  )}
                </li>
              ))}
            </ol>
          </section>
        ))
      )}
    </Layout>
  );
}
