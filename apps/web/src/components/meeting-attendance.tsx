import { useState } from 'react';
import { api } from '../api';
import { useI18n } from '../i18n/i18n';
import { CHANGES, membersOf, useApiMutation, useBodies } from '../lib/queries';
import { MeetingProblem, type RefusalContext } from './meeting-format';
import { PersonSelect } from './meeting-person-select';
import type { AttendanceInput, Meeting } from './meeting-types';

interface Row {
  present: boolean;
  standsInFor: string;
}

/**
 * Who is present: members in their own seats, substitutes standing in for a named member,
 * others with the right to speak; then the chair, the secretary and the minutes checkers.
 * Recording it opens the meeting.
 */
export function AttendanceForm({ meeting, context }: { meeting: Meeting; context: RefusalContext }) {
  const { t } = useI18n();
  const bodies = useBodies();
  const save = useApiMutation((input: AttendanceInput) => api.attendance(meeting.id, input), CHANGES.meeting);
  const recorded = new Map(meeting.attendees.map((a) => [a.username, a]));
  const seatHolders = meeting.members.filter((m) => m.role !== 'secretary');
  // Before anything is recorded every member is ticked present and no substitute; after, as recorded.
  const initial = (username: string, byDefault: boolean): Row => ({
    present: recorded.get(username)?.presentAtStart ?? (!recorded.size && byDefault),
    standsInFor: recorded.get(username)?.standsInFor ?? '',
  });
  const [rows, setRows] = useState<Record<string, Row>>(() => ({
    ...Object.fromEntries(seatHolders.map((m) => [m.username, initial(m.username, true)])),
    ...Object.fromEntries(meeting.substitutes.map((s) => [s.username, initial(s.username, false)])),
  }));
  const bodySecretary = meeting.members.find((m) => m.role === 'secretary')?.username ?? '';
  const bodyChair = meeting.members.find((m) => m.role === 'chair')?.username ?? '';
  const [others, setOthers] = useState<string[]>(() => meeting.attendees.filter((a) => a.role === 'other').map((a) => a.username));
  const [other, setOther] = useState('');
  const [chair, setChair] = useState(meeting.chair ?? bodyChair);
  const [secretary, setSecretary] = useState(meeting.secretary ?? bodySecretary);
  const [checkers, setCheckers] = useState<string[]>(meeting.minutesCheckers);
  const row = (u: string) => rows[u] ?? { present: false, standsInFor: '' };
  const update = (u: string, change: Partial<Row>) => setRows({ ...rows, [u]: { ...row(u), ...change } });
  const seated = [...seatHolders.filter((m) => row(m.username).present), ...meeting.substitutes.filter((s) => row(s.username).present)];
  const people = membersOf(bodies).filter(
    (p) => !seatHolders.some((m) => m.username === p.username) && !meeting.substitutes.some((s) => s.username === p.username),
  );
  const everyone = new Map([...meeting.members, ...meeting.substitutes, ...people].map((p) => [p.username, p.displayName]));
  const nameOf = (u: string) => everyone.get(u) ?? u;
  // The secretary keeps the minutes and speaks: present as another attendee when not a seat holder.
  const otherAttendees = [...new Set([...others, ...(secretary && !seated.some((s) => s.username === secretary) ? [secretary] : [])])];
  const submit = () =>
    save.mutateAsync({
      chair,
      secretary,
      minutesCheckers: checkers.filter((c) => c !== chair && c !== secretary),
      attendees: [
        ...seatHolders.map((m) => ({ username: m.username, role: 'member' as const, presentAtStart: row(m.username).present })),
        ...meeting.substitutes
          .filter((s) => row(s.username).present)
          .map((s) => ({
            username: s.username,
            role: 'substitute' as const,
            presentAtStart: true,
            ...(row(s.username).standsInFor ? { standsInFor: row(s.username).standsInFor } : {}),
          })),
        ...otherAttendees.map((u) => ({ username: u, role: 'other' as const, presentAtStart: true })),
      ],
    });
  return (
    <section aria-labelledby="attendance-h" className="card">
      <h2 id="attendance-h">{t('meeting.attendance')}</h2>
      <p className="help">{t('meeting.attendanceHelp')}</p>
      <MeetingProblem error={save.error} context={context} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit().catch(() => undefined);
        }}
      >
        <fieldset>
          <legend>{t('meeting.membersPresent')}</legend>
          {seatHolders.map((m) => (
            <div className="checkbox" key={m.username}>
              <input
                type="checkbox"
                id={`present-${m.username}`}
                checked={row(m.username).present}
                onChange={(e) => update(m.username, { present: e.target.checked })}
              />
              <label htmlFor={`present-${m.username}`}>
                {m.displayName} <span className="muted">({t(`memberRole.${m.role}` as 'memberRole.member')})</span>
              </label>
            </div>
          ))}
        </fieldset>
        {meeting.substitutes.length > 0 && (
          <fieldset>
            <legend>{t('meeting.substitutes')}</legend>
            {meeting.substitutes.map((s) => (
              <div className="kv-row" key={s.username}>
                <div className="checkbox">
                  <input
                    type="checkbox"
                    id={`present-${s.username}`}
                    checked={row(s.username).present}
                    onChange={(e) => update(s.username, { present: e.target.checked })}
                  />
                  <label htmlFor={`present-${s.username}`}>{s.displayName}</label>
                </div>
                {row(s.username).present && (
                  <div className="field">
                    <label htmlFor={`standsin-${s.username}`}>{t('meeting.standsInFor')}</label>
                    <select
                      id={`standsin-${s.username}`}
                      required
                      value={row(s.username).standsInFor}
                      onChange={(e) => update(s.username, { standsInFor: e.target.value })}
                    >
                      <option value="">–</option>
                      {seatHolders
                        .filter((m) => !row(m.username).present)
                        .map((m) => (
                          <option key={m.username} value={m.username}>
                            {m.displayName}
                          </option>
                        ))}
                    </select>
                  </div>
                )}
              </div>
            ))}
          </fieldset>
        )}
        <fieldset>
          <legend>{t('meeting.others')}</legend>
          <p className="help">{t('meeting.othersHelp')}</p>
          {others.length > 0 && (
            <ul className="plain">
              {others.map((u) => (
                <li key={u}>
                  {nameOf(u)}{' '}
                  <button type="button" className="link" onClick={() => setOthers(others.filter((x) => x !== u))}>
                    {t('meeting.removeOther', { name: nameOf(u) })}
                  </button>
                </li>
              ))}
            </ul>
          )}
          <div className="toolbar">
            <div className="field">
              <label htmlFor="attendance-other">{t('meeting.otherPerson')}</label>
              <select id="attendance-other" value={other} onChange={(e) => setOther(e.target.value)}>
                <option value="">–</option>
                {people
                  .filter((p) => !others.includes(p.username))
                  .map((p) => (
                    <option key={p.username} value={p.username}>
                      {p.displayName}
                    </option>
                  ))}
              </select>
            </div>
            <button
              type="button"
              disabled={!other}
              onClick={() => {
                setOthers([...others, other]);
                setOther('');
              }}
            >
              {t('meeting.addOther')}
            </button>
          </div>
        </fieldset>
        <div className="two-col">
          <PersonSelect id="attendance-chair" label={t('meeting.chair')} people={seated} value={chair} required onChange={setChair} />
          <PersonSelect
            id="attendance-secretary"
            label={t('meeting.secretary')}
            people={[...everyone.entries()].map(([username, displayName]) => ({ username, displayName }))}
            value={secretary}
            required
            onChange={setSecretary}
          />
        </div>
        <fieldset>
          <legend>{t('meeting.minutesCheckers')}</legend>
          <p className="help">{t('meeting.checkersHelp', { n: meeting.standingOrders.minutesCheckers })}</p>
          {seated
            .filter((p) => p.username !== chair && p.username !== secretary)
            .map((p) => (
              <div className="checkbox" key={p.username}>
                <input
                  type="checkbox"
                  id={`checker-${p.username}`}
                  checked={checkers.includes(p.username)}
                  onChange={(e) => setCheckers(e.target.checked ? [...checkers, p.username] : checkers.filter((c) => c !== p.username))}
                />
                <label htmlFor={`checker-${p.username}`}>{p.displayName}</label>
              </div>
            ))}
        </fieldset>
        <button type="submit" className="primary" disabled={save.isPending}>
          {meeting.status === 'open' ? t('meeting.saveAttendance') : t('meeting.openMeeting')}
        </button>
      </form>
    </section>
  );
}

/** An arrival or a departure, recorded before an item: presence and the quorum follow it item by item. */
export function MovementForm({ meeting, context }: { meeting: Meeting; context: RefusalContext }) {
  const { t } = useI18n();
  const move = useApiMutation((input: { username: string; kind: 'arrived' | 'left'; beforeItem: number }) => api.movement(meeting.id, input), CHANGES.meeting);
  const open = meeting.items.filter((i) => !i.outcome);
  const [username, setUsername] = useState('');
  const [kind, setKind] = useState<'arrived' | 'left'>('left');
  const [before, setBefore] = useState('');
  if (!open.length) return null;
  return (
    <section aria-labelledby="movement-h" className="card">
      <h2 id="movement-h" className="h3">
        {t('meeting.movements')}
      </h2>
      <MeetingProblem error={move.error} context={context} />
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          move.mutate({ username, kind, beforeItem: Number(before || open[0].position) });
        }}
      >
        <PersonSelect id="movement-who" label={t('meeting.person')} people={meeting.attendees} value={username} required onChange={setUsername} />
        <div className="field">
          <label htmlFor="movement-kind">{t('meeting.movement')}</label>
          <select id="movement-kind" value={kind} onChange={(e) => setKind(e.target.value === 'arrived' ? 'arrived' : 'left')}>
            <option value="arrived">{t('meeting.arrived')}</option>
            <option value="left">{t('meeting.left')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="movement-before">{t('meeting.beforeItem')}</label>
          <select id="movement-before" value={before} onChange={(e) => setBefore(e.target.value)}>
            {open.map((i) => (
              <option key={i.id} value={i.position}>
                {i.position}. {i.title}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" disabled={move.isPending || !username}>
          {t('meeting.recordMovement')}
        </button>
      </form>
    </section>
  );
}

/** Who was there, as the minutes record it. */
export function AttendanceList({ meeting }: { meeting: Meeting }) {
  const { t } = useI18n();
  const nameOf = (u: string | null) =>
    u ? (meeting.attendees.find((a) => a.username === u)?.displayName ?? meeting.members.find((m) => m.username === u)?.displayName ?? u) : '–';
  const itemTitle = (position: number) => meeting.items.find((i) => i.position === position)?.title ?? String(position);
  const role = { member: t('meeting.role.member'), substitute: t('meeting.role.substitute'), other: t('meeting.role.other') };
  return (
    <section aria-labelledby="present-h">
      <h2 id="present-h">{t('meeting.present')}</h2>
      <dl className="facts">
        <div>
          <dt>{t('meeting.chair')}</dt>
          <dd>{nameOf(meeting.chair)}</dd>
        </div>
        <div>
          <dt>{t('meeting.secretary')}</dt>
          <dd>{nameOf(meeting.secretary)}</dd>
        </div>
        <div>
          <dt>{t('meeting.minutesCheckers')}</dt>
          <dd>{meeting.minutesCheckers.map(nameOf).join(', ') || '–'}</dd>
        </div>
      </dl>
      <ul className="plain attendance">
        {meeting.attendees.map((a) => (
          <li key={a.username}>
            <strong>{a.displayName}</strong> <span className="muted">{role[a.role]}</span>
            {a.standsInFor && <span> – {t('meeting.standingInFor', { name: nameOf(a.standsInFor) })}</span>}
            {!a.presentAtStart && <span> – {t('meeting.absentAtStart')}</span>}
            {a.movements.map((m, i) => (
              <span key={i}> – {t(m.kind === 'arrived' ? 'meeting.arrivedBefore' : 'meeting.leftBefore', { item: itemTitle(m.beforeItem) })}</span>
            ))}
          </li>
        ))}
      </ul>
    </section>
  );
}
