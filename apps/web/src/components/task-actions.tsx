import { api, type Task } from '../api';
import { useI18n } from '../i18n/i18n';
import { useDiagramNames } from '../lib/diagram-names';
import { CHANGES, useApiMutation, useBodies } from '../lib/queries';
import { useSession } from '../lib/session';
import { bodyName } from './badges';
import { ErrorMessage } from './feedback';

/** How far up the chain an overdue task has gone, and whose deadline runs now. */
export function EscalationNote({ task }: { task: Pick<Task, 'escalationLevel' | 'deadlineBody'> }) {
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
export function TaskActions({ task }: { task: Task }) {
  const { t } = useI18n();
  const stepName = useDiagramNames();
  const { me, bodyCodes } = useSession();
  const claim = useApiMutation(api.claim, CHANGES.task);
  const unclaim = useApiMutation(api.unclaim, CHANGES.task);
  const member = task.candidateBodies.some((b) => bodyCodes.includes(b));
  if (!member || task.kind !== 'user') return null;
  const busy = claim.isPending || unclaim.isPending;
  const act = (change: typeof claim) => {
    claim.reset();
    unclaim.reset();
    change.mutate(task.id);
  };
  const label = stepName(task.definitionKey, task.activityId, task.name) ?? task.activityId;
  return (
    <div className="actions">
      {!task.assignee && (
        <button type="button" disabled={busy} onClick={() => act(claim)} aria-label={t('task.claimNamed', { name: label })}>
          {t('task.claim')}
        </button>
      )}
      {task.assignee === me?.username && (
        <button type="button" disabled={busy} onClick={() => act(unclaim)} aria-label={t('task.unclaimNamed', { name: label })}>
          {t('task.unclaim')}
        </button>
      )}
      <ErrorMessage error={claim.error ?? unclaim.error} />
    </div>
  );
}
