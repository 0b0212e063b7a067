import { useQuery, useQueryClient } from '@tanstack/react-query';
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
import { CaseDocument, MAPPING_FORM } from '../components/case-document';
import { LegalWait } from '../components/legal-wait';
import { MappingImport } from '../components/mapping-import';
import { MappingTotals } from '../components/mapping-totals';
import { latest, SCREENING_FORM, ASSESSMENT_FORM, StepContext } from '../components/step-context';
import type { Values } from '../lib/form-values';
import { useI18n } from '../i18n/i18n';
import { useDiagramNames } from '../lib/diagram-names';
import { CHANGES, queries, useApiMutation, useBodies } from '../lib/queries';
import { Link } from '../lib/router';
import { useSession } from '../lib/session';
import type { Inventory, SubmittedForm } from '../api';

/** A value the form has no room for (a null from the inventory) is left out rather than sent. */
const defined = (row: Record<string, unknown>) => Object.fromEntries(Object.entries(row).filter(([k, v]) => v !== null && k !== 'position'));

/** What a step decides afresh each time it repeats: its outcome, reasons, meeting and sign-off are never carried over. */
const FRESH = ['reviewOutcome', 'returnReasons', 'conditions', 'decisionOutcome', 'amendments', 'meetingDate', 'publishedAt', 'signOff', 'decisionId'];

function carriedOver(data: Values): Values {
  const out = Object.fromEntries(Object.entries(data).filter(([k]) => !FRESH.includes(k)));
  // A meeting is the body's and a new one each time: its body stays, its date and item do not.
  if (out.meeting && typeof out.meeting === 'object') out.meeting = { body: (out.meeting as Values).body };
  return out;
}

/**
 * Where a repeated step starts: what the case already holds. A mapping starts from the case's
 * inventory (each row keeps its id), any other form from its own latest document in the case,
 * and a first assessment from the screening's groups.
 */
function startValues(formKey: string | null, documents: SubmittedForm[], inventory: Inventory | undefined): Values | undefined {
  if (!formKey) return undefined;
  const found = latest(documents, formKey)?.data;
  const previous = found ? carriedOver(found) : undefined;
  if (formKey === MAPPING_FORM) return { ...previous, services: (inventory?.services ?? []).map(defined) };
  if (previous) return previous;
  const screening = latest(documents, SCREENING_FORM)?.data;
  if (formKey === ASSESSMENT_FORM && screening) return { affectedGroups: screening.affectedGroups, ageGroups: screening.ageGroups };
  return undefined;
}

/**
 * The form's services after an import: a replacing import's inventory as it now is; an appending
 * one adds its new rows after the form's own, so edits not yet completed stay.
 */
function afterImport(values: Values, imported: Inventory, before: Inventory | undefined, mode: 'replace' | 'append'): Values {
  const rows = imported.services.map(defined);
  if (mode === 'replace') return { ...values, services: rows };
  const had = new Set((before?.services ?? []).map((s) => s.id));
  return { ...values, services: [...((values.services as Values[] | undefined) ?? []), ...rows.filter((r) => !had.has(r.id as string))] };
}

/** The rows the user removed from a mapping that started from the inventory: removed explicitly, by their ids. */
function withRemovals(values: Values, start: Values | undefined): Values {
  const kept = new Set(((values.services as Array<{ id?: string }> | undefined) ?? []).map((r) => r.id).filter(Boolean));
  const removed = ((start?.services as Array<{ id?: string }> | undefined) ?? []).map((r) => r.id).filter((id): id is string => !!id && !kept.has(id));
  return removed.length ? { ...values, removedServices: removed } : values;
}

export function TaskPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const stepName = useDiagramNames();
  const { me, bodyCodes } = useSession();
  const bodies = useBodies();
  const client = useQueryClient();
  const [done, setDone] = useState(false);
  const task = useQuery(queries.task(params.id));
  const instanceId = task.data?.instanceId ?? '';
  // The case and its history, when the caller may see them.
  const instance = useQuery({ ...queries.instance(instanceId), enabled: !!instanceId });
  const history = useQuery({ ...queries.history(instanceId), enabled: !!instanceId });
  const documents = useQuery({ ...queries.documents(instanceId), enabled: !!instanceId });
  const decisions = useQuery({ ...queries.decisions(instanceId), enabled: !!instanceId });
  const isMapping = task.data?.formKey === MAPPING_FORM && task.data.state === 'open';
  const inventory = useQuery({ ...queries.inventory(instanceId), enabled: !!instanceId && isMapping });
  const complete = useApiMutation(({ id, values }: { id: string; values: Record<string, unknown> }) => api.complete(id, values), CHANGES.task);
  const data = task.data;
  const title = data ? (stepName(data.definitionKey, data.activityId, data.name) ?? data.activityId) : t('task.title');
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
  // The form waits for what it starts from, so nothing the case holds is missing from it.
  const ready = !!instanceId && !documents.isPending && (!isMapping || !inventory.isPending);
  const start = ready ? startValues(data.formKey, documents.data ?? [], inventory.data) : undefined;
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
          <dd>{data.kind === 'system' ? <LegalWait instanceId={data.instanceId} /> : <Deadline dueAt={data.dueAt} overdue={data.overdue} />}</dd>
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
      {data.state === 'open' && data.kind === 'meeting' && data.candidateBodies[0] && (
        <p className="alert info">
          {t('task.meetingMatter')} <Link to={`/bodies/${data.candidateBodies[0]}/meetings`}>{t('task.meetingMatterLink')}</Link>
        </p>
      )}
      {data.state === 'open' && instance.data && (
        <StepContext formKey={data.formKey} instance={instance.data} documents={documents.data ?? []} decisions={decisions.data ?? []} />
      )}
      {data.state === 'open' && !done && member && data.kind === 'user' && (
        <section aria-labelledby="form-h" className="card">
          <h2 id="form-h">{t('task.form')}</h2>
          {claimedByOther && <p className="alert warn">{t('task.claimedByOther', { name: data.assignee! })}</p>}
          {ready ? (
            <FormRunner
              formKey={data.formKey}
              submitLabel={t('task.complete')}
              disabled={claimedByOther}
              initial={start}
              tools={
                isMapping
                  ? (update) => (
                      <MappingImport
                        instanceId={data.instanceId}
                        current={inventory.data?.count ?? 0}
                        onImported={(imported, mode) => {
                          // The form's rows are the case's now (with their ids), so the completion removes nothing by mistake.
                          const before = inventory.data;
                          client.setQueryData(queries.inventory(data.instanceId).queryKey, imported);
                          void client.invalidateQueries({ queryKey: ['instances', data.instanceId] });
                          update((values) => afterImport(values, imported, before, mode));
                        }}
                      />
                    )
                  : undefined
              }
              summary={isMapping ? (values) => <MappingTotals instanceId={data.instanceId} services={values.services} /> : undefined}
              draft={{
                load: () => api.draft(data.id),
                save: (values) => api.saveDraft(data.id, values),
                discard: () => api.discardDraft(data.id),
              }}
              onSubmit={async (values) => {
                await complete.mutateAsync({ id: data.id, values: isMapping ? withRemovals(values, start) : values });
                setDone(true);
              }}
            />
          ) : (
            <Loading />
          )}
        </section>
      )}
      {data.state === 'open' && !member && data.kind === 'user' && <p className="alert info">{t('task.notMember')}</p>}
      {data.state === 'completed' && <CompletedDocument taskId={data.id} formKey={data.formKey} documents={documents.data ?? null} data={data.data ?? {}} />}
    </Layout>
  );
}

/** What the completion submitted, as its document; the raw data only for admins, behind a toggle. */
function CompletedDocument({ taskId, formKey, documents, data }: { taskId: string; formKey: string | null; documents: SubmittedForm[] | null; data: Values }) {
  const { t } = useI18n();
  const { isAdmin } = useSession();
  const document = documents?.find((d) => d.taskId === taskId);
  if (!document && !Object.keys(data).length) return null;
  return (
    <section aria-labelledby="data-h">
      <h2 id="data-h">{t('task.submitted')}</h2>
      {document ? <CaseDocument formKey={document.formKey} data={document.data} /> : formKey && <CaseDocument formKey={formKey} data={data} />}
      {isAdmin && (
        <details>
          <summary>{t('instance.rawVariables')}</summary>
          <ValuesTable values={data} caption={t('task.submitted')} />
        </details>
      )}
    </section>
  );
}
