import { useQuery } from '@tanstack/react-query';
import { useI18n } from '../i18n/i18n';
import { queries } from '../lib/queries';
import { Link } from '../lib/router';
import { StepContext } from './step-context';

/**
 * What a matter on the agenda decides on, from its case: the mapping under review, the
 * assessment's conclusion and the review's outcome for the board, as the task page shows them.
 * Folded, so the agenda stays readable; the case itself one link away.
 */
export function MeetingItemContext({ instanceId, taskId }: { instanceId: string; taskId: string | null }) {
  const { t } = useI18n();
  const instance = useQuery(queries.instance(instanceId));
  const documents = useQuery(queries.documents(instanceId));
  const decisions = useQuery(queries.decisions(instanceId));
  if (!instance.data) return null;
  const formKey = instance.data.openTasks.find((task) => task.id === taskId)?.formKey ?? null;
  return (
    <details className="item-context">
      <summary>{t('meeting.caseContext')}</summary>
      <StepContext formKey={formKey} instance={instance.data} documents={documents.data ?? []} decisions={decisions.data ?? []} />
      <p>
        <Link to={`/instances/${instanceId}`}>{t('meeting.openCase')}</Link>
      </p>
    </details>
  );
}
