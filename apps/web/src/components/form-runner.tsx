import { useEffect, useState, type FormEvent } from 'react';
import { ApiError } from '../api';
import { useI18n } from '../i18n/i18n';
import { reasonAt, withoutEmptyGroups, type FormSchema, type JsonSchema } from '../lib/json-schema';
import { useFormSchema } from '../lib/queries';
import { ErrorMessage, Loading } from './feedback';
import { KeyValueEditor, rowsToValues, type Row } from './key-value-editor';
import { defaultsOf, errorsAfterEdit, fieldErrors, type FieldErrors, type Values } from '../lib/form-values';
import { SchemaForm } from './schema-form';

/** Validation keywords whose message the UI says in the user's language; others keep the server's words. */
const ERROR_CODES = new Set(['required', 'enum', 'format', 'type', 'minItems', 'additionalProperties']);

interface Props {
  formKey: string | null;
  submitLabel: string;
  onSubmit: (values: Values) => Promise<void>;
  disabled?: boolean;
  /** Extra fields shown before the form's own (e.g. the case's diary number). */
  children?: React.ReactNode;
  idPrefix?: string;
  /** Names offered in the free editor when the step has no form schema. */
  fallbackKeys?: string[];
  /** Where the form starts, over its defaults: what the case already holds (a returned mapping's inventory). */
  initial?: Values;
}

/** The label of the field at `a.b.0.c`, walking the schema. */
function labelAt(schema: JsonSchema, path: string, local: (l: Record<string, string>) => string): string {
  let s: JsonSchema | undefined = schema;
  const names: string[] = [];
  for (const part of path.split('.')) {
    if (!s) break;
    if (/^\d+$/.test(part)) {
      s = s.items;
      names.push(String(Number(part) + 1));
      continue;
    }
    s = s.properties?.[part];
    names.push((s?.['x-labels'] ? local(s['x-labels']) : '') || s?.title || part);
  }
  return names.join(' › ');
}

/** Says what to fix, each item a link to its field (GOV.UK-style error summary). */
function ErrorSummary({ schema, errors, idPrefix }: { schema: FormSchema; errors: FieldErrors; idPrefix: string }) {
  const { t, local } = useI18n();
  const entries = Object.entries(errors);
  return (
    <div role="alert" className="alert error">
      <p>
        <strong>{t('form.fix', { n: entries.length })}</strong>
      </p>
      <ul>
        {entries.map(([path, message]) => (
          <li key={path}>
            {path ? <a href={`#${idPrefix}-${path.replaceAll('.', '-')}`}>{labelAt(schema, path, local)}</a> : t('form.wholeForm')}: {message}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A step's form: from the JSON Schema when the form is known, else free name/value pairs; shows the server's field errors. */
export function FormRunner({ formKey, submitLabel, onSubmit, disabled, children, idPrefix = 'form', fallbackKeys = [''], initial }: Props) {
  const { t, local, language } = useI18n();
  const schema = useFormSchema(formKey);
  const [values, setValues] = useState<Values>({});
  const [rows, setRows] = useState<Row[]>(() => fallbackKeys.map((key) => ({ key, value: '' })));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // A form starts from its defaults and what the case already holds, once its schema is there.
  useEffect(() => {
    // Only the form's own fields: a document also holds what the case added (an assessment's diary number).
    const own = Object.fromEntries(Object.entries(initial ?? {}).filter(([k, v]) => v !== undefined && schema?.properties?.[k]));
    if (schema) setValues({ ...defaultsOf(schema), ...own });
    // The start values are read once, when the schema arrives: edits are the user's from then on.
  }, [schema]);

  const edit = (next: Values) => {
    const left = errorsAfterEdit(errors, values, next);
    setErrors(left);
    // Once every field the server named is changed, its refusal is no longer what the form says.
    if (!Object.keys(left).length && error instanceof ApiError && error.errors.length) setError(null);
    setValues(next);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setErrors({});
    try {
      await onSubmit(schema ? withoutEmptyGroups(schema, values) : rowsToValues(rows));
    } catch (err) {
      if (err instanceof ApiError && err.errors.length)
        setErrors(
          fieldErrors(err.errors, (code, path) => {
            // A field a rule requires says why ("a negative impact needs a mitigation"), in the reader's language.
            const reason = schema && (code === 'required' || code === 'minItems') ? reasonAt(schema, values, path) : undefined;
            if (reason) return local(reason);
            return ERROR_CODES.has(code) ? t(`form.error.${code}` as 'form.error.required') : null;
          }),
        );
      setError(err);
      // The summary takes focus so a keyboard or screen-reader user hears what failed.
      queueMicrotask(() => document.getElementById(`${idPrefix}-summary`)?.focus());
    } finally {
      setBusy(false);
    }
  };

  if (schema === undefined) return <Loading />;
  const title = schema ? (schema['x-labels'] ? local(schema['x-labels']) : '') || schema.title : null;
  return (
    <form onSubmit={submit} noValidate className="data-form">
      {title && <h3>{title}</h3>}
      {schema && (schema['x-description-labels'] || language === 'en') && (
        <p className="help">{local(schema['x-description-labels'] as Record<string, string>) || schema.description}</p>
      )}
      {children}
      {schema ? (
        <SchemaForm schema={schema} value={values} onChange={edit} errors={errors} idPrefix={idPrefix} />
      ) : (
        <KeyValueEditor rows={rows} onChange={setRows} errors={errors} />
      )}
      <div id={`${idPrefix}-summary`} tabIndex={-1}>
        {schema && Object.keys(errors).length > 0 ? <ErrorSummary schema={schema} errors={errors} idPrefix={idPrefix} /> : <ErrorMessage error={error} />}
      </div>
      <button type="submit" className="primary" disabled={busy || disabled}>
        {busy ? t('common.working') : submitLabel}
      </button>
    </form>
  );
}
