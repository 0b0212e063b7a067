import { useState } from 'react';
import { api, type Task } from '../api';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../lib/session';
import { useBodies } from '../lib/reference';
import { bodyName } from './badges';
import { ErrorMessage } from './feedback';

/** How far up the chain an overdue task has gone, and whose deadline runs now. */
export function EscalationNote({ task }: { task: Task }) {
  const { t, local } = useI18n();
  const bodies = useBodies();
  if (!task.escalationLevel) return null;
  return (
    <div>
      <span className="badge warn">{t('task.escalatedLevel', { n: task.escalationLevel })}</span>{' '}
      {task.deadlineBody && <span>{t('task.deadlineBody', { body: bodyName(task.deadlineBody, bodies, local) })}</span>}
    </div>
  );
}

/** Claim or release a task; only members of its bodies get the buttons. */
export function TaskActions({ task, onChanged }: { task: Task; onChanged: () => void }) {
  const { t } = useI18n();
  const { me, bodyCodes } = useSession();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const member = task.candidateBodies.some((b) => bodyCodes.includes(b));
  if (!member || task.kind === 'system') return null;
  const act = async (call: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await call();
      onChanged();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const label = task.name ?? task.activityId;
  return (
    <div className="actions">
      {!task.assignee && (
        <button type="button" disabled={busy} onClick={() => act(() => api.claim(task.id))} aria-label={t('task.claimNamed', { name: label })}>
          {t('task.claim')}
        </button>
      )}
      {task.assignee === me?.username && (
        <button type="button" disabled={busy} onClick={() => act(() => api.unclaim(task.id))} aria-label={t('task.unclaimNamed', { name: label })}>
          {t('task.unclaim')}
        </button>
      )}
      <ErrorMessage error={error} />
    </div>
  );
}
