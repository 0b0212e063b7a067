import { createContext, useContext, type ReactNode } from 'react';
import type { ChildrenBudget, Localized } from '../api';
import { useI18n } from '../i18n/i18n';
import { typeOf, valueText } from '../lib/form-values';
import type { JsonSchema } from '../lib/json-schema';
import { useBodies, useFormSchema } from '../lib/queries';

/*
 * A submitted form as a city document: the form's own title, field labels and choice labels in
 * the reader's language, in the form's order. Nothing a reader sees is JSON, a code or a form
 * key: fields the form does not know and hidden ones (row ids) are left out.
 */

type Local = ReturnType<typeof useI18n>['local'];
type Data = Record<string, unknown>;

/** The whole document, for a value naming a row of another field (`x-optionsFrom`: an impact's alternative by its title). */
const DocumentData = createContext<Data>({});

export const MAPPING_FORM = 'kaari:service-mapping';
const AGE_GROUPS = ['0-6', '7-12', '13-17', '18-29'] as const;

const labelOf = (key: string, s: JsonSchema | undefined, local: Local) => (s?.['x-labels'] ? local(s['x-labels']) : '') || s?.title || key;
const empty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
const visible = (s: JsonSchema | undefined) => !!s && s['x-hidden'] !== true;

/** The title of a form in the reader's language: never its key. */
export function useFormTitle(formKey: string | null): string {
  const { t, local } = useI18n();
  const schema = useFormSchema(formKey);
  return (schema?.['x-labels'] ? local(schema['x-labels']) : '') || t('document.untitled');
}

function Scalar({
  value,
  schema,
  labels,
  name,
}: {
  value: unknown;
  schema: JsonSchema | undefined;
  labels?: Record<string, Partial<Localized>>;
  name?: string;
}) {
  const { t, local, date, number } = useI18n();
  const bodies = useBodies();
  const root = useContext(DocumentData);
  const from = schema?.['x-optionsFrom'];
  const row = from && Array.isArray(root[from.items]) ? (root[from.items] as Data[]).find((r) => r?.[from.value] === value) : undefined;
  if (row && from && row[from.label]) return <>{valueText(row[from.label])}</>;
  const enumLabels = labels ?? schema?.['x-enumLabels'];
  // A field naming a steering body (`body`, `decisionBody`) shows the body's name, not its code.
  const body = name && /body$/i.test(name) ? bodies.find((b) => b.code === value) : undefined;
  if (body) return <>{local(body.name)}</>;
  if (typeof value === 'boolean') return <>{value ? t('common.yes') : t('common.no')}</>;
  if (typeof value === 'number') return <>{enumLabels?.[String(value)] ? local(enumLabels[String(value)]) : number(value)}</>;
  const text = valueText(value);
  if (enumLabels?.[text]) return <>{local(enumLabels[text])}</>;
  if (schema?.format === 'date') return <>{date(text, false)}</>;
  if (schema?.format === 'date-time') return <>{date(text)}</>;
  return <span className="prose">{text}</span>;
}

/** One value of the document, by its schema: choices by their labels, lists as lists, rows as a table, groups as nested facts. */
function Value({ value, schema, name }: { value: unknown; schema: JsonSchema | undefined; name?: string }): ReactNode {
  const { local } = useI18n();
  if (Array.isArray(value)) {
    const item = schema?.items;
    if (value.every((v) => typeof v !== 'object' || v === null)) {
      const labels = schema?.['x-enumLabels'] ?? item?.['x-enumLabels'];
      if (value.length === 1) return <Scalar value={value[0]} schema={item} labels={labels} />;
      return (
        <ul className="doc-list">
          {value.map((v, i) => (
            <li key={i}>
              <Scalar value={v} schema={item} labels={labels} />
            </li>
          ))}
        </ul>
      );
    }
    const columns = Object.entries(item?.properties ?? {}).filter(([k, s]) => visible(s) && value.some((row) => !empty((row as Data)?.[k])));
    const flat = columns.every(([, s]) => typeOf(s) !== 'object');
    if (flat && columns.length)
      return (
        <div className="table-wrap">
          <table className="doc-table">
            <thead>
              <tr>
                {columns.map(([k, s]) => (
                  <th key={k} scope="col">
                    {labelOf(k, s, local)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {value.map((row, i) => (
                <tr key={i}>
                  {columns.map(([k, s]) => (
                    <td key={k}>{empty((row as Data)?.[k]) ? '–' : <Value value={(row as Data)[k]} schema={s} name={k} />}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    return (
      <ol className="doc-list">
        {value.map((row, i) => (
          <li key={i}>
            <Fields data={(row as Data) ?? {}} schema={item} />
          </li>
        ))}
      </ol>
    );
  }
  if (typeof value === 'object' && value !== null) return <Fields data={value as Data} schema={schema} />;
  return <Scalar value={value} schema={schema} name={name} />;
}

function Fields({ data, schema }: { data: Data; schema: JsonSchema | undefined }) {
  const { local } = useI18n();
  const entries = Object.entries(schema?.properties ?? {}).filter(([k, s]) => visible(s) && !empty(data[k]));
  if (!entries.length) return <>–</>;
  return (
    <dl className="doc-fields">
      {entries.map(([k, s]) => (
        <div key={k}>
          <dt>{labelOf(k, s, local)}</dt>
          <dd>
            <Value value={data[k]} schema={s} name={k} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** The services of a mapping: who provides what for which ages, and what it costs, with the total. */
export function ServicesTable({ services, caption, hideCaption }: { services: Data[]; caption: string; hideCaption?: boolean }) {
  const { t, local, number } = useI18n();
  const row = useFormSchema(MAPPING_FORM)?.properties?.services?.items?.properties ?? {};
  const euros = (n: number) => number(n, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
  const choice = (field: string, key: unknown) => {
    const l = row[field]?.['x-enumLabels'] ?? row[field]?.items?.['x-enumLabels'];
    return l?.[valueText(key)] ? local(l[valueText(key)]) : valueText(key);
  };
  const total = services.reduce((s, r) => s + (Number(r.euros) || 0), 0);
  if (!services.length) return <p className="muted">{t('mapping.noServices')}</p>;
  return (
    <div className="table-wrap">
      <table className="doc-table services-table">
        <caption className={hideCaption ? 'sr-only' : undefined}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{labelOf('service', row.service, local)}</th>
            <th scope="col">{labelOf('providerName', row.providerName, local)}</th>
            <th scope="col">{labelOf('sector', row.sector, local)}</th>
            <th scope="col">{labelOf('ageGroups', row.ageGroups, local)}</th>
            <th scope="col">{labelOf('targeting', row.targeting, local)}</th>
            <th scope="col" className="num">
              {labelOf('euros', row.euros, local)}
            </th>
          </tr>
        </thead>
        <tbody>
          {services.map((s, i) => (
            <tr key={valueText(s.id) || i}>
              <th scope="row">{valueText(s.service)}</th>
              <td>
                {valueText(s.providerName)} <span className="muted">({choice('providerType', s.providerType)})</span>
              </td>
              <td>{choice('sector', s.sector)}</td>
              <td>{Array.isArray(s.ageGroups) && s.ageGroups.length ? s.ageGroups.map((g) => choice('ageGroups', g)).join(', ') : '–'}</td>
              <td>{choice('targeting', s.targeting)}</td>
              <td className="num">{euros(Number(s.euros) || 0)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={5}>
              {t('mapping.total', { n: services.length })}
            </th>
            <td className="num">{euros(total)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/** The children's budget of the case: euros per age group, per provider type, and in all. */
export function BudgetByAgeGroup({ report }: { report: ChildrenBudget }) {
  const { t, local, number } = useI18n();
  const row = useFormSchema(MAPPING_FORM)?.properties?.services?.items?.properties ?? {};
  const euros = (n: number) => number(n, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
  const provider = (key: string) => {
    const l = row.providerType?.['x-enumLabels'];
    return l?.[key] ? local(l[key]) : key;
  };
  const age = (g: string) => t('budget.ageGroup', { g: g.replace('-', '–') });
  const byGroup = Object.fromEntries(report.byAgeGroup.map((g) => [g.ageGroup, g.euros]));
  return (
    <div className="table-wrap">
      <table className="doc-table">
        <caption>{t('mapping.byAgeGroup')}</caption>
        <thead>
          <tr>
            <th scope="col">{labelOf('providerType', row.providerType, local)}</th>
            {AGE_GROUPS.map((g) => (
              <th key={g} scope="col" className="num">
                {age(g)}
              </th>
            ))}
            <th scope="col" className="num">
              {t('mapping.mappedEuros')}
            </th>
          </tr>
        </thead>
        <tbody>
          {report.byProviderType.map((p) => (
            <tr key={p.key}>
              <th scope="row">{provider(p.key)}</th>
              {AGE_GROUPS.map((g) => (
                <td key={g} className="num">
                  {euros(p.byAgeGroup[g] ?? 0)}
                </td>
              ))}
              <td className="num">{euros(p.mappedEuros)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('mapping.totalRow')}</th>
            {AGE_GROUPS.map((g) => (
              <td key={g} className="num">
                {euros(byGroup[g] ?? 0)}
              </td>
            ))}
            <td className="num">{euros(report.totals.mappedEuros)}</td>
          </tr>
        </tfoot>
      </table>
      {report.population?.estimate && <p className="muted">{t('budget.estimates')}</p>}
    </div>
  );
}

/** A submitted form as a document: the form's title, then its fields with their labels; a mapping's services as a table. */
export function CaseDocument({ formKey, data, heading = 'h3' }: { formKey: string; data: Data; heading?: 'h2' | 'h3' | 'h4' }) {
  const { t, local } = useI18n();
  const schema = useFormSchema(formKey);
  const title = useFormTitle(formKey);
  const H = heading;
  if (schema === undefined) return null;
  if (!schema) return <p className="muted">{t('document.unknownForm')}</p>;
  const services = formKey === MAPPING_FORM && Array.isArray(data.services) ? (data.services as Data[]) : null;
  const rest = services ? { ...data, services: undefined } : data;
  return (
    <DocumentData.Provider value={data}>
      <div className="case-document">
        <H>{title}</H>
        {services && <ServicesTable services={services} caption={labelOf('services', schema.properties?.services, local)} />}
        <Fields data={rest} schema={schema} />
      </div>
    </DocumentData.Provider>
  );
}
