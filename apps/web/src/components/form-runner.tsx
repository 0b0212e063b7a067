import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api';
import { useI18n } from '../i18n/i18n';
import { reasonAt, withoutEmptyGroups, type FormSchema, type JsonSchema } from '../lib/json-schema';
import { useFormSchema } from '../lib/queries';
import { ErrorMessage, Loading } from './feedback';
import { KeyValueEditor, rowsToValues, type Row } from './key-value-editor';
import { defaultsOf, errorsAfterEdit, fieldErrors, type FieldErrors, type Values } from '../lib/form-values';
import { problemText } from '../lib/problems';
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
  /** Where the user's half-filled form is kept as they type (a task's draft on the server); it starts from it when there is one. */
  draft?: DraftStore;
  /** Tools shown above the form's fields that change its values (the mapping's file import): `update` edits from the values as they are then. */
  tools?: (update: (change: (values: Values) => Values) => void) => React.ReactNode;
  /** Shown under the form's fields, from the values as they are now (the mapping's live totals): it follows every edit. */
  summary?: (values: Values) => React.ReactNode;
}

/** A half-filled form's keeping: read once, saved as the user types (debounced), discarded on request. */
export interface DraftStore {
  load: () => Promise<{ data: Values | null; updatedAt: string | null }>;
  save: (values: Values) => Promise<{ updatedAt: string | null }>;
  discard: () => Promise<void>;
}

/** How long typing pauses before the draft is saved. */
const DRAFT_DELAY_MS = 800;

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
export function FormRunner({
  formKey,
  submitLabel,
  onSubmit,
  disabled,
  children,
  idPrefix = 'form',
  fallbackKeys = [''],
  initial,
  draft,
  tools,
  summary,
}: Props) {
  const { t, local, language, date } = useI18n();
  const schema = useFormSchema(formKey);
  const [values, setValues] = useState<Values>({});
  const [rows, setRows] = useState<Row[]>(() => fallbackKeys.map((key) => ({ key, value: '' })));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // A form starts from its defaults and what the case already holds, once its schema is there.
  // The draft: whether it has been read, when it was restored or saved, and the edit waiting to be saved.
  const [draftRead, setDraftRead] = useState(!draft);
  const [draftNote, setDraftNote] = useState<{ restoredAt?: string | null; savedAt?: string | null; saving?: boolean; failed?: boolean }>({});
  const pending = useRef<{ timer: number; values: Values } | null>(null);
  const start = (s: FormSchema) => {
    // Only the form's own fields: a document also holds what the case added (an assessment's diary number).
    const own = Object.fromEntries(Object.entries(initial ?? {}).filter(([k, v]) => v !== undefined && s.properties?.[k]));
    return { ...defaultsOf(s), ...own };
  };
  useEffect(() => {
    if (!schema) return;
    setValues(start(schema));
    // A draft the user left wins over where the form would start: it is what they entered last.
    if (draft)
      draft
        .load()
        .then((d) => {
          if (d.data) {
            setValues({ ...defaultsOf(schema), ...d.data });
            setDraftNote({ restoredAt: d.updatedAt });
          }
        })
        .catch(() => undefined)
        .finally(() => setDraftRead(true));
    // The start values are read once, when the schema arrives: edits are the user's from then on.
  }, [schema]);

  const saveDraft = (v: Values) => {
    if (!draft) return;
    pending.current = null;
    setDraftNote((n) => ({ ...n, saving: true }));
    draft
      .save(v)
      .then((r) => setDraftNote((n) => ({ ...n, saving: false, failed: false, savedAt: r.updatedAt })))
      .catch(() => setDraftNote((n) => ({ ...n, saving: false, failed: true })));
  };
  // What is typed just before leaving the page is saved too.
  useEffect(
    () => () => {
      if (pending.current) {
        window.clearTimeout(pending.current.timer);
        saveDraft(pending.current.values);
      }
    },
    [],
  );
  const scheduleDraft = (v: Values) => {
    if (!draft) return;
    if (pending.current) window.clearTimeout(pending.current.timer);
    pending.current = { values: v, timer: window.setTimeout(() => saveDraft(v), DRAFT_DELAY_MS) };
  };
  const discardDraft = async () => {
    if (!draft || !schema) return;
    if (pending.current) window.clearTimeout(pending.current.timer);
    pending.current = null;
    await draft.discard().catch(() => undefined);
    setValues(start(schema));
    setErrors({});
    setDraftNote({});
  };

  const edit = (next: Values) => {
    const left = errorsAfterEdit(errors, values, next);
    setErrors(left);
    // Once every field the server named is changed, its refusal is no longer what the form says.
    if (!Object.keys(left).length && error instanceof ApiError && error.errors.length) setError(null);
    setValues(next);
    scheduleDraft(next);
  };
  // A tool answers after a while (an upload): it edits the values as they are by then.
  const latest = useRef({ values, edit });
  latest.current = { values, edit };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    // The completion discards the draft on the server; nothing is saved after it.
    if (pending.current) window.clearTimeout(pending.current.timer);
    pending.current = null;
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
            // Any other code in its words too (lib/problems.ts), never the server's English message.
            return ERROR_CODES.has(code) ? t(`form.error.${code}` as 'form.error.required') : problemText({ code }, t);
          }),
        );
      setError(err);
      // The summary takes focus so a keyboard or screen-reader user hears what failed.
      queueMicrotask(() => document.getElementById(`${idPrefix}-summary`)?.focus());
    } finally {
      setBusy(false);
    }
  };

  if (schema === undefined || !draftRead) return <Loading />;
  const title = schema ? (schema['x-labels'] ? local(schema['x-labels']) : '') || schema.title : null;
  return (
    <form onSubmit={submit} noValidate className="data-form">
      {title && <h3>{title}</h3>}
      {schema && (schema['x-description-labels'] || language === 'en') && (
        <p className="help">{local(schema['x-description-labels'] as Record<string, string>) || schema.description}</p>
      )}
      {draftNote.restoredAt && (
        <p className="alert info draft-restored">
          {t('draft.restored', { time: date(draftNote.restoredAt) })}{' '}
          <button type="button" onClick={() => void discardDraft()}>
            {t('draft.discard')}
          </button>
        </p>
      )}
      {children}
      {schema && tools?.((change) => latest.current.edit(change(latest.current.values)))}
      {schema ? (
        <SchemaForm schema={schema} value={values} onChange={edit} errors={errors} idPrefix={idPrefix} />
      ) : (
        <KeyValueEditor rows={rows} onChange={setRows} errors={errors} />
      )}
      {schema && summary?.(values)}
      <div id={`${idPrefix}-summary`} tabIndex={-1}>
        {schema && Object.keys(errors).length > 0 ? <ErrorSummary schema={schema} errors={errors} idPrefix={idPrefix} /> : <ErrorMessage error={error} />}
      </div>
      <button type="submit" className="primary" disabled={busy || disabled}>
        {busy ? t('common.working') : submitLabel}
      </button>
      {draft && (
        <p className={draftNote.failed ? 'field-error draft-status' : 'muted draft-status'} role="status">
          {draftNote.failed
            ? t('draft.failed')
            : draftNote.saving
              ? t('draft.saving')
              : draftNote.savedAt
                ? t('draft.saved', { time: date(draftNote.savedAt) })
                : ''}
        </p>
      )}
    </form>
  );
}
