import { useQuery } from '@tanstack/react-query';
import { useI18n } from '../i18n/i18n';
import { queries } from '../lib/queries';
import { Link } from '../lib/router';
import { DataTable } from './list-page';
import { outcomeText, useHelsinki } from './meeting-format';
import type { Matter } from './meeting-types';

/** The matters awaiting handling at the body's meeting: diary number, title, preparer, documents and earlier handlings. */
export function MattersTable({ matters, nameOf, caption }: { matters: Matter[]; nameOf: (username: string) => string; caption: string }) {
  const { t, local } = useI18n();
  const h = useHelsinki();
  // Documents are named by their form's title, never by its key.
  const forms = useQuery(queries.forms()).data ?? [];
  const formTitle = (key: string) => {
    const form = forms.find((f) => f.key === key);
    return form ? local(form.title) : t('meeting.document');
  };
  return (
    <DataTable
      rows={matters}
      rowKey={(m) => m.taskId}
      caption={caption}
      className="matters"
      columns={[
        { header: t('meeting.diaryNumber'), cell: (m) => m.diaryNumber ?? '–' },
        {
          header: t('meeting.matter'),
          rowHeader: true,
          cell: (m) => (
            <>
              <Link to={`/instances/${m.instanceId}`}>{m.title ?? m.taskName ?? t('meeting.untitled')}</Link>
              {m.taskName && <div className="muted">{m.taskName}</div>}
              {m.reviewOf && <div className="badge info">{t('meeting.reviewOf', { section: m.reviewOf.sectionLabel })}</div>}
            </>
          ),
        },
        { header: t('meeting.preparer'), cell: (m) => (m.preparer ? nameOf(m.preparer) : '–') },
        {
          header: t('meeting.documents'),
          cell: (m) =>
            m.documents.length ? (
              <ul className="plain">
                {m.documents.map((d) => (
                  <li key={`${d.formKey}-${d.submittedAt}`}>
                    {formTitle(d.formKey)}{' '}
                    <span className="muted">
                      ({h.day(d.submittedAt)}, {nameOf(d.submittedBy)})
                    </span>
                  </li>
                ))}
              </ul>
            ) : (
              <span className="muted">{t('common.none')}</span>
            ),
        },
        {
          header: t('meeting.handlings'),
          cell: (m) =>
            m.handlings.length ? (
              <ul className="plain">
                {m.handlings.map((x) => (
                  <li key={x.meetingId}>
                    <Link to={`/meetings/${x.meetingId}`}>{h.day(x.meetingDate)}</Link> {x.sectionLabel ?? ''}{' '}
                    {x.outcome ? `– ${outcomeText(x.outcome, t)}` : ''}
                  </li>
                ))}
              </ul>
            ) : (
              <span className="muted">{t('meeting.firstHandling')}</span>
            ),
        },
        { header: t('meeting.waitingSince'), cell: (m) => h.day(m.waitingSince) },
      ]}
    />
  );
}
