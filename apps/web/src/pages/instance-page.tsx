import { api, type HistoryEntry, type Instance } from '../api';
import { BodyNames, Deadline, StateBadge } from '../components/badges';
import { CancelForm } from '../components/cancel-form';
import { DiagramViewer, type Mark } from '../components/diagram-viewer';
import { ErrorMessage, Loading, Notice } from '../components/feedback';
import { HistoryTimeline } from '../components/history-timeline';
import { Layout } from '../components/layout';
import { ValuesTable } from '../components/values-table';
import { useI18n } from '../i18n/i18n';
import { useBodies } from '../lib/reference';
import { Link, useLocation } from '../lib/router';
import { useSession } from '../lib/session';
import { useAsync } from '../lib/use-async';
import { caseTitle, diaryNumber } from './portfolio-page';

function marksOf(instance: Instance, history: HistoryEntry[]): Record<string, Mark> {
  const marks: Record<string, Mark> = {};
  for (const h of history) if (h.activityId && (h.type === 'task.completed' || h.type === 'activity.completed')) marks[h.activityId] = 'completed';
  for (const s of instance.activeSteps) marks[s.activityId] = 'active';
  for (const task of instance.openTasks) if (task.overdue) marks[task.activityId] = 'overdue';
  return marks;
}

function decisionOf(i: Instance & Record<string, unknown>): Array<Record<string, unknown>> {
  const r = i.decisionRecords ?? i.decisionRecord ?? i.decision ?? i.decisions;
  if (!r) return [];
  return (Array.isArray(r) ? r : [r]) as Array<Record<string, unknown>>;
}

export function InstancePage({ params }: { params: Record<string, string> }) {
  const { t, date } = useI18n();
  const { isDirector } = useSession();
  const { search } = useLocation();
  const bodies = useBodies();
  const page = useAsync(async () => {
    const instance = await api.instance(params.id);
    const [history, xml, done] = await Promise.all([
      api.history(params.id),
      api.definitionXml(instance.definitionKey, instance.definitionVersion).catch(() => null),
      api.tasks({ instanceId: params.id, state: 'completed', limit: 200 }).catch(() => ({ items: [], total: 0 })),
    ]);
    return { instance, history, xml, completed: done.items };
  }, [params.id]);
  if (page.loading && !page.data) return <Layout title={t('instance.title')}><Loading /></Layout>;
  if (!page.data) return <Layout title={t('instance.title')}><ErrorMessage error={page.error} /></Layout>;
  const { instance, history, xml, completed } = page.data;
  const steps: Record<string, string> = {};
  for (const task of [...completed, ...instance.openTasks]) if (task.name) steps[task.activityId] = task.name;
  const decisions = decisionOf(instance as Instance & Record<string, unknown>);
  return (
    <Layout title={`${t('instance.title')}: ${caseTitle(instance)}`}>
      {search.get('started') && <Notice>{t('instance.started')}</Notice>}
      <dl className="facts card">
        <div>
          <dt>{t('common.state')}</dt>
          <dd>
            <StateBadge state={instance.state} />
            {instance.overdue && <span className="badge danger">{t('portfolio.late')}</span>}
          </dd>
        </div>
        <div>
          <dt>{t('common.process')}</dt>
          <dd>
            {instance.definitionKey} v{instance.definitionVersion}
          </dd>
        </div>
        {diaryNumber(instance) && (
          <div>
            <dt>{t('instance.diaryNumber')}</dt>
            <dd>{diaryNumber(instance)}</dd>
          </div>
        )}
        {instance.businessKey && (
          <div>
            <dt>{t('launch.businessKey')}</dt>
            <dd>{instance.businessKey}</dd>
          </div>
        )}
        <div>
          <dt>{t('instance.startedBy')}</dt>
          <dd>
            {instance.startedBy}, {date(instance.startedAt)}
          </dd>
        </div>
        {instance.endedAt && (
          <div>
            <dt>{t('instance.ended')}</dt>
            <dd>
              {date(instance.endedAt)}
              {instance.endReason ? ` – ${instance.endReason}` : ''}
            </dd>
          </div>
        )}
      </dl>
      {instance.incident && <p className="alert error">{instance.incident.message}</p>}
      {isDirector && (instance.state === 'running' || instance.state === 'failed') && <CancelForm instanceId={instance.id} onCancelled={page.reload} />}

      <section aria-labelledby="diagram-h">
        <h2 id="diagram-h">{t('instance.diagram')}</h2>
        {xml ? <DiagramViewer xml={xml} marks={marksOf(instance, history)} label={t('instance.diagramLabel', { steps: instance.activeSteps.map((s) => s.name ?? s.activityId).join(', ') || '–' })} /> : <p className="muted">{t('common.noData')}</p>}
      </section>

      <section aria-labelledby="open-h">
        <h2 id="open-h">{t('instance.openTasks')}</h2>
        {instance.openTasks.length === 0 ? (
          <p className="muted">{t('common.none')}</p>
        ) : (
          <ul className="plain">
            {instance.openTasks.map((task) => (
              <li key={task.id} className="card">
                <Link to={`/tasks/${task.id}`}>{task.name ?? task.activityId}</Link> – <BodyNames codes={task.candidateBodies} bodies={bodies} /> – <Deadline dueAt={task.dueAt} overdue={task.overdue} />
                {task.assignee && <span className="muted"> · {t('task.assignee')}: {task.assignee}</span>}
              </li>
            ))}
          </ul>
        )}
      </section>

      {decisions.length > 0 && (
        <section aria-labelledby="decision-h">
          <h2 id="decision-h">{t('instance.decision')}</h2>
          {decisions.map((d, i) => (
            <ValuesTable key={i} values={d} caption={t('instance.decision')} />
          ))}
        </section>
      )}

      <div className="two-col">
        <section aria-labelledby="history-h">
          <h2 id="history-h">{t('instance.history')}</h2>
          <HistoryTimeline history={history} steps={steps} bodies={bodies} />
        </section>
        <section aria-labelledby="vars-h">
          <h2 id="vars-h">{t('instance.variables')}</h2>
          <ValuesTable values={instance.variables ?? {}} caption={t('instance.variables')} />
          <h2>{t('instance.forms')}</h2>
          {completed.length === 0 ? (
            <p className="muted">{t('common.none')}</p>
          ) : (
            completed.map((task) => (
              <details key={task.id} className="card">
                <summary>
                  {task.name ?? task.activityId} – {task.completedBy ?? task.assignee ?? ''} {date(task.endedAt ?? null)}
                </summary>
                <ValuesTable values={task.data ?? {}} caption={task.name ?? task.activityId} />
              </details>
            ))
          )}
        </section>
      </div>
    </Layout>
  );
}
