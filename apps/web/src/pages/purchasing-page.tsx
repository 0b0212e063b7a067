import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, type PurchasingReport } from '../api';
import { BarChart } from '../components/bar-chart';
import { ErrorMessage, Loading } from '../components/feedback';
import { Layout } from '../components/layout';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/fi';
import { queries, useBodies } from '../lib/queries';
import { navigate, useLocation } from '../lib/router';

const ORIENTATIONS = ['preventive', 'early-support', 'corrective'] as const;
const ORIENTATION_WORDS: Record<(typeof ORIENTATIONS)[number], MessageKey> = {
  preventive: 'purchasing.preventive',
  'early-support': 'purchasing.earlySupport',
  corrective: 'purchasing.corrective',
};

/** This year in Finnish time: the agreement year shown first. */
function thisYear(): number {
  return Number(new Intl.DateTimeFormat('en', { timeZone: 'Europe/Helsinki', year: 'numeric' }).format(new Date()));
}

/**
 * The purchaser–provider cycle's price–quality report (GET /api/reports/purchaser-provider): per
 * product group what was ordered against what was delivered, unit prices and quality targets met,
 * and the shares of preventive, early support and corrective work year on year.
 */
export function PurchasingPage() {
  const { t, number, local, language } = useI18n();
  const search = useLocation().search;
  const year = Number(search.get('year')) || thisYear();
  const report = useQuery(queries.purchasingReport(year));
  const bodies = useBodies();
  const [csvError, setCsvError] = useState<unknown>(null);
  const euros = (n: number) => number(n, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
  const price = (n: number | null) => (n === null ? '–' : number(n, { style: 'currency', currency: 'EUR', maximumFractionDigits: 2 }));
  const amount = (n: number) => number(n, { maximumFractionDigits: 2 });
  const percent = (n: number | null) => (n === null ? '–' : number(n, { style: 'percent', maximumFractionDigits: 1 }));
  const provider = (code: string) => {
    const body = bodies.find((b) => b.code === code);
    return body ? local(body.name) : t('purchasing.provider');
  };
  const download = async () => {
    setCsvError(null);
    try {
      const csv = await api.purchasingReportCsv(year, language);
      const a = document.createElement('a');
      a.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
      a.download = `purchaser-provider-${year}.csv`;
      a.click();
      URL.revokeObjectURL(a.href);
    } catch (e) {
      setCsvError(e);
    }
  };
  const data: PurchasingReport | undefined = report.data;
  return (
    <Layout title={t('purchasing.title')}>
      <p className="lead">{t('purchasing.intro')}</p>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          const value = new FormData(e.currentTarget).get('year');
          if (typeof value === 'string' && value) navigate(`/reports/purchaser-provider?year=${encodeURIComponent(value)}`);
        }}
      >
        <label>
          {t('purchasing.year')}
          <input name="year" type="number" min={2000} max={2100} defaultValue={year} key={year} />
        </label>
        <button type="submit">{t('purchasing.show')}</button>
      </form>
      <ErrorMessage error={report.error} />
      {report.isLoading ? (
        <Loading />
      ) : !data ? null : (
        <>
          {data.cycles === 0 && <p className="alert info">{t('purchasing.noCycle', { year })}</p>}
          <p>
            <button type="button" onClick={() => void download()}>
              {t('purchasing.csv')}
            </button>
          </p>
          <ErrorMessage error={csvError} />
          <ul className="kpis">
            <li className="card">
              <span className="kpi">{euros(data.totals.orderedEuros)}</span> {t('purchasing.ordered')}
            </li>
            <li className="card">
              <span className="kpi">{euros(data.totals.deliveredEuros)}</span> {t('purchasing.delivered')}
            </li>
            <li className="card">
              <span className="kpi">{t('purchasing.ofTargets', { met: data.totals.qualityTargetsMet, all: data.totals.qualityTargets })}</span>{' '}
              {t('purchasing.targetsMet')}
            </li>
          </ul>
          <div className="charts">
            <BarChart
              title={t('purchasing.eurosByGroup')}
              categories={data.productGroups.map((g) => local(g.name))}
              series={[
                { label: t('purchasing.ordered'), values: data.productGroups.map((g) => g.orderedEuros), tone: 'chart-a' },
                { label: t('purchasing.delivered'), values: data.productGroups.map((g) => g.deliveredEuros), tone: 'chart-c' },
              ]}
              format={euros}
            />
            <BarChart
              title={t('purchasing.sharesByYear')}
              categories={data.years.map((y) => String(y.year))}
              series={ORIENTATIONS.map((o, i) => ({
                label: t(ORIENTATION_WORDS[o]),
                values: data.years.map((y) => y.shares.find((s) => s.orientation === o)?.deliveredShare ?? 0),
                tone: `chart-${'abd'[i]}`,
              }))}
              format={(n) => percent(n)}
            />
          </div>
          <h2>{t('purchasing.byGroup')}</h2>
          {data.productGroups.length === 0 ? (
            <p className="muted">{t('common.noData')}</p>
          ) : (
            // A wide table scrolls sideways: focusable, so a keyboard can scroll it too.
            <div className="table-wrap" tabIndex={0} role="region" aria-label={t('purchasing.byGroup')}>
              <table id="purchasing-groups">
                <caption className="sr-only">{t('purchasing.byGroup')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('purchasing.productGroup')}</th>
                    <th scope="col">{t('purchasing.orientation')}</th>
                    <th scope="col">{t('purchasing.providers')}</th>
                    <th scope="col">{t('purchasing.orderedVolume')}</th>
                    <th scope="col">{t('purchasing.deliveredVolume')}</th>
                    <th scope="col">{t('purchasing.ordered')}</th>
                    <th scope="col">{t('purchasing.delivered')}</th>
                    <th scope="col">{t('purchasing.agreedPrice')}</th>
                    <th scope="col">{t('purchasing.realisedPrice')}</th>
                    <th scope="col">{t('purchasing.targetsMet')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.productGroups.map((g) => (
                    <tr key={g.productGroup}>
                      <th scope="row">
                        {local(g.name)}
                        <div className="muted">{local(g.servicePackageName)}</div>
                      </th>
                      <td>{t(ORIENTATION_WORDS[g.orientation])}</td>
                      <td>{g.providers.map(provider).join(', ')}</td>
                      <td className="num">
                        {amount(g.orderedVolume)} {g.unit}
                      </td>
                      <td className="num">
                        {amount(g.deliveredVolume)} {g.unit}
                        {g.volumeDelivery !== null && <div className="muted">{percent(g.volumeDelivery)}</div>}
                      </td>
                      <td className="num">{euros(g.orderedEuros)}</td>
                      <td className="num">{euros(g.deliveredEuros)}</td>
                      <td className="num">{price(g.orderedUnitPrice)}</td>
                      <td className="num">{price(g.deliveredUnitPrice)}</td>
                      <td>
                        {g.qualityTargets.length === 0
                          ? '–'
                          : g.qualityTargets.map((q) => (
                              <div key={`${q.provider}-${q.indicator}`}>
                                {q.met ? '✓' : '✗'} {q.indicator}: {q.achieved === null ? t('purchasing.notReported') : amount(q.achieved)} (
                                {q.higherIsBetter ? '≥' : '≤'} {amount(q.target)}, {provider(q.provider)})
                              </div>
                            ))}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <h2>{t('purchasing.sharesTable')}</h2>
          <div className="table-wrap" tabIndex={0} role="region" aria-label={t('purchasing.sharesTable')}>
            <table id="purchasing-shares">
              <caption className="sr-only">{t('purchasing.sharesTable')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('purchasing.year')}</th>
                  {ORIENTATIONS.map((o) => (
                    <th scope="col" key={o}>
                      {t(ORIENTATION_WORDS[o])}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.years.map((y) => (
                  <tr key={y.year}>
                    <th scope="row">{y.year}</th>
                    {ORIENTATIONS.map((o) => {
                      const s = y.shares.find((x) => x.orientation === o);
                      return (
                        <td key={o} className="num">
                          {t('purchasing.shareCell', { ordered: percent(s?.orderedShare ?? null), delivered: percent(s?.deliveredShare ?? null) })}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h2>{t('purchasing.quarters')}</h2>
          <ul>
            {data.quartersReported.map((q) => (
              <li key={q.provider}>
                {provider(q.provider)}: {q.quarters.length ? q.quarters.map((n) => t('purchasing.quarter', { n })).join(', ') : t('purchasing.noQuarters')}
              </li>
            ))}
          </ul>
        </>
      )}
    </Layout>
  );
}
