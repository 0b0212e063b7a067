import { useI18n } from '../i18n/i18n';
import { valueText } from '../lib/form-values';
import type { JsonSchema } from '../lib/json-schema';
import { useFormSchema } from '../lib/queries';

type Local = ReturnType<typeof useI18n>['local'];

function label(key: string, s: JsonSchema | undefined, local: Local): string {
  return (s?.['x-labels'] ? local(s['x-labels']) : '') || s?.title || key;
}

function show(v: unknown, s: JsonSchema | undefined, local: Local, yes: string, no: string): string {
  if (v === null || v === undefined || v === '') return '–';
  const enumLabels = s?.['x-enumLabels'] ?? s?.items?.['x-enumLabels'];
  if (Array.isArray(v) && v.every((x) => typeof x !== 'object'))
    return v.map((x) => (enumLabels?.[valueText(x)] ? local(enumLabels[valueText(x)]) : valueText(x))).join(', ');
  if (typeof v === 'boolean') return v ? yes : no;
  if (typeof v === 'object') return JSON.stringify(v, null, 1);
  return enumLabels?.[valueText(v)] ? local(enumLabels[valueText(v)]) : valueText(v);
}

/** Submitted form data with the form's own labels (field names and choices) when the form is known. */
export function FormDataView({ formKey, data, caption }: { formKey: string | null; data: Record<string, unknown>; caption: string }) {
  const { t, local } = useI18n();
  const schema = useFormSchema(formKey);
  const entries = Object.entries(data);
  if (!entries.length) return <p className="muted">{t('common.none')}</p>;
  const props: Record<string, JsonSchema> = schema?.properties ?? {};
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
              <th scope="row">{props[k] ? label(k, props[k], local) : <code>{k}</code>}</th>
              <td className={typeof v === 'object' && v !== null && !Array.isArray(v) ? 'pre' : undefined}>
                {show(v, props[k], local, t('common.yes'), t('common.no'))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
