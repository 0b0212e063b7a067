import { useState } from 'react';
import { api, type Instance } from '../api';
import { bodyName, Deadline, StateBadge } from '../components/badges';
import { ErrorMessage, Loading } from '../components/feedback';
import { Layout } from '../components/layout';
import { Pager } from '../components/pager';
import { useI18n } from '../i18n/i18n';
import { useBodies } from '../lib/reference';
import { Link } from '../lib/router';
import { useAsync } from '../lib/use-async';

const PAGE = 25;

export function caseTitle(i: Instance): string {
  const title = typeof i.variables?.title === 'string' ? i.variables.title : null;
  return title ?? diaryNumber(i) ?? i.businessKey ?? i.id.slice(0, 8);
}

export const diaryNumber = (i: Instance): string | null => (typeof i.variables?.diaryNumber === 'string' ? i.variables.diaryNumber : null);

export function PortfolioPage() {
  const { t, local, date } = useI18n();
  const bodies = useBodies();
  const definitions = useAsync(() => api.definitions(), []);
  const [filter, setFilter] = useState({ definitionKey: '', state: 'running', body: '', overdue: false, q: '' });
  const [text, setText] = useState('');
  const [offset, setOffset] = useState(0);
  const list = useAsync(
    () => api.instances({ ...filter, overdue: filter.overdue || undefined, limit: PAGE, offset }),
    [filter.definitionKey, filter.state, filter.body, filter.overdue, filter.q, offset],
  );
  const set = (patch: Partial<typeof filter>) => {
    setOffset(0);
    setFilter({ ...filter, ...patch });
  };
  const total = list.data?.total ?? 0;
  return (
    <Layout title={t('portfolio.title')}>
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
          <select id="f-state" value={filter.state} onChange={(e) => set({ state: e.target.value })}>
            <option value="">{t('common.all')}</option>
            {['running', 'completed', 'cancelled', 'failed'].map((s) => (
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
      <ErrorMessage error={list.error} />
      {list.loading && !list.data ? (
        <Loading />
      ) : !list.data?.items.length ? (
        <p className="empty">{t('portfolio.none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="responsive">
            <caption>{t('portfolio.count', { n: total })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('task.case')}</th>
                <th scope="col">{t('common.process')}</th>
                <th scope="col">{t('common.state')}</th>
                <th scope="col">{t('portfolio.where')}</th>
                <th scope="col">{t('portfolio.late')}</th>
                <th scope="col">{t('portfolio.started')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((i) => (
                <tr key={i.id} className={i.overdue ? 'is-overdue' : undefined}>
                  <th scope="row" data-label={t('task.case')}>
                    <Link to={`/instances/${i.id}`}>{caseTitle(i)}</Link>
                    <div className="muted">{[diaryNumber(i), i.businessKey].filter((x) => x && x !== caseTitle(i)).join(' · ')}</div>
                  </th>
                  <td data-label={t('common.process')}>
                    {i.definitionKey} v{i.definitionVersion}
                  </td>
                  <td data-label={t('common.state')}>
                    <StateBadge state={i.state} />
                  </td>
                  <td data-label={t('portfolio.where')}>
                    {i.openTasks.map((task) => (
                      <div key={task.id}>
                        {task.name ?? task.activityId} <span className="muted">({task.candidateBodies.map((c) => bodyName(c, bodies, local)).join(', ')})</span>
                      </div>
                    ))}
                    {!i.openTasks.length && '–'}
                  </td>
                  <td data-label={t('portfolio.late')}>
                    {i.openTasks.filter((x) => x.overdue).map((x) => (
                      <div key={x.id}>
                        <Deadline dueAt={x.dueAt} overdue />
                      </div>
                    ))}
                    {!i.overdue && <span className="muted">{t('portfolio.onTime')}</span>}
                  </td>
                  <td data-label={t('portfolio.started')}>{date(i.startedAt, false)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager offset={offset} size={PAGE} total={total} onOffset={setOffset} />
    </Layout>
  );
}
