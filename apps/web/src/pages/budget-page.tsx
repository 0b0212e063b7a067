import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, type ChildrenBudget, type Localized } from '../api';
import { BarChart } from '../components/bar-chart';
import { ErrorMessage, Loading } from '../components/feedback';
import { Layout } from '../components/layout';
import { useI18n } from '../i18n/i18n';
import { queries, useFormSchema } from '../lib/queries';
import { Link, useLocation } from '../lib/router';
import { useSession } from '../lib/session';

const AGE_GROUPS = ['0-6', '7-12', '13-17', '18-29'] as const;

type Breakdown = ChildrenBudget['bySector'][number];

/** Labels of provider types and sectors, from the service-mapping form when it is known. */
function useChoiceLabels(): Record<string, Record<string, Partial<Localized>>> {
  const row = useFormSchema('kaari:service-mapping')?.properties?.services?.items?.properties;
  return row ? { providerType: row.providerType?.['x-enumLabels'] ?? {}, sector: row.sector?.['x-enumLabels'] ?? {} } : {};
}

export function BudgetPage() {
  const { t, number, local } = useI18n();
  const { isDirector } = useSession();
  const instanceId = useLocation().search.get('instanceId') ?? undefined;
  // The report across all cases is the director's; anyone who sees a case may see its own.
  const report = useQuery({ ...queries.childrenBudget(instanceId), enabled: !!instanceId || isDirector });
  const choices = useChoiceLabels();
  const [csvError, setCsvError] = useState<unknown>(null);
  const euros = (n: number) => number(n, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
  const download = async () => {
    setCsvError(null);
    try {
      const csv = await api.childrenBudgetCsv(instanceId);
      const a = document.createElement('a');
      a.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
      a.download = instanceId ? `children-budget-${instanceId}.csv` : 'children-budget.csv';
      a.click();
      URL.revokeObjectURL(a.href);
    } catch (e) {
      setCsvError(e);
    }
  };
  // undefined: no case chosen (and not a director); null: the report is not there.
  const data = instanceId || isDirector ? report.data : undefined;
  const name = (kind: 'providerType' | 'sector', key: string) => (choices[kind]?.[key] ? local(choices[kind][key]) : key);
  const age = (g: string) => t('budget.ageGroup', { g: g.replace('-', '–') });
  const breakdownChart = (title: string, kind: 'providerType' | 'sector', rows: Breakdown[]) => (
    <BarChart
      title={title}
      categories={rows.map((r) => name(kind, r.key))}
      series={AGE_GROUPS.map((g, i) => ({ label: age(g), values: rows.map((r) => r.byAgeGroup[g] ?? 0), tone: `chart-${'abcd'[i]}` }))}
      format={euros}
    />
  );
  return (
    <Layout title={t('budget.title')}>
      <p className="lead">{t('budget.intro')}</p>
      {instanceId && (
        <p>
          {t('budget.oneCase')} <Link to={`/instances/${instanceId}`}>{t('notifications.openCase')}</Link>
          {isDirector && (
            <>
              {' · '}
              <Link to="/reports/children-budget">{t('budget.allCases')}</Link>
            </>
          )}
        </p>
      )}
      <ErrorMessage error={report.error} />
      {report.isLoading ? (
        <Loading />
      ) : data === undefined ? (
        <p className="alert info">{t('budget.chooseCase')}</p>
      ) : !data ? (
        <p className="alert info">{t('budget.unavailable')}</p>
      ) : (
        <>
          <p>
            <button type="button" onClick={() => void download()}>
              {t('budget.csv')}
            </button>
          </p>
          <ErrorMessage error={csvError} />
          <ul className="kpis">
            <li className="card">
              <span className="kpi">{euros(data.totals.allocatedEuros)}</span> {t('budget.allocated')}
            </li>
            <li className="card">
              <span className="kpi">{euros(data.totals.mappedEuros)}</span> {t('budget.mapped', { n: data.totals.services })}
            </li>
            <li className="card">
              <span className="kpi">{euros(data.totals.estimatedEuros)}</span> {t('budget.estimated')}
            </li>
            <li className="card">
              <span className="kpi">{euros(data.totals.excludedEuros)}</span> {t('budget.excluded')}
            </li>
          </ul>
          {data.population?.estimate && <p className="alert warn">{t('budget.estimates')}</p>}
          <div className="charts">
            <BarChart
              title={t('budget.byAgeGroup')}
              categories={data.byAgeGroup.map((g) => age(g.ageGroup))}
              series={[
                { label: t('budget.spend'), values: data.byAgeGroup.map((g) => g.euros), tone: 'chart-a' },
                { label: t('budget.estimatedPart'), values: data.byAgeGroup.map((g) => g.estimatedEuros), tone: 'chart-c' },
              ]}
              format={euros}
            />
            <BarChart
              title={t('budget.perCapita')}
              categories={data.byAgeGroup.map((g) => age(g.ageGroup))}
              series={[{ label: t('budget.perCapita'), values: data.byAgeGroup.map((g) => g.perCapita), tone: 'chart-d' }]}
              format={(n) => number(n, { style: 'currency', currency: 'EUR', maximumFractionDigits: 2 })}
            />
            {breakdownChart(t('budget.byProviderType'), 'providerType', data.byProviderType)}
            {breakdownChart(t('budget.bySector'), 'sector', data.bySector)}
          </div>
          {data.method && (
            <details className="card">
              <summary>{t('budget.method')}</summary>
              {/* The method is this version's, so it is worded here; the server's sentence is for the API's readers. */}
              <p>{t('budget.methodText')}</p>
              {/* The shipped table is an estimate; a city's own figures name their source as the city wrote it. */}
              {data.population && <p className="muted">{data.population.estimate ? t('budget.populationEstimate') : data.population.source}</p>}
            </details>
          )}
        </>
      )}
    </Layout>
  );
}
