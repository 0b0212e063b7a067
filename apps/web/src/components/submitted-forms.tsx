import type { SubmittedForm, Task } from '../api';
import { useI18n } from '../i18n/i18n';
import { useDiagramNames } from '../lib/diagram-names';
import { Link } from '../lib/router';
import { CaseDocument } from './case-document';

/**
 * The documents of a case, each as a city document in the reader's language (the form's title
 * and labels), with who submitted it and when, and a link to its printable view: the case's
 * documents when the API keeps them (every submission, with its form), else the data each
 * completed task carried.
 */
export function SubmittedForms({ instanceId, documents, completed }: { instanceId: string; documents: SubmittedForm[] | null; completed: Task[] }) {
  const { t, date } = useI18n();
  const stepName = useDiagramNames();
  const name = (task: Task) => stepName(task.definitionKey, task.activityId, task.name) ?? task.activityId;
  const steps = new Map(completed.map((task) => [task.id, name(task)]));
  const items = documents
    ? documents.map((d) => ({
        id: d.id,
        step: (d.taskId && steps.get(d.taskId)) || null,
        who: d.submittedBy,
        at: d.submittedAt,
        formKey: d.formKey,
        data: d.data,
        printable: true,
      }))
    : completed
        .filter((task) => task.formKey)
        .map((task) => ({
          id: task.id,
          step: name(task),
          who: task.completedBy ?? task.assignee ?? '',
          at: task.endedAt ?? null,
          formKey: task.formKey!,
          data: task.data ?? {},
          printable: false,
        }));
  if (!items.length) return <p className="muted">{t('common.none')}</p>;
  return (
    <>
      {items.map((item) => (
        <article key={item.id} className="card document" data-form={item.formKey}>
          <CaseDocument formKey={item.formKey} data={item.data} />
          <p className="muted">
            {item.step ? `${item.step} · ` : ''}
            {t('document.submitted', { who: item.who, when: date(item.at) })}
            {item.printable && (
              <>
                {' · '}
                <Link to={`/instances/${instanceId}/documents/${item.id}`}>{t('document.print')}</Link>
              </>
            )}
          </p>
        </article>
      ))}
    </>
  );
}
