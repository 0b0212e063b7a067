import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Instance, InstanceState } from '../api';
import { bodyName, Deadline, StateBadge } from '../components/badges';
import { LegalWait } from '../components/legal-wait';
import { ListPage, type Column } from '../components/list-page';
import { useI18n } from '../i18n/i18n';
import { translatedName, useDiagramNames } from '../lib/diagram-names';
import { queries, useBodies } from '../lib/queries';
import { Link } from '../lib/router';

const PAGE = 25;
const STATES: InstanceState[] = ['running', 'completed', 'cancelled', 'failed'];

export function caseTitle(i: Instance): string {
  const title = typeof i.variables?.title === 'string' ? i.variables.title : null;
  return title ?? diaryNumber(i) ?? i.businessKey ?? i.id.slice(0, 8);
}

export const diaryNumber = (i: Instance): string | null => (typeof i.variables?.diaryNumber === 'string' ? i.variables.diaryNumber : null);

/** A process by its name (the diagram's), never its key; the key only while the names load. */
export function useProcessName(): (key: string) => string {
  const { language } = useI18n();
  const definitions = useQuery(queries.definitions());
  return (key) => {
    const d = definitions.data?.find((x) => x.key === key);
    return (d && translatedName(d.names, d.key, d.name, language)) ?? key;
  };
}

export function PortfolioPage() {
  const { t, local, date } = useI18n();
  const bodies = useBodies();
  const definitions = useQuery(queries.definitions());
  const processName = useProcessName();
  const stepName = useDiagramNames();
  const [filter, setFilter] = useState<{ definitionKey: string; state: InstanceState | ''; body: string; overdue: boolean; q: string }>({
    definitionKey: '',
    state: 'running',
    body: '',
    overdue: false,
    q: '',
  });
  const [text, setText] = useState('');
  const [offset, setOffset] = useState(0);
  const list = useQuery(queries.instances({ ...filter, state: filter.state || undefined, overdue: filter.overdue || undefined, limit: PAGE, offset }));
  const set = (patch: Partial<typeof filter>) => {
    setOffset(0);
    setFilter({ ...filter, ...patch });
  };
  const total = list.data?.total ?? 0;
  const columns: Array<Column<Instance>> = [
    {
      header: t('task.case'),
      rowHeader: true,
      cell: (i) => (
        <>
          <Link to={`/instances/${i.id}`}>{caseTitle(i)}</Link>
          <div className="muted">{[diaryNumber(i), i.businessKey].filter((x) => x && x !== caseTitle(i)).join(' · ')}</div>
        </>
      ),
    },
    { header: t('common.process'), cell: (i) => processName(i.definitionKey) },
    { header: t('common.state'), cell: (i) => <StateBadge state={i.state} /> },
    {
      header: t('portfolio.where'),
      cell: (i) => (
        <>
          {i.openTasks.map((task) =>
            task.kind === 'system' ? (
              <div key={task.id}>
                {stepName(i.definitionKey, task.activityId, task.name) ?? t('wait.appealPeriod')}: <LegalWait instanceId={i.id} brief />
              </div>
            ) : (
              <div key={task.id}>
                {stepName(i.definitionKey, task.activityId, task.name) ?? task.activityId}{' '}
                <span className="muted">({task.candidateBodies.map((c) => bodyName(c, bodies, local)).join(', ')})</span>
              </div>
            ),
          )}
          {!i.openTasks.length && '–'}
        </>
      ),
    },
    {
      header: t('portfolio.late'),
      cell: (i) => (
        <>
          {i.openTasks
            .filter((x) => x.overdue)
            .map((x) => (
              <div key={x.id}>
                <Deadline dueAt={x.dueAt} overdue />
              </div>
            ))}
          {!i.overdue && <span className="muted">{t('portfolio.onTime')}</span>}
        </>
      ),
    },
    { header: t('portfolio.started'), cell: (i) => date(i.startedAt, false) },
  ];
  return (
    <ListPage
      title={t('portfolio.title')}
      query={list}
      rows={list.data?.items ?? []}
      columns={columns}
      rowKey={(i) => i.id}
      rowClass={(i) => (i.overdue ? 'is-overdue' : undefined)}
      caption={t('portfolio.count', { n: total })}
      captionVisible
      empty={t('portfolio.none')}
      page={{ offset, size: PAGE, total, onOffset: setOffset }}
    >
      <p>
        <Link to="/portfolio/new" className="button primary">
          {t('portfolio.launch')}
        </Link>
      </p>
      <form
        className="filters"
        role="search"
        aria-label={t('common.filters')}
        onSubmit={(e) => {
          e.preventDefault();
          set({ q: text.trim() });
        }}
      >
        <div className="field">
          <label htmlFor="f-process">{t('common.process')}</label>
          <select id="f-process" value={filter.definitionKey} onChange={(e) => set({ definitionKey: e.target.value })}>
            <option value="">{t('common.all')}</option>
            {(definitions.data ?? []).map((d) => (
              <option key={d.key} value={d.key}>
                {d.name ?? d.key}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-state">{t('common.state')}</label>
          <select id="f-state" value={filter.state} onChange={(e) => set({ state: e.target.value as InstanceState | '' })}>
            <option value="">{t('common.all')}</option>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {t(`state.${s}` as 'state.running')}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-body">{t('common.body')}</label>
          <select id="f-body" value={filter.body} onChange={(e) => set({ body: e.target.value })}>
            <option value="">{t('common.all')}</option>
            {bodies.map((b) => (
              <option key={b.code} value={b.code}>
                {local(b.name)}
              </option>
            ))}
          </select>
        </div>
        <div className="field checkbox">
          <input id="f-overdue" type="checkbox" checked={filter.overdue} onChange={(e) => set({ overdue: e.target.checked })} />
          <label htmlFor="f-overdue">{t('portfolio.overdueOnly')}</label>
        </div>
        <div className="field grow">
          <label htmlFor="f-q">{t('portfolio.search')}</label>
          <input id="f-q" type="search" value={text} onChange={(e) => setText(e.target.value)} />
        </div>
        <button type="submit">{t('common.search')}</button>
      </form>
    </ListPage>
  );
}
