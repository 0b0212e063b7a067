import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { HistoryEntry, Instance } from '../api';
import { BodyNames, Deadline, StateBadge } from '../components/badges';
import { CancelForm } from '../components/cancel-form';
import { DiagramViewer, type Mark } from '../components/diagram-viewer';
import { ErrorMessage, Loading, Notice } from '../components/feedback';
import { HistoryTimeline } from '../components/history-timeline';
import { Layout } from '../components/layout';
import { DecisionRecordView } from '../components/decision-record';
import { SubmittedForms } from '../components/submitted-forms';
import { ValuesTable } from '../components/values-table';
import { CaseDocument } from '../components/case-document';
import { LegalWait } from '../components/legal-wait';
import { IncidentReason } from '../components/incident-reason';
import { START_FORM, startDocument } from '../components/step-context';
import { useI18n } from '../i18n/i18n';
import { useDiagramNames } from '../lib/diagram-names';
import { queries, useBodies } from '../lib/queries';
import { Link, useLocation } from '../lib/router';
import { useSession } from '../lib/session';
import { caseTitle, diaryNumber, useProcessName } from './portfolio-page';

function marksOf(instance: Instance, history: HistoryEntry[]): Record<string, Mark> {
  const marks: Record<string, Mark> = {};
  for (const h of history) if (h.activityId && (h.type === 'task.completed' || h.type === 'activity.completed')) marks[h.activityId] = 'completed';
  for (const s of instance.activeSteps) marks[s.activityId] = 'active';
  for (const task of instance.openTasks) if (task.overdue) marks[task.activityId] = 'overdue';
  return marks;
}

export function InstancePage({ params }: { params: Record<string, string> }) {
  const { t, date } = useI18n();
  const stepName = useDiagramNames();
  const { isDirector, isAdmin } = useSession();
  const { search } = useLocation();
  const bodies = useBodies();
  const [names, setNames] = useState<Record<string, string>>({});
  const found = useQuery(queries.instance(params.id));
  const processName = useProcessName();
  const definition = found.data && { key: found.data.definitionKey, version: found.data.definitionVersion };
  const historyOf = useQuery(queries.history(params.id));
  const diagram = useQuery({ ...queries.definitionXml(definition?.key ?? '', definition?.version ?? 0), enabled: !!definition });
  const done = useQuery(queries.tasks({ instanceId: params.id, state: 'completed', limit: 200 }));
  // Case, documents and decisions come from the governance module; each is left out while its endpoint is missing.
  const caseOf = useQuery(queries.caseOf(params.id));
  const documentsOf = useQuery(queries.documents(params.id));
  const decisionsOf = useQuery(queries.decisions(params.id));
  const waiting = [found, historyOf, diagram, done, caseOf, documentsOf, decisionsOf].some((q) => q.isPending && q.fetchStatus !== 'idle');
  const error = found.error ?? historyOf.error;
  if (error && !(found.data && historyOf.data))
    return (
      <Layout title={t('instance.title')}>
        <ErrorMessage error={error} />
      </Layout>
    );
  if (!found.data || !historyOf.data || waiting)
    return (
      <Layout title={t('instance.title')}>
        <Loading />
      </Layout>
    );
  const instance = found.data;
  const history = historyOf.data;
  const xml = diagram.data ?? null;
  const completed = done.data?.items ?? [];
  const caseInfo = caseOf.data ?? null;
  const documents = documentsOf.data ?? null;
  const decisions = decisionsOf.data ?? [];
  const steps: Record<string, string> = { ...names };
  for (const task of [...completed, ...instance.openTasks])
    if (task.name) steps[task.activityId] = stepName(instance.definitionKey, task.activityId, task.name)!;
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
            {processName(instance.definitionKey)} <span className="muted">({t('instance.version', { n: instance.definitionVersion })})</span>
          </dd>
        </div>
        {(caseInfo?.diaryNumber ?? diaryNumber(instance)) && (
          <div>
            <dt>{t('instance.diaryNumber')}</dt>
            <dd>
              {caseInfo?.diaryNumber ?? diaryNumber(instance)}
              {caseInfo?.classification && (
                <span className="muted">
                  {' '}
                  ({t('instance.classification')} {caseInfo.classification})
                </span>
              )}
            </dd>
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
      {instance.incident && (
        <div>
          <IncidentReason incident={instance.incident} />
          {isAdmin && instance.state === 'failed' && (
            <>
              {' '}
              <Link to="/admin/incidents">{t('instance.incidents')}</Link>
            </>
          )}
        </div>
      )}
      <p className="actions">
        <Link to={`/reports/children-budget?instanceId=${instance.id}`}>{t('instance.budget')}</Link>
      </p>
      {isDirector && (instance.state === 'running' || instance.state === 'failed') && <CancelForm instanceId={instance.id} />}

      <section aria-labelledby="diagram-h">
        <h2 id="diagram-h">{t('instance.diagram')}</h2>
        {xml ? (
          <DiagramViewer
            xml={xml}
            marks={marksOf(instance, history)}
            onNames={setNames}
            label={t('instance.diagramLabel', {
              steps: instance.activeSteps.map((s) => stepName(instance.definitionKey, s.activityId, s.name) ?? s.activityId).join(', ') || '–',
            })}
          />
        ) : (
          <p className="muted">{t('common.noData')}</p>
        )}
      </section>

      <section aria-labelledby="open-h">
        <h2 id="open-h">{t('instance.openTasks')}</h2>
        {instance.openTasks.length === 0 ? (
          <p className="muted">{t('common.none')}</p>
        ) : (
          <ul className="plain">
            {instance.openTasks.map((task) =>
              task.kind === 'system' ? (
                <li key={task.id} className="card wait">
                  <strong>{stepName(instance.definitionKey, task.activityId, task.name) ?? t('wait.appealPeriod')}</strong>
                  {' – '}
                  <LegalWait instanceId={instance.id} />
                </li>
              ) : (
                <li key={task.id} className="card">
                  <Link to={`/tasks/${task.id}`}>{stepName(instance.definitionKey, task.activityId, task.name) ?? task.activityId}</Link>
                  {task.candidateBodies.length > 0 && (
                    <>
                      {' – '}
                      <BodyNames codes={task.candidateBodies} bodies={bodies} />
                    </>
                  )}
                  {task.dueAt && (
                    <>
                      {' – '}
                      <Deadline dueAt={task.dueAt} overdue={task.overdue} />
                    </>
                  )}
                  {task.assignee && (
                    <span className="muted">
                      {' '}
                      · {t('task.assignee')}: {task.assignee}
                    </span>
                  )}
                </li>
              ),
            )}
          </ul>
        )}
      </section>

      {decisions.length > 0 && (
        <section aria-labelledby="decision-h">
          <h2 id="decision-h">{t('instance.decision')}</h2>
          {decisions.map((d) => (
            <DecisionRecordView key={d.id} record={d} bodies={bodies} />
          ))}
        </section>
      )}

      <section aria-labelledby="history-h">
        <h2 id="history-h">{t('instance.history')}</h2>
        <HistoryTimeline history={history} steps={steps} bodies={bodies} documents={documents ?? []} />
      </section>
      <section aria-labelledby="forms-h">
        <h2 id="forms-h">{t('instance.forms')}</h2>
        <article className="card document" data-form={START_FORM}>
          <CaseDocument formKey={START_FORM} data={startDocument(instance)} />
        </article>
        <SubmittedForms instanceId={instance.id} documents={documents} completed={completed} />
        {isAdmin && (
          <details className="raw-variables">
            <summary>{t('instance.rawVariables')}</summary>
            <ValuesTable values={instance.variables ?? {}} caption={t('instance.variables')} />
          </details>
        )}
      </section>
    </Layout>
  );
}
