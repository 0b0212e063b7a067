import { useQuery } from '@tanstack/react-query';
import { bodyName } from '../components/badges';
import { ErrorMessage, Loading } from '../components/feedback';
import { Layout } from '../components/layout';
import { AgendaBuilder, InvitationPanel } from '../components/meeting-agenda';
import { AttendanceForm, AttendanceList, MovementForm } from '../components/meeting-attendance';
import { kindText, minutesText, statusText, useHelsinki, type RefusalContext } from '../components/meeting-format';
import { ItemCard } from '../components/meeting-item';
import { placeText } from '../components/meeting-list';
import { MinutesPanel } from '../components/meeting-minutes';
import { useI18n } from '../i18n/i18n';
import { membersOf, queries, useBodies } from '../lib/queries';
import { Link } from '../lib/router';

/**
 * One meeting. For its chair and secretary: the agenda from the waiting matters, the
 * invitation, attendance, each item's decision, then the minutes. For members: the same page
 * read-only, and in an electronic procedure a ballot per item within the window.
 */
export function MeetingPage({ params }: { params: Record<string, string> }) {
  const { t, local } = useI18n();
  const h = useHelsinki();
  const bodies = useBodies();
  const found = useQuery(queries.meeting(params.id));
  const grounds = useQuery(queries.recusalGrounds());
  const meeting = found.data;
  if (!meeting)
    return (
      <Layout title={t('meeting.title')}>
        <ErrorMessage error={found.error} />
        {found.isPending && <Loading />}
      </Layout>
    );
  const people = new Map<string, string>(
    [...membersOf(bodies), ...meeting.members, ...meeting.substitutes, ...meeting.attendees].map((p) => [p.username, p.displayName]),
  );
  const nameOf = (u: string | null | undefined) => (u ? (people.get(u) ?? u) : '–');
  const context: RefusalContext = {
    nameOf,
    bodyName: (code) => bodyName(code, bodies, local),
    itemName: (ref) => {
      const item = meeting.items.find((i) => i.id === ref || i.position === Number(ref));
      return item ? `${item.position}. ${item.title}` : String(ref);
    },
    standingOrders: meeting.standingOrders,
  };
  const manage = meeting.may.manage;
  const undecided = meeting.items.every((i) => !i.outcome);
  const title = t(meeting.kind === 'electronic' ? 'meeting.headingElectronic' : 'meeting.heading', {
    body: local(meeting.bodyName),
    when: h.when(meeting.startsAt),
  });
  return (
    <Layout title={title}>
      <p>
        <Link to={`/bodies/${meeting.body}/meetings`}>← {t('meetings.bodyTitle', { body: local(meeting.bodyName) })}</Link>
      </p>
      <dl className="facts meeting-facts">
        <div>
          <dt>{t('meetings.kind')}</dt>
          <dd>{kindText(meeting.kind, t)}</dd>
        </div>
        <div>
          <dt>{meeting.kind === 'electronic' ? t('meeting.window') : t('meeting.when')}</dt>
          <dd>
            <time dateTime={meeting.startsAt}>{h.when(meeting.startsAt)}</time>
            {meeting.kind === 'electronic' && meeting.endsAt && (
              <>
                {' – '}
                <time dateTime={meeting.endsAt}>{h.when(meeting.endsAt)}</time>
              </>
            )}{' '}
            <span className="muted">{t('meetings.helsinkiTime')}</span>
          </dd>
        </div>
        {meeting.kind === 'meeting' && (
          <div>
            <dt>{t('meetings.place')}</dt>
            <dd>{placeText(meeting, t)}</dd>
          </div>
        )}
        <div>
          <dt>{t('common.state')}</dt>
          <dd>{statusText(meeting.status, t)}</dd>
        </div>
        <div>
          <dt>{t('meeting.minutesTitle')}</dt>
          <dd>{minutesText(meeting.minutesStatus, t)}</dd>
        </div>
      </dl>
      {!manage && <p className="muted">{t('meeting.readOnly')}</p>}
      {manage && meeting.status === 'scheduled' && <AgendaBuilder meeting={meeting} context={context} />}
      {(meeting.status === 'scheduled' || meeting.status === 'invited' || meeting.invitedAt) && <InvitationPanel meeting={meeting} context={context} />}
      {manage && (meeting.status === 'invited' || (meeting.status === 'open' && undecided)) && (
        <AttendanceForm key={JSON.stringify(meeting.attendees)} meeting={meeting} context={context} />
      )}
      {meeting.attendees.length > 0 && <AttendanceList meeting={meeting} />}
      {manage && meeting.status === 'open' && meeting.kind === 'meeting' && <MovementForm meeting={meeting} context={context} />}
      <section aria-labelledby="agenda-h">
        <h2 id="agenda-h">{t('meeting.agenda')}</h2>
        <ErrorMessage error={grounds.error} />
        {meeting.items.length === 0 ? (
          <p className="empty">{t('meeting.noAgenda')}</p>
        ) : (
          <ol className="plain agenda">
            {meeting.items.map((item) => (
              <ItemCard key={item.id} meeting={meeting} item={item} grounds={grounds.data ?? []} context={context} nameOf={nameOf} />
            ))}
          </ol>
        )}
      </section>
      {(meeting.status === 'open' || meeting.status === 'closed') && <MinutesPanel meeting={meeting} context={context} nameOf={nameOf} />}
    </Layout>
  );
}
