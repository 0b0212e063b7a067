import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api';
import { BodyNames, Deadline, StateBadge } from '../components/badges';
import { Escalations } from '../components/escalations';
import { ErrorMessage, Loading, Notice } from '../components/feedback';
import { FormRunner } from '../components/form-runner';
import { Layout } from '../components/layout';
import { EscalationNote, TaskActions } from '../components/task-actions';
import { TaskHandover } from '../components/task-handover';
import { ValuesTable } from '../components/values-table';
import { useI18n } from '../i18n/i18n';
import { CHANGES, queries, useApiMutation, useBodies } from '../lib/queries';
import { Link } from '../lib/router';
import { useSession } from '../lib/session';

export function TaskPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const { me, bodyCodes } = useSession();
  const bodies = useBodies();
  const [done, setDone] = useState(false);
  const task = useQuery(queries.task(params.id));
  const instanceId = task.data?.instanceId ?? '';
  // The case and its history, when the caller may see them.
  const instance = useQuery({ ...queries.instance(instanceId), enabled: !!instanceId });
  const history = useQuery({ ...queries.history(instanceId), enabled: !!instanceId });
  const complete = useApiMutation(({ id, values }: { id: string; values: Record<string, unknown> }) => api.complete(id, values), CHANGES.task);
  const data = task.data;
  const title = data ? (data.name ?? data.activityId) : t('task.title');
  if (task.isPending)
    return (
      <Layout title={title}>
        <Loading />
      </Layout>
    );
  if (!data)
    return (
      <Layout title={title}>
        <ErrorMessage error={task.error} />
      </Layout>
    );
  const member = data.candidateBodies.some((b) => bodyCodes.includes(b));
  const claimedByOther = data.assignee !== null && data.assignee !== me?.username;
  const caseTitle = instance.data?.variables?.title as string | undefined;
  return (
    <Layout title={title}>
      <p>
        <Link to="/tasks">← {t('tasks.back')}</Link>
      </p>
      <dl className="facts card">
        <div>
          <dt>{t('task.case')}</dt>
          <dd>
            <Link to={`/instances/${data.instanceId}`}>{caseTitle ?? data.businessKey ?? data.instanceId.slice(0, 8)}</Link>
            {data.businessKey && caseTitle ? ` (${data.businessKey})` : ''}
          </dd>
        </div>
        <div>
          <dt>{t('common.state')}</dt>
          <dd>
            <StateBadge state={data.state} />
          </dd>
        </div>
        <div>
          <dt>{t('common.body')}</dt>
          <dd>
            <BodyNames codes={data.candidateBodies} bodies={bodies} />
            <EscalationNote task={data} />
          </dd>
        </div>
        <div>
          <dt>{t('task.deadline')}</dt>
          <dd>
            <Deadline dueAt={data.dueAt} overdue={data.overdue} />
          </dd>
        </div>
        <div>
          <dt>{t('task.assignee')}</dt>
          <dd>{data.assignee ?? t('task.unassigned')}</dd>
        </div>
      </dl>
      {data.state === 'open' && <TaskActions task={data} />}
      {data.state === 'open' && <TaskHandover task={data} bodies={bodies} />}
      {(history.data || history.isError) && <Escalations history={history.data ?? []} taskId={data.id} bodies={bodies} />}
      {done && (
        <Notice>
          {t('task.completedNotice')} <Link to="/tasks">{t('tasks.back')}</Link>
        </Notice>
      )}
      {data.state === 'open' && data.kind === 'system' && <p className="alert info">{t('task.systemWait')}</p>}
      {data.state === 'open' && !done && member && data.kind !== 'system' && (
        <section aria-labelledby="form-h" className="card">
          <h2 id="form-h">{t('task.form')}</h2>
          {claimedByOther && <p className="alert warn">{t('task.claimedByOther', { name: data.assignee! })}</p>}
          <FormRunner
            formKey={data.formKey}
            submitLabel={t('task.complete')}
            disabled={claimedByOther}
            onSubmit={async (values) => {
              await complete.mutateAsync({ id: data.id, values });
              setDone(true);
            }}
          />
        </section>
      )}
      {data.state === 'open' && !member && data.kind !== 'system' && <p className="alert info">{t('task.notMember')}</p>}
      {data.data && Object.keys(data.data).length > 0 && (
        <section aria-labelledby="data-h">
          <h2 id="data-h">{t('task.submitted')}</h2>
          <ValuesTable values={data.data} caption={t('task.submitted')} />
        </section>
      )}
    </Layout>
  );
}
