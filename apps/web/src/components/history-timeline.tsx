import type { Body, HistoryEntry, SubmittedForm } from '../api';
import { useI18n } from '../i18n/i18n';
import { valueText } from '../lib/form-values';
import { useFormSchema } from '../lib/queries';
import { bodyName } from './badges';
import { MAPPING_FORM } from './case-document';

/** The fields of a document that say what its step decided, and the ones that say why. */
const OUTCOMES = ['reviewOutcome', 'decisionOutcome', 'childrenAffected'];
const REASONS = ['returnReasons', 'conditions', 'amendments', 'justification'];

/** What a completion decided: its outcome by the form's own label, and the reasons it gave. */
function Decided({ document }: { document: SubmittedForm }) {
  const { t, local } = useI18n();
  const schema = useFormSchema(document.formKey);
  const props = schema?.properties ?? {};
  const label = (k: string) => (props[k]?.['x-labels'] ? local(props[k]['x-labels']) : '') || k;
  const choice = (k: string, v: unknown) => {
    const l = props[k]?.['x-enumLabels'];
    return l?.[valueText(v)] ? local(l[valueText(v)]) : valueText(v);
  };
  const title = (schema?.['x-labels'] ? local(schema['x-labels']) : '') || '';
  const outcome = OUTCOMES.find((k) => document.data[k] !== undefined);
  const reasons = REASONS.filter((k) => props[k] && document.data[k] !== undefined && document.data[k] !== '');
  if (!schema) return null;
  return (
    <div className="decided">
      {title && <span className="muted">{title}</span>}
      {outcome && (
        <div>
          {label(outcome)}: <strong>{choice(outcome, document.data[outcome])}</strong>
        </div>
      )}
      {document.formKey === MAPPING_FORM && Array.isArray(document.data.services) && (
        <div>{t('history.servicesNow', { n: document.data.services.length })}</div>
      )}
      {reasons.map((k) => (
        <div key={k} className="prose">
          {label(k)}: {Array.isArray(document.data[k]) ? (document.data[k] as unknown[]).map(valueText).join('; ') : valueText(document.data[k])}
        </div>
      ))}
    </div>
  );
}

/** A change of one service in the inventory: which service, what changed, by the mapping form's labels. */
function ServiceEdit({ details }: { details: Record<string, unknown> }) {
  const { local, number } = useI18n();
  const row = useFormSchema(MAPPING_FORM)?.properties?.services?.items?.properties ?? {};
  const fields = Array.isArray(details.fields)
    ? details.fields.map((f) => (row[valueText(f)]?.['x-labels'] ? local(row[valueText(f)]['x-labels']) : valueText(f)))
    : [];
  return (
    <div>
      {valueText(details.service)}
      {details.providerName ? ` (${valueText(details.providerName)})` : ''}
      {typeof details.euros === 'number' && `, ${number(details.euros, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 })}`}
      {fields.length > 0 && <span className="muted"> · {fields.join(', ')}</span>}
    </div>
  );
}

/** History types with words of their own (`history.<type>`); the audit trail names its actions by them too. */
export const KNOWN = new Set([
  'decision.final',
  'decision.informed',
  'decision.recorded',
  'decision.review-requested',
  'incident.opened',
  'incident.retried',
  'services.imported',
  'services.replaced',
  'service.added',
  'service.changed',
  'service.removed',
  'task.reminded',
  'timer.fired',
  'instance.started',
  'instance.completed',
  'instance.cancelled',
  'task.created',
  'task.claimed',
  'task.unclaimed',
  'task.completed',
  'task.cancelled',
  'task.escalated',
  'task.overdue',
  'activity.completed',
  'decision.appealed',
  'decision.published',
  'decision.ruled',
  'meeting.item-handled',
  'task.assigned',
  'task.reassigned',
]);

/** Every event of the case: when, who, what; escalations say from which body to which. */
export function HistoryTimeline({
  history,
  steps,
  bodies,
  documents = [],
}: {
  history: HistoryEntry[];
  steps: Record<string, string>;
  bodies: Body[];
  documents?: SubmittedForm[];
}) {
  const { t, date, local } = useI18n();
  const byTask = new Map(documents.filter((d) => d.taskId).map((d) => [d.taskId, d]));
  const names = (v: unknown) => (Array.isArray(v) ? v : v ? [v] : []).map((c) => bodyName(String(c), bodies, local)).join(', ');
  return (
    <ol className="timeline">
      {history.map((h, i) => {
        const d = (h.details ?? {}) as Record<string, unknown>;
        const step = h.activityId ? (steps[h.activityId] ?? h.activityId) : '';
        const what = KNOWN.has(h.type) ? t(`history.${h.type}` as 'history.task.created') : t('history.other');
        const document = h.type === 'task.completed' && h.taskId ? byTask.get(h.taskId) : undefined;
        return (
          <li key={h.id ?? i} className={`event ev-${h.type.replaceAll('.', '-')}`}>
            <time dateTime={h.at}>{date(h.at)}</time>
            <div>
              <strong>{what}</strong>
              {step && <> – {step}</>}
              {h.actor && <span className="muted"> · {t('history.by', { who: h.actor })}</span>}
              {h.type === 'task.escalated' && <div>{t('task.escalatedFromTo', { from: names(d.from) || '–', to: names(d.to) || '–' })}</div>}
              {document && <Decided document={document} />}
              {h.type.startsWith('service.') && <ServiceEdit details={d} />}
              {h.type === 'task.escalated' && typeof d.previousDueAt === 'string' ? (
                <div>
                  {t('history.reason')}: {t('task.escalationReason', { due: date(d.previousDueAt), body: names(d.from) || '–' })}
                </div>
              ) : (
                // A person's reason for a hand-over, as they wrote it; an escalation's is worded above from its values.
                typeof d.reason === 'string' &&
                h.type !== 'task.escalated' && (
                  <div>
                    {t('history.reason')}: {d.reason}
                  </div>
                )
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
