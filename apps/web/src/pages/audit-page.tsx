import { useState } from 'react';
import { api, type AuditEntry, type AuditVerification } from '../api';
import { ErrorMessage, Loading } from '../components/feedback';
import { Layout } from '../components/layout';
import { Pager } from '../components/pager';
import { useI18n } from '../i18n/i18n';
import { Link } from '../lib/router';
import { useAsync } from '../lib/use-async';

const PAGE = 50;
const FIELDS = ['actor', 'action', 'entity', 'instance', 'correlationId'] as const;
type Filter = Record<(typeof FIELDS)[number], string>;
const EMPTY: Filter = { actor: '', action: '', entity: '', instance: '', correlationId: '' };

/**
 * The audit trail for admins and auditors: every change, newest first, filtered by who, what,
 * which entity, case or request; and the hash chain verified on demand, with the head to keep
 * outside the database.
 */
export function AuditPage() {
  const { t } = useI18n();
  const [draft, setDraft] = useState<Filter>(EMPTY);
  const [filter, setFilter] = useState<Filter>(EMPTY);
  const [offset, setOffset] = useState(0);
  const list = useAsync(() => api.audit({ ...filter, limit: PAGE, offset }), [...FIELDS.map((f) => filter[f]), offset]);
  const apply = (next: Filter) => {
    setOffset(0);
    setDraft(next);
    setFilter(next);
  };
  const total = list.data?.total ?? 0;
  return (
    <Layout title={t('audit.title')}>
      <p className="muted">{t('audit.intro')}</p>
      <Verification />
      <form
        className="filters"
        role="search"
        aria-label={t('common.filters')}
        onSubmit={(e) => {
          e.preventDefault();
          apply(Object.fromEntries(FIELDS.map((f) => [f, draft[f].trim()])) as Filter);
        }}
      >
        {FIELDS.map((f) => (
          <div className="field" key={f}>
            <label htmlFor={`audit-${f}`}>{t(`audit.${f}` as 'audit.actor')}</label>
            <input id={`audit-${f}`} value={draft[f]} onChange={(e) => setDraft({ ...draft, [f]: e.target.value })} />
          </div>
        ))}
        <button type="submit">{t('common.search')}</button>
        <button type="button" onClick={() => apply(EMPTY)}>
          {t('audit.clear')}
        </button>
      </form>
      <ErrorMessage error={list.error} />
      {list.loading && !list.data ? (
        <Loading />
      ) : !list.data?.items.length ? (
        <p className="empty">{t('audit.none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="responsive audit">
            <caption className="sr-only">{t('audit.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('audit.at')}</th>
                <th scope="col">{t('audit.actor')}</th>
                <th scope="col">{t('audit.action')}</th>
                <th scope="col">{t('audit.entityColumn')}</th>
                <th scope="col">{t('audit.change')}</th>
                <th scope="col">{t('audit.seal')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((entry) => (
                <AuditRow key={entry.id} entry={entry} onFilter={(patch) => apply({ ...EMPTY, ...patch })} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager offset={offset} size={PAGE} total={total} onOffset={setOffset} />
    </Layout>
  );
}

function AuditRow({ entry, onFilter }: { entry: AuditEntry; onFilter: (patch: Partial<Filter>) => void }) {
  const { t, date } = useI18n();
  const change = { before: entry.before, after: entry.after, details: entry.details };
  const hasChange = Object.values(change).some((v) => v !== null && v !== undefined);
  return (
    <tr>
      <td data-label={t('audit.at')}>
        <time dateTime={entry.at}>{date(entry.at)}</time>
      </td>
      <td data-label={t('audit.actor')}>
        <button type="button" className="link" onClick={() => onFilter({ actor: entry.actor })} title={t('audit.filterBy')}>
          {entry.actor}
        </button>
      </td>
      <td data-label={t('audit.action')}>
        <code>{entry.action}</code>
      </td>
      <td data-label={t('audit.entityColumn')}>
        {entry.entityType}
        {entry.entityId ? `:${entry.entityId}` : ''}
        {entry.instanceId && (
          <>
            {' · '}
            <Link to={`/instances/${entry.instanceId}`}>{t('audit.openCase')}</Link>
          </>
        )}
        {entry.correlationId && (
          <>
            {' · '}
            <button type="button" className="link" onClick={() => onFilter({ correlationId: entry.correlationId! })}>
              {t('audit.sameRequest')}
            </button>
          </>
        )}
      </td>
      <td data-label={t('audit.change')}>
        {hasChange ? (
          <details>
            <summary>{t('audit.show')}</summary>
            <pre>{JSON.stringify(change, null, 1)}</pre>
          </details>
        ) : (
          <span className="muted">–</span>
        )}
      </td>
      <td data-label={t('audit.seal')}>{entry.chainIndex === null ? <span className="muted">{t('audit.unsealed')}</span> : <code title={entry.hash ?? ''}>#{entry.chainIndex}</code>}</td>
    </tr>
  );
}

/** Walks the chain on the server; the head is what to write down (or archive) to catch a later rewrite. */
function Verification() {
  const { t } = useI18n();
  const [result, setResult] = useState<AuditVerification | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const verify = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await api.verifyAudit());
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="verify-h" className="card">
      <h2 id="verify-h">{t('audit.verifyTitle')}</h2>
      <button type="button" onClick={() => void verify()} disabled={busy}>
        {busy ? t('common.working') : t('audit.verify')}
      </button>
      <ErrorMessage error={error} />
      {result && (
        <div role="status" className={`alert ${result.ok ? 'success' : 'error'}`}>
          <p>
            <strong>{result.ok ? t('audit.intact') : t('audit.broken')}</strong> {t('audit.checked', { checked: result.checked, unsealed: result.unsealed })}
          </p>
          {result.firstBrokenAt && <p>{t('audit.brokenAt', { index: result.firstBrokenAt.chainIndex, reason: result.firstBrokenAt.reason })}</p>}
          {result.historyBrokenAt && <p>{t('audit.historyBrokenAt', { id: result.historyBrokenAt.historyId, reason: result.historyBrokenAt.reason })}</p>}
          {result.head && (
            <p>
              {t('audit.head')} <code>#{result.head.chainIndex}</code> <code className="hash">{result.head.hash}</code>
            </p>
          )}
        </div>
      )}
    </section>
  );
}
