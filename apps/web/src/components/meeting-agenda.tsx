import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api';
import { useI18n } from '../i18n/i18n';
import { CHANGES, membersOf, queries, useApiMutation, useBodies } from '../lib/queries';
import { Notice } from './feedback';
import { MeetingProblem, type RefusalContext, useHelsinki } from './meeting-format';
import { PersonSelect } from './meeting-person-select';
import type { Meeting, NewItem } from './meeting-types';

/** Before the invitation, the chair or secretary builds the agenda from the body's waiting matters, with a presenter and a proposal for each. */
export function AgendaBuilder({ meeting, context }: { meeting: Meeting; context: RefusalContext }) {
  const { t } = useI18n();
  const bodies = useBodies();
  const matters = useQuery(queries.matters(meeting.body));
  const add = useApiMutation((input: NewItem) => api.addItem(meeting.id, input), CHANGES.meeting);
  const [taskId, setTaskId] = useState('');
  const [title, setTitle] = useState('');
  const [presenter, setPresenter] = useState('');
  const [proposal, setProposal] = useState('');
  const [isPublic, setIsPublic] = useState(true);
  const [secrecyGround, setSecrecyGround] = useState('');
  const [added, setAdded] = useState<string | null>(null);
  const waiting = (matters.data?.items ?? []).filter((m) => !meeting.items.some((i) => i.taskId === m.taskId));
  const people = membersOf(bodies).sort((a, b) => a.displayName.localeCompare(b.displayName, 'fi'));
  const chosen = waiting.find((m) => m.taskId === taskId);
  const submit = async () => {
    setAdded(null);
    await add.mutateAsync({
      ...(taskId ? { taskId } : { title: title.trim() }),
      proposal: proposal.trim(),
      ...(presenter ? { presenter } : {}),
      isPublic,
      ...(!isPublic && secrecyGround.trim() ? { secrecyGround: secrecyGround.trim() } : {}),
    });
    setAdded(chosen?.title ?? title);
    setTaskId('');
    setTitle('');
    setProposal('');
    setIsPublic(true);
    setSecrecyGround('');
  };
  return (
    <section aria-labelledby="agenda-add-h" className="card">
      <h2 id="agenda-add-h">{t('meeting.addItem')}</h2>
      {added && <Notice>{t('meeting.itemAdded', { title: added })}</Notice>}
      <MeetingProblem error={add.error ?? matters.error} context={context} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit().catch(() => undefined);
        }}
      >
        <div className="field">
          <label htmlFor="agenda-matter">{t('meeting.waitingMatter')}</label>
          <select id="agenda-matter" value={taskId} onChange={(e) => setTaskId(e.target.value)}>
            <option value="">{t('meeting.informationItem')}</option>
            {waiting.map((m) => (
              <option key={m.taskId} value={m.taskId}>
                {m.diaryNumber ? `${m.diaryNumber} – ` : ''}
                {m.title}
              </option>
            ))}
          </select>
          {!matters.isPending && waiting.length === 0 && <p className="help">{t('meetings.noMatters')}</p>}
        </div>
        {!taskId && (
          <div className="field">
            <label htmlFor="agenda-title">{t('meeting.itemTitle')}</label>
            <input id="agenda-title" type="text" required value={title} onChange={(e) => setTitle(e.target.value)} />
          </div>
        )}
        <PersonSelect id="agenda-presenter" label={t('meeting.presenter')} people={people} value={presenter} onChange={setPresenter} />
        <div className="field">
          <label htmlFor="agenda-proposal">{t('meeting.proposal')}</label>
          <p className="help" id="agenda-proposal-help">
            {t('meeting.proposalHelp')}
          </p>
          <textarea
            id="agenda-proposal"
            rows={3}
            required
            aria-describedby="agenda-proposal-help"
            value={proposal}
            onChange={(e) => setProposal(e.target.value)}
          />
        </div>
        <div className="field checkbox">
          <input id="agenda-public" type="checkbox" checked={isPublic} onChange={(e) => setIsPublic(e.target.checked)} />
          <label htmlFor="agenda-public">{t('meeting.isPublic')}</label>
        </div>
        {!isPublic && (
          <div className="field">
            <label htmlFor="agenda-secrecy">{t('meeting.secrecyGround')}</label>
            <p className="help" id="agenda-secrecy-help">
              {t('meeting.secrecyHelp')}
            </p>
            <input
              id="agenda-secrecy"
              type="text"
              required
              aria-describedby="agenda-secrecy-help"
              value={secrecyGround}
              onChange={(e) => setSecrecyGround(e.target.value)}
            />
          </div>
        )}
        <button type="submit" className="primary" disabled={add.isPending}>
          {t('meeting.addToAgenda')}
        </button>
      </form>
    </section>
  );
}

/** The invitation: the last day the standing orders allow, and sending it to every member and substitute. */
export function InvitationPanel({ meeting, context }: { meeting: Meeting; context: RefusalContext }) {
  const { t } = useI18n();
  const h = useHelsinki();
  const invite = useApiMutation(() => api.invite(meeting.id), CHANGES.meeting);
  const canSend = meeting.may.manage && meeting.status === 'scheduled';
  return (
    <section aria-labelledby="invitation-h" className="card">
      <h2 id="invitation-h">{t('meeting.invitation')}</h2>
      <p>
        {t('meeting.invitationRule', { days: meeting.standingOrders.invitationDays })}{' '}
        <strong>{t('meeting.invitationLastDay', { day: h.longDay(meeting.invitationDeadline) })}</strong>
      </p>
      {meeting.invitedAt ? <p>{t('meeting.invitedAt', { when: h.when(meeting.invitedAt) })}</p> : <p className="muted">{t('meeting.notInvited')}</p>}
      <MeetingProblem error={invite.error} context={context} />
      {canSend && (
        <>
          <p className="help">{t('meeting.invitationHelp')}</p>
          <button type="button" className="primary" disabled={invite.isPending || meeting.items.length === 0} onClick={() => invite.mutate()}>
            {t('meeting.sendInvitation')}
          </button>
        </>
      )}
    </section>
  );
}

/** Until the item is decided: change its presenter or proposal; before the invitation: take it off the agenda (the matter goes back to the waiting list). */
export function ItemEdit({ meeting, item, context }: { meeting: Meeting; item: Meeting['items'][number]; context: RefusalContext }) {
  const { t } = useI18n();
  const bodies = useBodies();
  const edit = useApiMutation((input: Partial<NewItem>) => api.editItem(meeting.id, item.id, input), CHANGES.meeting);
  const remove = useApiMutation(() => api.removeItem(meeting.id, item.id), CHANGES.meeting);
  const [presenter, setPresenter] = useState(item.presenter ?? '');
  const [proposal, setProposal] = useState(item.proposal);
  const people = membersOf(bodies).sort((a, b) => a.displayName.localeCompare(b.displayName, 'fi'));
  const id = (part: string) => `edit-${item.id}-${part}`;
  return (
    <details className="item-edit">
      <summary>{t('meeting.editItem')}</summary>
      <MeetingProblem error={edit.error ?? remove.error} context={context} />
      {edit.isSuccess && <Notice>{t('common.saved')}</Notice>}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          edit.mutate({ proposal: proposal.trim(), ...(presenter ? { presenter } : {}) });
        }}
      >
        <PersonSelect id={id('presenter')} label={t('meeting.presenter')} people={people} value={presenter} onChange={setPresenter} />
        <div className="field">
          <label htmlFor={id('proposal')}>{t('meeting.proposal')}</label>
          <textarea id={id('proposal')} rows={3} required value={proposal} onChange={(e) => setProposal(e.target.value)} />
        </div>
        <div className="actions">
          <button type="submit" disabled={edit.isPending}>
            {t('common.save')}
          </button>
          {meeting.status === 'scheduled' && (
            <button type="button" className="danger" disabled={remove.isPending} onClick={() => remove.mutate()}>
              {t('meeting.removeItem')}
            </button>
          )}
        </div>
      </form>
    </details>
  );
}
