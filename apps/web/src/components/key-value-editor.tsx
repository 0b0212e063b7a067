import { useI18n } from '../i18n/i18n';
import type { FieldErrors, Values } from '../lib/form-values';

export type Row = { key: string; value: string };

/** Values typed as JSON (numbers, true, "quoted") keep their type; anything else is text. */
export function rowsToValues(rows: Row[]): Values {
  const out: Values = {};
  for (const { key, value } of rows) {
    if (!key.trim()) continue;
    let v: unknown;
    try {
      v = JSON.parse(value);
    } catch {
      v = value;
    }
    out[key.trim()] = v;
  }
  return out;
}

/** The fallback when a step has no form schema: free name/value pairs. */
export function KeyValueEditor({ rows, onChange, errors }: { rows: Row[]; onChange: (rows: Row[]) => void; errors: FieldErrors }) {
  const { t } = useI18n();
  const set = (i: number, patch: Partial<Row>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset className="kv-editor">
      <legend>{t('form.freeFields')}</legend>
      <p className="help">{t('form.freeFieldsHelp')}</p>
      {rows.map((r, i) => (
        <div className="kv-row" key={i}>
          <div className="field">
            <label htmlFor={`kv-key-${i}`}>{t('form.fieldName', { n: i + 1 })}</label>
            <input id={`kv-key-${i}`} value={r.key} onChange={(e) => set(i, { key: e.target.value })} />
          </div>
          <div className={`field${errors[r.key] ? ' invalid' : ''}`}>
            <label htmlFor={`kv-value-${i}`}>{t('form.fieldValue', { n: i + 1 })}</label>
            <input
              id={`kv-value-${i}`}
              value={r.value}
              aria-invalid={errors[r.key] ? true : undefined}
              aria-describedby={errors[r.key] ? `kv-error-${i}` : undefined}
              onChange={(e) => set(i, { value: e.target.value })}
            />
            {errors[r.key] && (
              <p className="field-error" id={`kv-error-${i}`}>
                {errors[r.key]}
              </p>
            )}
          </div>
          <button type="button" onClick={() => onChange(rows.filter((_, j) => j !== i))} aria-label={t('form.removeField', { n: i + 1 })}>
            ✕
          </button>
        </div>
      ))}
      <button type="button" onClick={() => onChange([...rows, { key: '', value: '' }])}>
        {t('form.addField')}
      </button>
    </fieldset>
  );
}
