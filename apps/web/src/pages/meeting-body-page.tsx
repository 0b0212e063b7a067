import { useQuery } from '@tanstack/react-query';
import { bodyName } from '../components/badges';
import { ErrorMessage, Loading } from '../components/feedback';
import { Layout } from '../components/layout';
import { MeetingsTable } from '../components/meeting-list';
import { MattersTable } from '../components/meeting-matters';
import { NewMeetingForm } from '../components/meeting-new-form';
import { useI18n } from '../i18n/i18n';
import { queries, useBodies } from '../lib/queries';
import { Link } from '../lib/router';
import { useSession } from '../lib/session';

/** The roles in a body that schedule its meetings and keep their minutes. */
export const MANAGING_ROLES = ['chair', 'vice-chair', 'secretary'];

/**
 * A body's meetings, upcoming and past, and the matters awaiting handling at them; its chair,
 * vice-chair or secretary schedules a new meeting here.
 */
export function MeetingBodyPage({ params }: { params: Record<string, string> }) {
  const { t, local } = useI18n();
  const { me } = useSession();
  const bodies = useBodies();
  const code = params.code;
  const body = bodies.find((b) => b.code === code);
  const name = bodyName(code, bodies, local);
  const manages = me?.memberships.some((m) => m.code === code && MANAGING_ROLES.includes(m.role)) ?? false;
  const upcoming = useQuery(queries.meetings({ body: code, upcoming: true, limit: 50 }));
  const all = useQuery(queries.meetings({ body: code, limit: 100 }));
  const matters = useQuery(queries.matters(code));
  const upcomingIds = new Set((upcoming.data?.items ?? []).map((m) => m.id));
  const past = (all.data?.items ?? []).filter((m) => !upcomingIds.has(m.id)).sort((a, b) => b.startsAt.localeCompare(a.startsAt));
  const nameOf = (username: string) => body?.members.find((m) => m.username === username)?.displayName ?? username;
  return (
    <Layout title={t('meetings.bodyTitle', { body: name })}>
      <p>
        <Link to="/meetings">← {t('meetings.title')}</Link>
      </p>
      <p className="lead">{t('meetings.bodyIntro')}</p>
      {manages && <NewMeetingForm body={code} />}
      <section aria-labelledby="meetings-upcoming-h">
        <h2 id="meetings-upcoming-h">{t('meetings.upcoming')}</h2>
        <ErrorMessage error={upcoming.error} />
        {upcoming.isPending ? (
          <Loading />
        ) : upcoming.data?.items.length ? (
          <MeetingsTable meetings={upcoming.data.items} caption={t('meetings.upcoming')} />
        ) : (
          <p className="empty">{t('meetings.noneUpcoming')}</p>
        )}
      </section>
      <section aria-labelledby="meetings-matters-h">
        <h2 id="meetings-matters-h">{t('meetings.matters')}</h2>
        <p className="muted">{t('meetings.mattersIntro')}</p>
        <ErrorMessage error={matters.error} />
        {matters.isPending ? (
          <Loading />
        ) : matters.data?.items.length ? (
          <MattersTable matters={matters.data.items} nameOf={nameOf} caption={t('meetings.matters')} />
        ) : (
          <p className="empty">{t('meetings.noMatters')}</p>
        )}
      </section>
      <section aria-labelledby="meetings-past-h">
        <h2 id="meetings-past-h">{t('meetings.past')}</h2>
        <ErrorMessage error={all.error} />
        {all.isPending ? (
          <Loading />
        ) : past.length ? (
          <MeetingsTable meetings={past} caption={t('meetings.past')} />
        ) : (
          <p className="empty">{t('meetings.nonePast')}</p>
        )}
      </section>
    </Layout>
  );
}
