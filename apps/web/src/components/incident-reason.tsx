import { useI18n } from '../i18n/i18n';

/**
 * Why the step failed, in the reader's language; the engine's own message (English, as bpmn-engine
 * and the expression checker word it) is kept behind a toggle for the administrator who fixes the diagram.
 */
export function IncidentReason({ incident }: { incident: { kind: string; message: string } }) {
  const { t } = useI18n();
  return (
    <div className="alert error">
      <p>{t(incident.kind === 'timer' ? 'incidents.why.timer' : 'incidents.why.task')}</p>
      <details>
        <summary>{t('incidents.technical')}</summary>
        <code lang="en">{incident.message}</code>
      </details>
    </div>
  );
}
