import { createContext, useContext, useId } from 'react';
import { hasContent, nextLetterId, requirements, type FormSchema, type JsonSchema } from '../lib/json-schema';
import { useI18n } from '../i18n/i18n';
import { defaultsOf, typeOf, valueText, type FieldErrors, type Values } from '../lib/form-values';
import { useBodies } from '../lib/queries';

/**
 * Renders a form from its JSON Schema: labels from `x-labels` (fi/en/sv) or `title`,
 * enums as selects or checkbox groups, nested objects as fieldsets, arrays of objects as
 * repeatable groups; `errors` maps a field path (`a.b.0.c`) to the server's message.
 * A field is marked required (*) exactly when the schema requires it for the values as they are
 * now (`requirements`: conditions included; an optional group's fields once it is begun).
 */

/** The whole form's values, for fields whose choices come from another field (`x-optionsFrom`). */
const RootValues = createContext<Values>({});

interface Props {
  schema: FormSchema;
  value: Values;
  onChange: (v: Values) => void;
  errors: FieldErrors;
  idPrefix?: string;
}

export function SchemaForm({ schema, value, onChange, errors, idPrefix = 'f' }: Props) {
  return (
    <RootValues.Provider value={value}>
      <ObjectFields schema={schema} value={value} onChange={onChange} errors={errors} path={[]} idPrefix={idPrefix} enforced />
    </RootValues.Provider>
  );
}

function useLabel() {
  const { local } = useI18n();
  return (key: string, s: JsonSchema) => (s['x-labels'] ? local(s['x-labels']) : '') || s.title || key;
}

/** `enforced`: the group's own requirements apply (it is required, a row, or begun); an optional group left empty asks for nothing. */
function ObjectFields({ schema, value, onChange, errors, path, idPrefix, enforced }: Props & { path: string[]; enforced: boolean }) {
  const required = requirements(schema, value);
  // A hidden field (a service row's id) travels with the value but is not a field anyone fills in.
  const props = Object.entries(schema.properties ?? {}).filter(([, sub]) => sub['x-hidden'] !== true);
  return (
    <>
      {props.map(([key, sub]) => (
        <Field
          key={key}
          name={key}
          schema={sub}
          required={enforced && required.get(key)?.required === true}
          value={value[key]}
          onChange={(v) => onChange({ ...value, [key]: v })}
          errors={errors}
          path={[...path, key]}
          idPrefix={idPrefix!}
        />
      ))}
    </>
  );
}

interface FieldProps {
  name: string;
  schema: JsonSchema;
  required: boolean;
  value: unknown;
  onChange: (v: unknown) => void;
  errors: FieldErrors;
  path: string[];
  idPrefix: string;
}

function Field(props: FieldProps) {
  const { name, schema, required, value, onChange, errors, path, idPrefix } = props;
  const { t, local, language } = useI18n();
  const label = useLabel()(name, schema);
  // Schema descriptions are English notes for API users; a localised `x-descriptions` is shown in any language.
  const description = schema['x-descriptions'] ? local(schema['x-descriptions']) : language === 'en' ? schema.description : undefined;
  const id = `${idPrefix}-${path.join('-')}`;
  const key = path.join('.');
  const error = errors[key];
  const errorId = `${id}-error`;
  const helpId = `${id}-help`;
  const describedBy = [description ? helpId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  const type = typeOf(schema);
  const help = description ? (
    <p id={helpId} className="help">
      {description}
    </p>
  ) : null;
  const err = error ? (
    <p id={errorId} className="field-error">
      {error}
    </p>
  ) : null;

  if (type === 'object') {
    return (
      <fieldset className="nested" id={id} tabIndex={-1}>
        <legend>{label}</legend>
        {help}
        {err}
        <ObjectFields
          schema={schema}
          value={(value as Values) ?? {}}
          onChange={onChange}
          errors={errors}
          path={path}
          idPrefix={idPrefix}
          enforced={required || path.some((p) => /^\d+$/.test(p)) || hasContent(value)}
        />
      </fieldset>
    );
  }
  if (type === 'array') return <ArrayField {...props} label={label} help={help} err={err} />;

  const bodies = useBodies();
  const root = useContext(RootValues);
  // A string field naming a steering body (`body`, `decisionBody`) is chosen from the real bodies.
  const options =
    enumOptions(schema, local) ??
    rowOptions(schema, root) ??
    (/body$/i.test(name) && type === 'string' && bodies.length ? bodies.map((b) => ({ value: b.code, label: local(b.name) })) : null);
  const common = { id, name: key, required, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy };
  let control;
  if (type === 'boolean') {
    return (
      <div className={`field checkbox${error ? ' invalid' : ''}`}>
        <input type="checkbox" {...common} checked={value === true} onChange={(e) => onChange(e.target.checked)} />
        <label htmlFor={id}>{label}</label>
        {help}
        {err}
      </div>
    );
  } else if (options) {
    control = (
      <select
        {...common}
        value={valueText(value)}
        onChange={(e) => onChange(e.target.value === '' ? undefined : options.find((o) => String(o.value) === e.target.value)?.value)}
      >
        <option value="">{t('form.choose')}</option>
        {options.map((o) => (
          <option key={String(o.value)} value={String(o.value)}>
            {o.label}
          </option>
        ))}
      </select>
    );
  } else if (type === 'number' || type === 'integer') {
    control = (
      <input
        type="number"
        inputMode={type === 'integer' ? 'numeric' : 'decimal'}
        step={type === 'integer' ? 1 : 'any'}
        min={schema.minimum}
        max={schema.maximum}
        {...common}
        value={value === null ? '' : valueText(value)}
        onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))}
      />
    );
  } else if (schema.format === 'date' || schema.format === 'date-time') {
    control = (
      <input
        type={schema.format === 'date' ? 'date' : 'datetime-local'}
        {...common}
        value={(value as string) ?? ''}
        onChange={(e) => onChange(e.target.value || undefined)}
      />
    );
  } else if (schema['x-multiline'] === true || (schema['x-multiline'] === undefined && schema.maxLength === undefined)) {
    control = <textarea rows={3} {...common} value={(value as string) ?? ''} onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)} />;
  } else {
    control = (
      <input
        type="text"
        maxLength={schema.maxLength}
        {...common}
        value={(value as string) ?? ''}
        onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
      />
    );
  }
  return (
    <div className={`field${error ? ' invalid' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required && <span aria-hidden="true"> *</span>}
      </label>
      {help}
      {control}
      {err}
    </div>
  );
}

/** The choices of a field naming a row of another field (`x-optionsFrom`: an impact's alternative), by the rows' labels. */
function rowOptions(s: JsonSchema, root: Values): Array<{ value: unknown; label: string }> | null {
  const from = s['x-optionsFrom'];
  if (!from) return null;
  const rows = Array.isArray(root[from.items]) ? (root[from.items] as Values[]) : [];
  return rows
    .filter((r) => r && typeof r[from.value] === 'string' && r[from.value] !== '')
    .map((r) => ({ value: r[from.value], label: valueText(r[from.label]) || valueText(r[from.value]) }));
}

/** A new row of an array of objects: its defaults, and an id for each field the form numbers itself (`x-autoId`). */
function newRow(itemSchema: JsonSchema, items: unknown[]): unknown {
  if (typeOf(itemSchema) !== 'object') return undefined;
  const row = defaultsOf(itemSchema);
  for (const [k, sub] of Object.entries(itemSchema.properties ?? {}))
    if (sub['x-autoId'] === 'letter') row[k] = nextLetterId(items.map((x) => (x as Values | null)?.[k]));
  return row;
}

function enumOptions(
  s: JsonSchema,
  local: (n: Record<string, string> | undefined) => string,
  labelsFrom: JsonSchema = s,
): Array<{ value: unknown; label: string }> | null {
  if (s.oneOf?.every((o) => 'const' in o))
    return s.oneOf.map((o) => ({ value: o.const, label: (o['x-labels'] ? local(o['x-labels'] as Record<string, string>) : '') || o.title || String(o.const) }));
  const labels = labelsFrom['x-enumLabels'] ?? labelsFrom['x-enum-labels'];
  // An array may name its choices only through the labels (`crcArticles`: integers 1–54, the usual ones labelled).
  const numeric = typeOf(s) === 'integer' || typeOf(s) === 'number';
  const values = s.enum ?? (labelsFrom !== s && labels ? Object.keys(labels).map((k) => (numeric ? Number(k) : k)) : null);
  if (!values) return null;
  return values
    .filter((v) => v !== null)
    .map((v) => ({ value: v, label: (labels?.[valueText(v)] ? local(labels[valueText(v)] as Record<string, string>) : '') || valueText(v) }));
}

function ArrayField({
  schema,
  required,
  value,
  onChange,
  errors,
  path,
  idPrefix,
  label,
  help,
  err,
}: FieldProps & { label: string; help: React.ReactNode; err: React.ReactNode }) {
  const { t, local } = useI18n();
  const groupId = useId();
  const items = Array.isArray(value) ? value : [];
  const itemSchema = schema.items ?? { type: 'string' };
  const options = enumOptions(itemSchema, local, schema);
  const legend = (
    <legend>
      {label}
      {required && (
        <>
          <span aria-hidden="true"> *</span>
          <span className="sr-only"> ({t('form.required')})</span>
        </>
      )}
    </legend>
  );
  if (options) {
    return (
      <fieldset className="field" id={`${idPrefix}-${path.join('-')}`} tabIndex={-1}>
        {legend}
        {help}
        {options.map((o) => {
          const id = `${idPrefix}-${path.join('-')}-${String(o.value)}`;
          return (
            <div className="checkbox" key={String(o.value)}>
              <input
                type="checkbox"
                id={id}
                name={path.join('.')}
                value={String(o.value)}
                checked={items.includes(o.value)}
                onChange={(e) => onChange(e.target.checked ? [...items, o.value] : items.filter((v) => v !== o.value))}
              />
              <label htmlFor={id}>{o.label}</label>
            </div>
          );
        })}
        {err}
      </fieldset>
    );
  }
  return (
    <fieldset className="field nested" aria-describedby={groupId} id={`${idPrefix}-${path.join('-')}`} tabIndex={-1}>
      {legend}
      {help}
      {items.map((item, i) => (
        <div key={i} className="array-item">
          <Field
            name={`${label} ${i + 1}`}
            schema={{ ...itemSchema, title: `${(itemSchema['x-labels'] ? local(itemSchema['x-labels']) : '') || itemSchema.title || label} ${i + 1}` }}
            required={false}
            value={item}
            onChange={(v) => onChange(items.map((x, j) => (j === i ? v : x)))}
            errors={errors}
            path={[...path, String(i)]}
            idPrefix={idPrefix}
          />
          <button type="button" onClick={() => onChange(items.filter((_, j) => j !== i))}>
            {t('form.removeItem', { n: i + 1 })}
          </button>
        </div>
      ))}
      <p id={groupId} className="sr-only">
        {t('form.itemCount', { n: items.length })}
      </p>
      <button type="button" onClick={() => onChange([...items, newRow(itemSchema, items)])}>
        {t('form.addItem')}
      </button>
      {err}
    </fieldset>
  );
}
