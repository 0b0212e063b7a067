import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { bodyName, BodyNames, Deadline } from '../components/badges';
import { ErrorMessage, Loading } from '../components/feedback';
import { Layout } from '../components/layout';
import { EscalationNote, TaskActions } from '../components/task-actions';
import { useI18n } from '../i18n/i18n';
import { useDiagramNames } from '../lib/diagram-names';
import { queries, useBodies } from '../lib/queries';
import { Link } from '../lib/router';
import { useSession } from '../lib/session';
import { sortTasks } from '../lib/tasks';
import { caseTitle, diaryNumber } from './portfolio-page';

export function TasksPage() {
  const { t, local } = useI18n();
  const stepName = useDiagramNames();
  const { bodyCodes } = useSession();
  const bodies = useBodies();
  const [state, setState] = useState<'open' | 'completed'>('open');
  const [body, setBody] = useState('');
  const [overdueOnly, setOverdueOnly] = useState(false);
  const tasks = useQuery(queries.tasks({ state, body: body || undefined, overdue: overdueOnly || undefined, limit: 200 }));
  const items = sortTasks(tasks.data?.items ?? []);
  // Tasks carry no case title: the caller's visible cases give it, in one request.
  const visible = useQuery(queries.instances({ limit: 500 }));
  const cases = { data: visible.data && new Map(visible.data.items.map((i) => [i.id, i])) };
  return (
    <Layout title={t('tasks.title')}>
      <p className="lead">{t('tasks.intro')}</p>
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label={t('common.filters')}>
        <div className="field">
          <label htmlFor="task-state">{t('tasks.show')}</label>
          <select id="task-state" value={state} onChange={(e) => setState(e.target.value as 'open')}>
            <option value="open">{t('tasks.open')}</option>
            <option value="completed">{t('tasks.completed')}</option>
          </select>
        </div>
        {bodyCodes.length > 1 && (
          <div className="field">
            <label htmlFor="task-body">{t('common.body')}</label>
            <select id="task-body" value={body} onChange={(e) => setBody(e.target.value)}>
              <option value="">{t('common.all')}</option>
              {bodyCodes.map((c) => (
                <option key={c} value={c}>
                  {bodyName(c, bodies, local)}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field checkbox">
          <input id="task-overdue" type="checkbox" checked={overdueOnly} onChange={(e) => setOverdueOnly(e.target.checked)} />
          <label htmlFor="task-overdue">{t('tasks.overdueOnly')}</label>
        </div>
      </form>
      <ErrorMessage error={tasks.error} />
      {tasks.isPending ? (
        <Loading />
      ) : items.length === 0 ? (
        <p className="empty">{t('tasks.none')}</p>
      ) : (
        <ul className="task-list" aria-live="polite">
          {items.map((task) => (
            <li key={task.id} className={`card task${task.overdue ? ' is-overdue' : ''}`}>
              <h2 className="h3">
                <Link to={`/tasks/${task.id}`}>{stepName(task.definitionKey, task.activityId, task.name) ?? task.activityId}</Link>
              </h2>
              <dl className="facts">
                <div>
                  <dt>{t('task.case')}</dt>
                  <dd>
                    {cases.data?.get(task.instanceId) ? caseTitle(cases.data.get(task.instanceId)!) : task.businessKey || t('task.noCaseNumber')}
                    {cases.data?.get(task.instanceId) && diaryNumber(cases.data.get(task.instanceId)!) && (
                      <span className="muted"> ({diaryNumber(cases.data.get(task.instanceId)!)})</span>
                    )}
                  </dd>
                </div>
                <div>
                  <dt>{t('common.body')}</dt>
                  <dd>
                    <BodyNames codes={task.candidateBodies} bodies={bodies} />
                    <EscalationNote task={task} />
                  </dd>
                </div>
                <div>
                  <dt>{t('task.deadline')}</dt>
                  <dd>
                    <Deadline dueAt={task.dueAt} overdue={task.overdue} />
                  </dd>
                </div>
                <div>
                  <dt>{t('task.assignee')}</dt>
                  <dd>{task.assignee ?? t('task.unassigned')}</dd>
                </div>
              </dl>
              {task.state === 'open' && <TaskActions task={task} />}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
