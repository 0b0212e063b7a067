import { api } from '../api';
import { ErrorMessage, Loading } from '../components/feedback';
import { Layout } from '../components/layout';
import { useI18n } from '../i18n/i18n';
import { Link } from '../lib/router';
import { useAsync } from '../lib/use-async';

export function ProcessesPage() {
  const { t, date } = useI18n();
  const defs = useAsync(() => api.definitions(), []);
  return (
    <Layout title={t('processes.title')}>
      <p>
        <Link to="/admin/modeler" className="button">
          {t('processes.new')}
        </Link>
      </p>
      <ErrorMessage error={defs.error} />
      {defs.loading && !defs.data ? (
        <Loading />
      ) : (
        <div className="table-wrap">
          <table className="responsive">
            <caption className="sr-only">{t('processes.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('common.process')}</th>
                <th scope="col">{t('processes.version')}</th>
                <th scope="col">{t('processes.steps')}</th>
                <th scope="col">{t('common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {(defs.data ?? []).map((d) => (
                <tr key={d.key}>
                  <th scope="row" data-label={t('common.process')}>
                    {d.name ?? d.key} <div className="muted"><code>{d.key}</code></div>
                  </th>
                  <td data-label={t('processes.version')}>
                    {d.version} {(d.deployedAt ?? d.createdAt) && <span className="muted">({date(d.deployedAt ?? d.createdAt!, false)})</span>}
                  </td>
                  <td data-label={t('processes.steps')}>{d.userTasks.map((u) => u.name ?? u.id).join(', ')}</td>
                  <td data-label={t('common.actions')}>
                    <Link to={`/admin/modeler/${d.key}`}>{t('processes.edit', { name: d.name ?? d.key })}</Link>
                    {' · '}
                    <Link to={`/admin/processes/${d.key}/versions`}>{t('processes.versions')}</Link>
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
