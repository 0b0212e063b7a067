import { useQueries, useQuery } from '@tanstack/react-query';
import { bodyName } from '../components/badges';
import { ErrorMessage, Loading } from '../components/feedback';
import { Layout } from '../components/layout';
import { kindText, statusText, useHelsinki } from '../components/meeting-format';
import { placeText } from '../components/meeting-list';
import { useI18n } from '../i18n/i18n';
import { queries, useBodies } from '../lib/queries';
import { Link } from '../lib/router';
import { useSession } from '../lib/session';

/** The agendas shown at once: the next meetings of the caller's bodies. */
const AGENDAS = 10;

/** A member's upcoming meetings in the bodies they sit in, each with its agenda: the matters they will decide. */
export function MeetingsPage() {
  const { t, local } = useI18n();
  const h = useHelsinki();
  const { bodyCodes } = useSession();
  const bodies = useBodies();
  const upcoming = useQuery(queries.meetings({ upcoming: true, limit: 100 }));
  const mine = (upcoming.data?.items ?? [])
    .filter((m) => m.mine)
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt))
    .slice(0, AGENDAS);
  const details = useQueries({ queries: mine.map((m) => queries.meeting(m.id)) });
  return (
    <Layout title={t('meetings.title')}>
      <p className="lead">{t('meetings.intro')}</p>
      {bodyCodes.length > 0 && (
        <nav aria-labelledby="meetings-bodies-h" className="card">
          <h2 id="meetings-bodies-h" className="h3">
            {t('meetings.myBodies')}
          </h2>
          <ul className="plain">
            {bodyCodes.map((code) => (
              <li key={code}>
                <Link to={`/bodies/${code}/meetings`}>{t('meetings.bodyLink', { body: bodyName(code, bodies, local) })}</Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <h2>{t('meetings.myUpcoming')}</h2>
      <ErrorMessage error={upcoming.error} />
      {upcoming.isPending ? (
        <Loading />
      ) : mine.length === 0 ? (
        <p className="empty">{t('meetings.noneUpcoming')}</p>
      ) : (
        <ul className="plain">
          {mine.map((m, i) => {
            const meeting = details[i]?.data;
            return (
              <li key={m.id} className="card meeting-card">
                <h3>
                  <Link to={`/meetings/${m.id}`}>
                    {local(m.bodyName)}, <time dateTime={m.startsAt}>{h.when(m.startsAt)}</time>
                  </Link>
                </h3>
                <p className="muted">
                  {kindText(m.kind, t)} · {placeText(m, t)} · {statusText(m.status, t)}
                  {m.kind === 'electronic' && m.endsAt ? ` · ${t('meeting.windowUntil', { when: h.when(m.endsAt) })}` : ''}
                </p>
                {meeting ? (
                  meeting.items.length ? (
                    <ol className="agenda-short" aria-label={t('meeting.agendaOf', { body: local(m.bodyName) })}>
                      {meeting.items.map((item) => (
                        <li key={item.id}>
                          {item.title} {item.diaryNumber && <span className="muted">({item.diaryNumber})</span>}
                        </li>
                      ))}
                    </ol>
                  ) : (
                    <p className="muted">{t('meeting.noAgenda')}</p>
                  )
                ) : details[i]?.error ? (
                  <ErrorMessage error={details[i].error} />
                ) : (
                  <Loading />
                )}
              </li>
            );
          })}
        </ul>
      )}
    </Layout>
  );
}
