import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Body } from '../api';
import { bodyName } from '../components/badges';
import { BodyForm } from '../components/body-form';
import { ListPage, type Column } from '../components/list-page';
import { useI18n } from '../i18n/i18n';
import { queries } from '../lib/queries';
import { Link, navigate } from '../lib/router';
import { durationText } from '../lib/durations';

export function BodiesPage() {
  const { t, local } = useI18n();
  const list = useQuery(queries.bodies());
  const [creating, setCreating] = useState(false);
  const bodies = list.data ?? [];
  const columns: Array<Column<Body>> = [
    { header: t('common.body'), rowHeader: true, cell: (b) => <Link to={`/admin/bodies/${b.code}`}>{local(b.name)}</Link> },
    { header: t('bodies.kind'), cell: (b) => t(`kind.${b.kind}` as 'kind.board') },
    { header: t('bodies.members'), cell: (b) => b.members.length },
    {
      header: t('bodies.chain'),
      cell: (b) => (
        <>
          {b.escalationChain.length ? b.escalationChain.map((c) => bodyName(c, bodies, local)).join(' → ') : t('bodies.noEscalation')}
          {b.graceDuration && <span className="muted"> ({t('bodies.graceShort', { d: durationText(b.graceDuration, t) })})</span>}
        </>
      ),
    },
  ];
  return (
    <ListPage title={t('bodies.title')} query={list} rows={bodies} columns={columns} rowKey={(b) => b.code} caption={t('bodies.title')}>
      <p className="lead">{t('bodies.intro')}</p>
      {creating ? (
        <section aria-labelledby="new-body-h">
          <h2 id="new-body-h">{t('bodies.new')}</h2>
          <BodyForm body={null} bodies={bodies} onSaved={(b) => navigate(`/admin/bodies/${b.code}`)} />
        </section>
      ) : (
        <button type="button" onClick={() => setCreating(true)}>
          {t('bodies.new')}
        </button>
      )}
    </ListPage>
  );
}
