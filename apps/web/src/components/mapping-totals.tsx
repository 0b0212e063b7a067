import { useId } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useI18n } from '../i18n/i18n';
import type { JsonSchema } from '../lib/json-schema';
import { mappingTotals } from '../lib/mapping-totals';
import { queries, useFormSchema } from '../lib/queries';
import { MAPPING_FORM } from './case-document';

/**
 * The mapping form's live totals, under its rows: recomputed from the form's values on every
 * edit, added row and removed row (nothing is saved for them). Euros, person-years and services
 * per provider type, and euros per age group as the case's children's budget allocates them
 * (lib/mapping-totals.ts), with the population the server's report uses.
 */
export function MappingTotals({ instanceId, services }: { instanceId: string; services: unknown }) {
  const { t, local, number } = useI18n();
  const id = useId();
  const row: Record<string, JsonSchema> = useFormSchema(MAPPING_FORM)?.properties?.services?.items?.properties ?? {};
  const population = useQuery(queries.childrenBudget(instanceId)).data?.population;
  const totals = mappingTotals(services, population ?? undefined);
  const euros = (n: number) => number(n, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
  const years = (n: number) => number(n, { maximumFractionDigits: 2 });
  const label = (field: string) => (row[field]?.['x-labels'] ? local(row[field]['x-labels']) : '') || row[field]?.title || field;
  const provider = (key: string | null) => {
    if (key === null) return t('mappingTotals.noProviderType');
    const l = row.providerType?.['x-enumLabels'];
    return l?.[key] ? local(l[key]) : key;
  };
  const age = (g: string) => t('budget.ageGroup', { g: g.replace('-', '–') });
  // Euros of the mapping in no age group, each line only when there are any.
  const apart: Array<[string, number, boolean]> = [
    [t('mappingTotals.excluded'), totals.excludedEuros, totals.excludedEuros > 0],
    [t('mappingTotals.notChildren'), totals.notChildrenEuros, totals.notChildrenEuros > 0],
    [t('mappingTotals.unallocated', { n: totals.unallocatedServices }), totals.unallocatedEuros, totals.unallocatedServices > 0],
  ];
  return (
    <section className="mapping-totals" aria-labelledby={`${id}-h`}>
      <h4 id={`${id}-h`}>{t('mappingTotals.title')}</h4>
      <div className="table-wrap">
        <table className="doc-table" id="mapping-totals-providers">
          <caption>{t('mappingTotals.byProviderType')}</caption>
          <thead>
            <tr>
              <th scope="col">{label('providerType')}</th>
              <th scope="col" className="num">
                {t('mappingTotals.services')}
              </th>
              <th scope="col" className="num">
                {label('euros')}
              </th>
              <th scope="col" className="num">
                {label('personYears')}
              </th>
            </tr>
          </thead>
          <tbody>
            {totals.byProviderType.map((p) => (
              <tr key={p.providerType ?? ''}>
                <th scope="row">{provider(p.providerType)}</th>
                <td className="num">{number(p.services)}</td>
                <td className="num">{euros(p.euros)}</td>
                <td className="num">{years(p.personYears)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('mapping.totalRow')}</th>
              <td className="num">{number(totals.services)}</td>
              <td className="num">{euros(totals.euros)}</td>
              <td className="num">{years(totals.personYears)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      <div className="table-wrap">
        <table className="doc-table" id="mapping-totals-ages" aria-describedby={`${id}-method`}>
          <caption>{t('mappingTotals.byAgeGroup')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('mappingTotals.ageGroup')}</th>
              <th scope="col" className="num">
                {label('euros')}
              </th>
              <th scope="col" className="num">
                {t('budget.estimatedPart')}
              </th>
            </tr>
          </thead>
          <tbody>
            {totals.byAgeGroup.map((g) => (
              <tr key={g.ageGroup}>
                <th scope="row">{age(g.ageGroup)}</th>
                <td className="num">{euros(g.euros)}</td>
                <td className="num">{euros(g.estimatedEuros)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('mappingTotals.allocated')}</th>
              <td className="num">{euros(totals.allocatedEuros)}</td>
              <td className="num">{euros(totals.estimatedEuros)}</td>
            </tr>
            {apart
              .filter(([, , shown]) => shown)
              .map(([what, n]) => (
                <tr key={what}>
                  <th scope="row">{what}</th>
                  <td className="num">{euros(n)}</td>
                  <td className="num">–</td>
                </tr>
              ))}
          </tfoot>
        </table>
      </div>
      <p className="help" id={`${id}-method`}>
        {t('mappingTotals.method')} {(population?.estimate ?? true) && t('budget.populationEstimate')}
      </p>
    </section>
  );
}
