import { useState } from 'react';
import { api, type Body, type Task } from '../api';
import { useI18n } from '../i18n/i18n';
import { CHANGES, membersOf, useApiMutation } from '../lib/queries';
import { useSession } from '../lib/session';
import { ErrorMessage, Notice } from './feedback';

/**
 * Gives an open task to a member of its bodies, or moves it to another body, with the reason:
 * for directors and for the chair of one of the task's bodies (the server decides; this only
 * shows the form to those it would let). The new holder is notified.
 */
export function TaskHandover({ task, bodies }: { task: Task; bodies: Body[] }) {
  const { t, local } = useI18n();
  const { me, isDirector } = useSession();
  const [mode, setMode] = useState<'member' | 'body'>('member');
  const [target, setTarget] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const hand = useApiMutation(async (to: { mode: 'member' | 'body'; target: string; reason: string }) => {
    if (to.mode === 'member') await api.assign(task.id, to.target, to.reason || undefined);
    else await api.reassign({ taskIds: [task.id], toBody: to.target, reason: to.reason });
  }, CHANGES.task);
  const own = bodies.filter((b) => task.candidateBodies.includes(b.code));
  const chairs = own.some((b) => b.members.some((m) => m.username === me?.username && m.role === 'chair'));
  // A system wait (an appeal period) is nobody's to give or move.
  if (task.kind !== 'user' || (!isDirector && !chairs)) return null;
  const members = membersOf(own);
  const others = bodies.filter((b) => !task.candidateBodies.includes(b.code));
  const submit = async () => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      await hand.mutateAsync({ mode, target, reason: reason.trim() });
      setDone(
        mode === 'member'
          ? t('handover.assigned', { name: members.find((m) => m.username === target)?.displayName ?? target })
          : t('handover.moved', { body: local(bodies.find((b) => b.code === target)?.name ?? target) }),
      );
      setTarget('');
      setReason('');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <details className="card handover">
      <summary>{t('handover.title')}</summary>
      {done && <Notice>{done}</Notice>}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <fieldset className="field">
          <legend>{t('handover.to')}</legend>
          <div className="checkbox">
            <input type="radio" id="handover-member" name="handover-mode" checked={mode === 'member'} onChange={() => (setMode('member'), setTarget(''))} />
            <label htmlFor="handover-member">{t('handover.toMember')}</label>
          </div>
          <div className="checkbox">
            <input type="radio" id="handover-body" name="handover-mode" checked={mode === 'body'} onChange={() => (setMode('body'), setTarget(''))} />
            <label htmlFor="handover-body">{t('handover.toBody')}</label>
          </div>
        </fieldset>
        <div className="field">
          <label htmlFor="handover-target">{mode === 'member' ? t('handover.member') : t('handover.body')}</label>
          <select id="handover-target" value={target} required onChange={(e) => setTarget(e.target.value)}>
            <option value="">–</option>
            {mode === 'member'
              ? members.map((m) => (
                  <option key={m.username} value={m.username}>
                    {m.displayName}
                  </option>
                ))
              : others.map((b) => (
                  <option key={b.code} value={b.code}>
                    {local(b.name)}
                  </option>
                ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="handover-reason">{mode === 'member' ? t('handover.reasonOptional') : t('handover.reason')}</label>
          <textarea
            id="handover-reason"
            rows={2}
            maxLength={2000}
            minLength={3}
            required={mode === 'body'}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </div>
        <ErrorMessage error={error} />
        <button type="submit" disabled={busy || !target}>
          {busy ? t('common.working') : mode === 'member' ? t('handover.assign') : t('handover.move')}
        </button>
      </form>
    </details>
  );
}
