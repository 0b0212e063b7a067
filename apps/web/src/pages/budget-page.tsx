import { api, optional } from '../api';
import { BarChart } from '../components/bar-chart';
import { ErrorMessage, Loading } from '../components/feedback';
import { Layout } from '../components/layout';
import { useI18n } from '../i18n/i18n';
import { useAsync } from '../lib/use-async';

interface Breakdown {
  key: string;
  categories: string[];
  values: number[];
}

const LABEL_FIELDS = ['ageGroup', 'group', 'providerType', 'provider', 'sector', 'label', 'name', 'key', 'code'];
const VALUE_FIELDS = ['spend', 'amount', 'euros', 'total', 'cost', 'value'];

/** Reads the breakdowns out of the report: `{label: n}` maps and `[{label, amount}]` lists. */
export function breakdowns(report: Record<string, unknown>): Breakdown[] {
  const out: Breakdown[] = [];
  for (const [key, v] of Object.entries(report)) {
    if (Array.isArray(v) && v.length && typeof v[0] === 'object' && v[0]) {
      const rows = v as Array<Record<string, unknown>>;
      const label = LABEL_FIELDS.find((f) => typeof rows[0][f] === 'string') ?? Object.keys(rows[0]).find((f) => typeof rows[0][f] === 'string');
      const value = VALUE_FIELDS.find((f) => typeof rows[0][f] === 'number') ?? Object.keys(rows[0]).find((f) => typeof rows[0][f] === 'number');
      if (label && value) out.push({ key, categories: rows.map((r) => String(r[label])), values: rows.map((r) => Number(r[value]) || 0) });
    } else if (v && typeof v === 'object' && !Array.isArray(v)) {
      const entries = Object.entries(v as Record<string, unknown>);
      if (entries.length && entries.every(([, n]) => typeof n === 'number')) out.push({ key, categories: entries.map(([k]) => k), values: entries.map(([, n]) => n as number) });
      else if (entries.length && entries.every(([, n]) => n && typeof n === 'object' && VALUE_FIELDS.some((f) => typeof (n as Record<string, unknown>)[f] === 'number')))
        out.push({
          key,
          categories: entries.map(([k]) => k),
          values: entries.map(([, n]) => {
            const f = VALUE_FIELDS.find((x) => typeof (n as Record<string, unknown>)[x] === 'number')!;
            return (n as Record<string, number>)[f];
          }),
        });
    }
  }
  return out;
}

export function BudgetPage() {
  const { t, number } = useI18n();
  const report = useAsync(() => optional(api.childrenBudget()), []);
  const euros = (n: number) => number(n, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
  const download = async () => {
    const csv = await api.childrenBudgetCsv();
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
    a.download = 'children-budget.csv';
    a.click();
    URL.revokeObjectURL(a.href);
  };
  const data = report.data;
  const totals = data ? Object.entries(data).filter(([, v]) => typeof v === 'number') : [];
  const known = (k: string) => ['byAgeGroup', 'byProvider', 'byProviderType', 'bySector'].includes(k);
  return (
    <Layout title={t('budget.title')}>
      <p className="lead">{t('budget.intro')}</p>
      <ErrorMessage error={report.error} />
      {report.loading ? (
        <Loading />
      ) : data === null ? (
        <p className="alert info">{t('budget.unavailable')}</p>
      ) : data ? (
        <>
          <p>
            <button type="button" onClick={() => void download()}>
              {t('budget.csv')}
            </button>
          </p>
          {totals.length > 0 && (
            <ul className="kpis">
              {totals.map(([k, v]) => (
                <li className="card" key={k}>
                  <span className="kpi">{/total|spend|amount|euro|cost/i.test(k) ? euros(v as number) : number(v as number)}</span> {known(k) ? t(`budget.${k}` as 'budget.byAgeGroup') : k}
                </li>
              ))}
            </ul>
          )}
          {Object.values(data).some((v) => v === true) && <p className="alert warn">{t('budget.estimates')}</p>}
          <div className="charts">
            {breakdowns(data).map((b) => (
              <BarChart key={b.key} title={known(b.key) ? t(`budget.${b.key}` as 'budget.byAgeGroup') : b.key} categories={b.categories} series={[{ label: t('budget.spend'), values: b.values, tone: 'chart-a' }]} format={euros} />
            ))}
          </div>
        </>
      ) : null}
    </Layout>
  );
}
