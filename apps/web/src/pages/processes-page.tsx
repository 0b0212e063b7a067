import { useQuery } from '@tanstack/react-query';
import type { Definition } from '../api';
import { ListPage, type Column } from '../components/list-page';
import { useI18n } from '../i18n/i18n';
import { queries } from '../lib/queries';
import { Link } from '../lib/router';

export function ProcessesPage() {
  const { t, date } = useI18n();
  const defs = useQuery(queries.definitions());
  const columns: Array<Column<Definition>> = [
    {
      header: t('common.process'),
      rowHeader: true,
      cell: (d) => (
        <>
          {d.name ?? d.key}{' '}
          <div className="muted">
            <code>{d.key}</code>
          </div>
        </>
      ),
    },
    {
      header: t('processes.version'),
      cell: (d) => (
        <>
          {d.version} <span className="muted">({date(d.deployedAt, false)})</span>
        </>
      ),
    },
    { header: t('processes.steps'), cell: (d) => d.userTasks.map((u) => u.name ?? u.id).join(', ') },
    {
      header: t('common.actions'),
      cell: (d) => (
        <>
          <Link to={`/admin/modeler/${d.key}`}>{t('processes.edit', { name: d.name ?? d.key })}</Link>
          {' · '}
          <Link to={`/admin/processes/${d.key}/versions`}>{t('processes.versions')}</Link>
        </>
      ),
    },
  ];
  return (
    <ListPage title={t('processes.title')} query={defs} rows={defs.data ?? []} columns={columns} rowKey={(d) => d.key} caption={t('processes.title')}>
      <p>
        <Link to="/admin/modeler" className="button">
          {t('processes.new')}
        </Link>
      </p>
    </ListPage>
  );
}
