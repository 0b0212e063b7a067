import { useState } from 'react';
import { api } from '../api';
import { bodyName } from '../components/badges';
import { BodyForm } from '../components/body-form';
import { ErrorMessage, Loading } from '../components/feedback';
import { Layout } from '../components/layout';
import { useI18n } from '../i18n/i18n';
import { invalidateBodies } from '../lib/reference';
import { Link, navigate } from '../lib/router';
import { useAsync } from '../lib/use-async';

export function BodiesPage() {
  const { t, local } = useI18n();
  const list = useAsync(() => api.bodies(), []);
  const [creating, setCreating] = useState(false);
  const bodies = list.data ?? [];
  return (
    <Layout title={t('bodies.title')}>
      <p className="lead">{t('bodies.intro')}</p>
      {creating ? (
        <section aria-labelledby="new-body-h">
          <h2 id="new-body-h">{t('bodies.new')}</h2>
          <BodyForm
            body={null}
            bodies={bodies}
            onSaved={(b) => {
              invalidateBodies();
              navigate(`/admin/bodies/${b.code}`);
            }}
          />
        </section>
      ) : (
        <button type="button" onClick={() => setCreating(true)}>
          {t('bodies.new')}
        </button>
      )}
      <ErrorMessage error={list.error} />
      {list.loading && !list.data ? (
        <Loading />
      ) : (
        <div className="table-wrap">
          <table className="responsive">
            <caption className="sr-only">{t('bodies.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('common.body')}</th>
                <th scope="col">{t('bodies.kind')}</th>
                <th scope="col">{t('bodies.members')}</th>
                <th scope="col">{t('bodies.chain')}</th>
              </tr>
            </thead>
            <tbody>
              {bodies.map((b) => (
                <tr key={b.code}>
                  <th scope="row" data-label={t('common.body')}>
                    <Link to={`/admin/bodies/${b.code}`}>{local(b.name)}</Link>
                  </th>
                  <td data-label={t('bodies.kind')}>{t(`kind.${b.kind}` as 'kind.board')}</td>
                  <td data-label={t('bodies.members')}>{b.members?.length ?? '–'}</td>
                  <td data-label={t('bodies.chain')}>
                    {(b.escalationChain ?? []).length
                      ? (b.escalationChain ?? []).map((c) => bodyName(typeof c === 'string' ? c : c.code, bodies, local)).join(' → ')
                      : t('bodies.noEscalation')}
                    {b.graceDuration && <span className="muted"> ({t('bodies.graceShort', { d: b.graceDuration })})</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}
