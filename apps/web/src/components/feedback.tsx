import { useQueryClient } from '@tanstack/react-query';
import { ApiError, type Body } from '../api';
import { useI18n } from '../i18n/i18n';
import { refusalLines } from '../lib/problems';
import { queries } from '../lib/queries';
import { bodyName } from './badges';

export function Loading() {
  const { t } = useI18n();
  return (
    <p role="status" className="muted">
      {t('common.loading')}
    </p>
  );
}

/**
 * Shows what went wrong in the reader's language: an API problem worded from its codes and
 * params (lib/problems.ts), never the server's English detail; a request that never arrived as a
 * network problem.
 */
export function ErrorMessage({ error }: { error: unknown }) {
  const { t, local, date } = useI18n();
  const client = useQueryClient();
  if (!error) return null;
  const bodies = client.getQueryData<Body[]>(queries.bodies().queryKey) ?? [];
  const ctx = { bodyName: (c: string) => bodyName(c, bodies, local), when: (iso: string) => date(iso) };
  // A TypeError is fetch's own (the request never arrived); another Error is one the web app worded itself.
  const { headline, items } =
    error instanceof ApiError
      ? refusalLines(error, t, ctx)
      : { headline: error instanceof Error && !(error instanceof TypeError) ? error.message : t('problem.offline'), items: [] };
  return (
    <div role="alert" className="alert error">
      <p>
        <strong>{t('common.error')}:</strong> {headline}
      </p>
      {items.length > 0 && (
        <ul>
          {items.map((text, i) => (
            <li key={i}>{text}</li>
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
