import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api';
import { useI18n } from '../i18n/i18n';
import { CHANGES, useApiMutation } from '../lib/queries';
import { navigate } from '../lib/router';
import { MeetingProblem } from './meeting-format';
import { helsinkiToIso } from './meeting-helpers';
import type { MeetingKind, NewMeeting } from './meeting-types';

/** The chair, vice-chair or secretary schedules a meeting or an electronic procedure; the new meeting's page opens. */
export function NewMeetingForm({ body }: { body: string }) {
  const { t } = useI18n();
  const orders = useQuery({ queryKey: ['bodies', body, 'standing-orders'], queryFn: () => api.standingOrders(body), retry: false });
  const electronicAllowed = orders.data?.electronicProcedure ?? false;
  const create = useApiMutation((input: NewMeeting) => api.newMeeting(input), CHANGES.meeting);
  const [kind, setKind] = useState<MeetingKind>('meeting');
  const [startsAt, setStartsAt] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const [place, setPlace] = useState('');
  const [remote, setRemote] = useState(false);
  const submit = async () => {
    const meeting = await create.mutateAsync({
      body,
      kind,
      startsAt: helsinkiToIso(startsAt),
      ...(kind === 'electronic' && endsAt ? { endsAt: helsinkiToIso(endsAt) } : {}),
      ...(place.trim() ? { place: place.trim() } : {}),
      remote: kind === 'electronic' || remote,
    });
    navigate(`/meetings/${meeting.id}`);
  };
  return (
    <section aria-labelledby="meeting-new-h" className="card">
      <h2 id="meeting-new-h">{t('meetings.new')}</h2>
      <MeetingProblem error={create.error} context={{ standingOrders: orders.data }} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit().catch(() => undefined);
        }}
      >
        <fieldset>
          <legend>{t('meetings.kind')}</legend>
          <div className="checkbox">
            <input type="radio" id="meeting-kind-meeting" name="meeting-kind" checked={kind === 'meeting'} onChange={() => setKind('meeting')} />
            <label htmlFor="meeting-kind-meeting">{t('meeting.kind.meeting')}</label>
          </div>
          <div className="checkbox">
            <input
              type="radio"
              id="meeting-kind-electronic"
              name="meeting-kind"
              aria-describedby="meeting-kind-help"
              disabled={!electronicAllowed}
              checked={kind === 'electronic'}
              onChange={() => setKind('electronic')}
            />
            <label htmlFor="meeting-kind-electronic">{t('meeting.kind.electronic')}</label>
          </div>
          <p className="help" id="meeting-kind-help">
            {electronicAllowed ? t('meetings.electronicHelp') : t('meetings.electronicNotAllowed')}
          </p>
        </fieldset>
        <div className="field">
          <label htmlFor="meeting-starts">{kind === 'electronic' ? t('meetings.windowOpens') : t('meetings.startsAt')}</label>
          <p className="help" id="meeting-starts-help">
            {t('meetings.helsinkiTime')}
          </p>
          <input
            id="meeting-starts"
            type="datetime-local"
            required
            aria-describedby="meeting-starts-help"
            value={startsAt}
            onChange={(e) => setStartsAt(e.target.value)}
          />
        </div>
        {kind === 'electronic' && (
          <div className="field">
            <label htmlFor="meeting-ends">{t('meetings.windowCloses')}</label>
            <input id="meeting-ends" type="datetime-local" required min={startsAt || undefined} value={endsAt} onChange={(e) => setEndsAt(e.target.value)} />
          </div>
        )}
        {kind === 'meeting' && (
          <>
            <div className="field">
              <label htmlFor="meeting-place">{t('meetings.place')}</label>
              <input id="meeting-place" type="text" value={place} onChange={(e) => setPlace(e.target.value)} />
            </div>
            <div className="field checkbox">
              <input id="meeting-remote" type="checkbox" checked={remote} onChange={(e) => setRemote(e.target.checked)} />
              <label htmlFor="meeting-remote">{t('meetings.remote')}</label>
            </div>
          </>
        )}
        <button type="submit" className="primary" disabled={create.isPending}>
          {t('meetings.create')}
        </button>
      </form>
    </section>
  );
}
