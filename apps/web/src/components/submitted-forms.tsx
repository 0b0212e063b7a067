import type { SubmittedForm, Task } from '../api';
import { useI18n } from '../i18n/i18n';
import { FormDataView } from './form-data-view';

/**
 * The forms submitted in a case: the case's documents when the API keeps them (every
 * submission, with its form), else the data each completed task carried.
 */
export function SubmittedForms({ documents, completed }: { documents: SubmittedForm[] | null; completed: Task[] }) {
  const { t, date } = useI18n();
  const steps = new Map(completed.map((task) => [task.id, task.name ?? task.activityId]));
  const items = documents
    ? documents.map((d) => ({
        id: d.id,
        title: (d.taskId && steps.get(d.taskId)) || d.formKey,
        who: d.submittedBy,
        at: d.submittedAt,
        formKey: d.formKey,
        data: d.data,
      }))
    : completed.map((task) => ({
        id: task.id,
        title: task.name ?? task.activityId,
        who: task.completedBy ?? task.assignee ?? '',
        at: task.endedAt ?? null,
        formKey: task.formKey,
        data: task.data ?? {},
      }));
  if (!items.length) return <p className="muted">{t('common.none')}</p>;
  return (
    <>
      {items.map((item) => (
        <details key={item.id} className="card">
          <summary>
            {item.title} – {item.who}, {date(item.at)}
          </summary>
          <FormDataView formKey={item.formKey} data={item.data} caption={item.title} />
        </details>
      ))}
    </>
  );
}
