import { api } from '../api';
import { useI18n } from '../i18n/i18n';
import { CHANGES, useApiMutation } from '../lib/queries';
import { Link } from '../lib/router';
import { useSession } from '../lib/session';
import { MeetingProblem, minutesText, type RefusalContext, signerText, useHelsinki } from './meeting-format';
import type { Meeting } from './meeting-types';

/** After the last item: close the meeting, the chair and the secretary sign, the minutes checkers check, then the minutes are published. */
export function MinutesPanel({ meeting, context, nameOf }: { meeting: Meeting; context: RefusalContext; nameOf: (u: string | null) => string }) {
  const { t } = useI18n();
  const h = useHelsinki();
  const close = useApiMutation(() => api.closeMeeting(meeting.id), CHANGES.meeting);
  const sign = useApiMutation(() => api.signMinutes(meeting.id), CHANGES.meeting);
  const check = useApiMutation(() => api.checkMinutes(meeting.id), CHANGES.meeting);
  const publish = useApiMutation(() => api.publishMinutes(meeting.id), CHANGES.meeting);
  const { me } = useSession();
  // A signature or a check is given once: the button goes once the caller has given theirs.
  const signed = meeting.signatures.some((s) => s.username === me?.username && s.role !== 'checker');
  const checked = meeting.signatures.some((s) => s.username === me?.username && s.role === 'checker');
  const allHandled = meeting.items.length > 0 && meeting.items.every((i) => i.outcome);
  const error = close.error ?? sign.error ?? check.error ?? publish.error;
  const busy = close.isPending || sign.isPending || check.isPending || publish.isPending;
  return (
    <section aria-labelledby="minutes-h" className="card">
      <h2 id="minutes-h">{t('meeting.minutesTitle')}</h2>
      <p>
        {t('meeting.minutesStatus')}: <strong>{minutesText(meeting.minutesStatus, t)}</strong>
        {meeting.publishedAt && <> – {t('meeting.publishedAt', { when: h.when(meeting.publishedAt) })}</>}
      </p>
      {meeting.signatures.length > 0 ? (
        <ul className="plain">
          {meeting.signatures.map((s) => (
            <li key={`${s.role}-${s.username}`}>
              {signerText(s.role, t)}: {nameOf(s.username)} <span className="muted">({h.when(s.signedAt)})</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('meeting.noSignatures')}</p>
      )}
      {meeting.minutesStatus !== 'draft' && meeting.minutesStatus !== 'signed' && <p className="help">{t('meeting.minutesLocked')}</p>}
      <MeetingProblem error={error} context={context} />
      <div className="actions">
        {meeting.may.manage && meeting.status === 'open' && (
          <button type="button" className="primary" disabled={busy || !allHandled} aria-describedby="close-help" onClick={() => close.mutate()}>
            {t('meeting.close')}
          </button>
        )}
        {meeting.may.sign && !signed && meeting.minutesStatus === 'draft' && (
          <button type="button" className="primary" disabled={busy} onClick={() => sign.mutate()}>
            {t('meeting.sign')}
          </button>
        )}
        {meeting.may.check && !checked && (
          <button type="button" className="primary" disabled={busy} onClick={() => check.mutate()}>
            {t('meeting.check')}
          </button>
        )}
        {meeting.may.manage && meeting.minutesStatus === 'checked' && (
          <button type="button" className="primary" disabled={busy} onClick={() => publish.mutate()}>
            {t('meeting.publish')}
          </button>
        )}
      </div>
      {meeting.may.manage && meeting.status === 'open' && (
        <p className="help" id="close-help">
          {allHandled ? t('meeting.closeHelp') : t('meeting.closeWaiting')}
        </p>
      )}
      {meeting.minutesStatus === 'published' && (
        <p>
          <Link to={`/minutes/${meeting.body}`}>{t('meeting.publicLink')}</Link>
        </p>
      )}
    </section>
  );
}
