import { ApiError } from '../api';
import { useI18n } from '../i18n/i18n';
import { valueText } from '../lib/form-values';

export function Loading() {
  const { t } = useI18n();
  return (
    <p role="status" className="muted">
      {t('common.loading')}
    </p>
  );
}

/** Shows an API problem's detail (and field errors without a field of their own). */
export function ErrorMessage({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!error) return null;
  const detail = error instanceof ApiError ? error.detail : error instanceof Error ? error.message : valueText(error);
  const items = error instanceof ApiError ? error.errors : [];
  return (
    <div role="alert" className="alert error">
      <p>
        <strong>{t('common.error')}:</strong> {detail}
      </p>
      {items.length > 0 && (
        <ul>
          {items.map((e, i) => (
            <li key={i}>
              {e.path ? <code>{e.path}</code> : null} {e.message}
            </li>
          ))}
        </ul>
      )}
      {error instanceof ApiError && error.correlationId && <p>{t('common.requestId', { id: error.correlationId })}</p>}
    </div>
  );
}

export function Notice({ children }: { children: React.ReactNode }) {
  return (
    <p role="status" className="alert success">
      {children}
    </p>
  );
}
