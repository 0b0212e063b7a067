import { useI18n } from '../i18n/i18n';
import { valueText } from '../lib/form-values';

function show(v: unknown): string {
  if (v === null || v === undefined) return '–';
  if (typeof v === 'object') return JSON.stringify(v, null, 1);
  return valueText(v);
}

/** Variables or submitted form data as a two-column table. */
export function ValuesTable({ values, caption }: { values: Record<string, unknown>; caption: string }) {
  const { t } = useI18n();
  const entries = Object.entries(values);
  if (!entries.length) return <p className="muted">{t('common.none')}</p>;
  return (
    <div className="table-wrap">
      <table>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('common.field')}</th>
            <th scope="col">{t('common.value')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map(([k, v]) => (
            <tr key={k}>
              <th scope="row">
                <code>{k}</code>
              </th>
              <td className="pre">{show(v)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
