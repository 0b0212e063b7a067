import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, type AuditEntry } from '../api';
import { ErrorMessage } from '../components/feedback';
import { ListPage, type Column } from '../components/list-page';
import { KNOWN } from '../components/history-timeline';
import type { MessageKey } from '../i18n/fi';
import { useI18n, type Translate } from '../i18n/i18n';
import { queries } from '../lib/queries';
import { Link } from '../lib/router';

const PAGE = 50;

/** Audit actions that are no history entry, in words (a history entry's action is its history type). */
const AUDIT_ACTIONS = {
  'auth.signed-in': 'auditAction.authSignedIn',
  'auth.failed': 'auditAction.authFailed',
  'auth.throttled': 'auditAction.authThrottled',
  'auth.signed-out': 'auditAction.authSignedOut',
  'auth.idp-link-refused': 'auditAction.authIdpLinkRefused',
  'body.created': 'auditAction.bodyCreated',
  'body.updated': 'auditAction.bodyUpdated',
  'definition.deployed': 'auditAction.definitionDeployed',
  'deputy.named': 'auditAction.deputyNamed',
  'deputy.ended': 'auditAction.deputyEnded',
  'organisation.imported': 'auditAction.organisationImported',
  'user.created': 'auditAction.userCreated',
  'user.created-from-idp': 'auditAction.userCreatedFromIdp',
  'user.updated': 'auditAction.userUpdated',
  'user.admin-reset': 'auditAction.userAdminReset',
  'membership.joined': 'auditAction.membershipJoined',
  'membership.left': 'auditAction.membershipLeft',
  'membership.role-changed': 'auditAction.membershipRoleChanged',
} satisfies Record<string, MessageKey>;

/** What an entry is about, in words. */
const ENTITY_TYPES = {
  user: 'auditEntity.user',
  body: 'auditEntity.body',
  definition: 'auditEntity.definition',
  organisation: 'auditEntity.organisation',
  task: 'auditEntity.task',
  instance: 'auditEntity.instance',
} satisfies Record<string, MessageKey>;

/** An action in words; one the web app has no words for yet keeps its name, which is what the action filter takes. */
function actionText(action: string, t: Translate): string {
  if (action in AUDIT_ACTIONS) return t(AUDIT_ACTIONS[action as keyof typeof AUDIT_ACTIONS]);
  if (KNOWN.has(action)) return t(`history.${action}` as 'history.task.created');
  return action;
}
const FIELDS = ['actor', 'action', 'entity', 'instance', 'correlationId'] as const;
type Filter = Record<(typeof FIELDS)[number], string>;
const EMPTY: Filter = { actor: '', action: '', entity: '', instance: '', correlationId: '' };

/**
 * The audit trail for admins and auditors: every change, newest first, filtered by who, what,
 * which entity, case or request; and the hash chain verified on demand, with the head to keep
 * outside the database.
 */
export function AuditPage() {
  const { t, date } = useI18n();
  const [draft, setDraft] = useState<Filter>(EMPTY);
  const [filter, setFilter] = useState<Filter>(EMPTY);
  const [offset, setOffset] = useState(0);
  const list = useQuery(queries.audit({ ...filter, limit: PAGE, offset }));
  const apply = (next: Filter) => {
    setOffset(0);
    setDraft(next);
    setFilter(next);
  };
  const onFilter = (patch: Partial<Filter>) => apply({ ...EMPTY, ...patch });
  const columns: Array<Column<AuditEntry>> = [
    { header: t('audit.at'), cell: (entry) => <time dateTime={entry.at}>{date(entry.at)}</time> },
    {
      header: t('audit.actor'),
      cell: (entry) => (
        <button type="button" className="link" onClick={() => onFilter({ actor: entry.actor })} title={t('audit.filterBy')}>
          {entry.actor}
        </button>
      ),
    },
    {
      header: t('audit.action'),
      cell: (entry) => (
        <button type="button" className="link" onClick={() => onFilter({ action: entry.action })} title={t('audit.filterByAction')}>
          {actionText(entry.action, t)}
        </button>
      ),
    },
    { header: t('audit.entityColumn'), cell: (entry) => <Entity entry={entry} onFilter={onFilter} /> },
    { header: t('audit.change'), cell: (entry) => <Change entry={entry} /> },
    {
      header: t('audit.seal'),
      cell: (entry) =>
        entry.chainIndex === null ? <span className="muted">{t('audit.unsealed')}</span> : <code title={entry.hash ?? ''}>#{entry.chainIndex}</code>,
    },
  ];
  return (
    <ListPage
      title={t('audit.title')}
      query={list}
      rows={list.data?.items ?? []}
      columns={columns}
      rowKey={(entry) => entry.id}
      caption={t('audit.title')}
      className="audit"
      empty={t('audit.none')}
      page={{ offset, size: PAGE, total: list.data?.total ?? 0, onOffset: setOffset }}
    >
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
    </ListPage>
  );
}

/** The entity an entry is about, with its case and the rest of the same request one click away. */
function Entity({ entry, onFilter }: { entry: AuditEntry; onFilter: (patch: Partial<Filter>) => void }) {
  const { t } = useI18n();
  return (
    <>
      {entry.entityType in ENTITY_TYPES ? t(ENTITY_TYPES[entry.entityType as keyof typeof ENTITY_TYPES]) : <code>{entry.entityType}</code>}
      {/* The entity's id (a username, a body's code, a uuid) is what the entity filter takes: data, not words. */}
      {entry.entityId && (
        <>
          {' '}
          <code translate="no">{entry.entityId}</code>
        </>
      )}
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
    </>
  );
}

function Change({ entry }: { entry: AuditEntry }) {
  const { t } = useI18n();
  const change = { before: entry.before, after: entry.after, details: entry.details };
  const hasChange = Object.values(change).some((v) => v !== null && v !== undefined);
  return hasChange ? (
    <details>
      <summary>{t('audit.show')}</summary>
      {/* The record as stored, field names and UTC instants included: what the chain's hash covers, shown as evidence, not as words. */}
      <p className="muted">{t('audit.asStored')}</p>
      <pre translate="no">{JSON.stringify(change, null, 1)}</pre>
    </details>
  ) : (
    <span className="muted">–</span>
  );
}

/** Walks the chain on the server; the head is what to write down (or archive) to catch a later rewrite. */
function Verification() {
  const { t } = useI18n();
  // Walked anew each time it is asked, never from the cache: the point is what the database holds now.
  const check = useMutation({ mutationFn: api.verifyAudit });
  const result = check.data;
  return (
    <section aria-labelledby="verify-h" className="card">
      <h2 id="verify-h">{t('audit.verifyTitle')}</h2>
      <button type="button" onClick={() => check.mutate()} disabled={check.isPending}>
        {check.isPending ? t('common.working') : t('audit.verify')}
      </button>
      <ErrorMessage error={check.error} />
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
