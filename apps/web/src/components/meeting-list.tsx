import { useI18n } from '../i18n/i18n';
import { Link } from '../lib/router';
import { DataTable } from './list-page';
import { kindText, minutesText, statusText, useHelsinki } from './meeting-format';
import type { MeetingSummary } from './meeting-types';

/** Where a meeting is held, in words: the place, remote, or both. */
export function placeText(m: Pick<MeetingSummary, 'place' | 'remote' | 'kind'>, t: ReturnType<typeof useI18n>['t']): string {
  if (m.kind === 'electronic') return t('meeting.kind.electronic');
  if (m.place && m.remote) return t('meeting.placeAndRemote', { place: m.place });
  return m.place ?? (m.remote ? t('meeting.remoteOnly') : '–');
}

/** Meetings as a table: when (Helsinki time), which body, kind, place, agenda size, status and minutes. */
export function MeetingsTable({ meetings, caption, showBody }: { meetings: MeetingSummary[]; caption: string; showBody?: boolean }) {
  const { t, local } = useI18n();
  const h = useHelsinki();
  return (
    <DataTable
      rows={meetings}
      rowKey={(m) => m.id}
      caption={caption}
      columns={[
        {
          header: t('meeting.when'),
          rowHeader: true,
          cell: (m) => (
            <Link to={`/meetings/${m.id}`}>
              <time dateTime={m.startsAt}>{h.when(m.startsAt)}</time>
            </Link>
          ),
        },
        ...(showBody ? [{ header: t('common.body'), cell: (m: MeetingSummary) => local(m.bodyName) }] : []),
        { header: t('meetings.kind'), cell: (m) => kindText(m.kind, t) },
        { header: t('meetings.place'), cell: (m) => placeText(m, t) },
        { header: t('meeting.items'), cell: (m) => t('meeting.itemCount', { n: m.itemCount }) },
        { header: t('common.state'), cell: (m) => statusText(m.status, t) },
        { header: t('meeting.minutesTitle'), cell: (m) => minutesText(m.minutesStatus, t) },
      ]}
    />
  );
}
