import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, type FormSchema } from '../api';
import { useI18n } from '../i18n/i18n';
import { loadForm } from '../lib/reference';
import { ErrorMessage, Loading } from './feedback';
import { KeyValueEditor, rowsToValues, type Row } from './key-value-editor';
import { fieldErrors, SchemaForm, type FieldErrors, type Values } from './schema-form';

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
}

/** A step's form: from the JSON Schema when the form is known, else free name/value pairs; shows the server's field errors. */
export function FormRunner({ formKey, submitLabel, onSubmit, disabled, children, idPrefix = 'form', fallbackKeys = [''] }: Props) {
  const { t, local } = useI18n();
  const [schema, setSchema] = useState<FormSchema | null | undefined>(formKey ? undefined : null);
  const [values, setValues] = useState<Values>({});
  const [rows, setRows] = useState<Row[]>(() => fallbackKeys.map((key) => ({ key, value: '' })));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!formKey) return setSchema(null);
    setSchema(undefined);
    loadForm(formKey).then(setSchema, () => setSchema(null));
  }, [formKey]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setErrors({});
    try {
      await onSubmit(schema ? values : rowsToValues(rows));
    } catch (err) {
      if (err instanceof ApiError && err.errors.length) setErrors(fieldErrors(err.errors));
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
      {schema?.description && <p className="help">{schema.description}</p>}
      {children}
      {schema ? (
        <SchemaForm schema={schema} value={values} onChange={setValues} errors={errors} idPrefix={idPrefix} />
      ) : (
        <KeyValueEditor rows={rows} onChange={setRows} errors={errors} />
      )}
      <div id={`${idPrefix}-summary`} tabIndex={-1}>
        <ErrorMessage error={error} />
      </div>
      <button type="submit" className="primary" disabled={busy || disabled}>
        {busy ? t('common.working') : submitLabel}
      </button>
    </form>
  );
}
