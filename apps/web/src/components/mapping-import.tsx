import { useEffect, useId, useRef, useState, type ChangeEvent } from 'react';
import { api, type ImportPreview, type Inventory } from '../api';
import { useI18n } from '../i18n/i18n';
import { reasonAt, type JsonSchema } from '../lib/json-schema';
import { valueText } from '../lib/form-values';
import { problemText } from '../lib/problems';
import { useFormSchema } from '../lib/queries';
import { MAPPING_FORM } from './case-document';
import { ErrorMessage } from './feedback';

/** Rows without problems shown in the preview; every row with a problem is always shown. */
const PREVIEW_ROWS = 200;

type Mode = 'replace' | 'append';
type Row = ImportPreview['rows'][number];

interface Props {
  instanceId: string;
  /** Services the case holds now: what a replacing import replaces. */
  current: number;
  /** The inventory after a confirmed import, and how it was imported. */
  onImported: (inventory: Inventory, mode: Mode) => void;
}

/**
 * Imports the mapping's services from a CSV or Excel file in three steps: the file is sent and
 * checked as the import would read it, saving nothing (a progress bar while it is sent); the
 * rows are previewed with each row's problems in the reader's language; only the confirmation
 * imports them. A file with any problem imports nothing: it is corrected and chosen again.
 */
export function MappingImport({ instanceId, current, onImported }: Props) {
  const { t, local, number } = useI18n();
  const id = useId();
  const schema = useFormSchema(MAPPING_FORM);
  const fields: Record<string, JsonSchema> = schema?.properties?.services?.items?.properties ?? {};
  const input = useRef<HTMLInputElement>(null);
  const previewHeading = useRef<HTMLHeadingElement>(null);
  const done = useRef<HTMLParagraphElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [progress, setProgress] = useState<{ purpose: 'check' | 'import'; fraction: number } | null>(null);
  const [mode, setMode] = useState<Mode>('replace');
  const [error, setError] = useState<unknown>(null);
  const [imported, setImported] = useState<number | null>(null);
  const euros = (n: number) => number(n, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
  const label = (field: string) => {
    const s = fields[field];
    return (s?.['x-labels'] ? local(s['x-labels']) : '') || s?.title || field;
  };

  useEffect(() => {
    if (preview) previewHeading.current?.focus();
  }, [preview]);
  useEffect(() => {
    if (imported !== null) done.current?.focus();
  }, [imported]);

  const reset = () => {
    setFile(null);
    setPreview(null);
    setProgress(null);
    setMode('replace');
    if (input.current) input.current.value = '';
  };

  const choose = async (e: ChangeEvent<HTMLInputElement>) => {
    const chosen = e.target.files?.[0];
    setError(null);
    setImported(null);
    setPreview(null);
    if (!chosen) return;
    setFile(chosen);
    setProgress({ purpose: 'check', fraction: 0 });
    try {
      setPreview(await api.previewImport(instanceId, chosen, 'replace', (fraction) => setProgress({ purpose: 'check', fraction })));
    } catch (err) {
      setError(err);
      setFile(null);
      if (input.current) input.current.value = '';
    } finally {
      setProgress(null);
    }
  };

  const confirm = async () => {
    if (!file || !preview) return;
    setError(null);
    setProgress({ purpose: 'import', fraction: 0 });
    try {
      const inventory = await api.importServices(instanceId, file, mode, (fraction) => setProgress({ purpose: 'import', fraction }));
      onImported(inventory, mode);
      setImported(preview.count);
      reset();
    } catch (err) {
      setError(err);
      setProgress(null);
    }
  };

  const cancel = () => {
    reset();
    setError(null);
    input.current?.focus();
  };

  /** A row's problem in words: the field's label and what is wrong with it, a required field saying why when the form gives a reason. */
  const rowProblem = (row: Row, p: Row['problems'][number]) => {
    const reason =
      schema && p.field && (p.code === 'required' || p.code === 'minItems') ? reasonAt(schema, { services: [row.values] }, `services.0.${p.field}`) : undefined;
    const text = reason ? local(reason) : problemText({ code: p.code, params: p.params }, t);
    return p.field ? t('import.fieldProblem', { field: label(p.field), text }) : text;
  };

  const pct = progress ? Math.round(progress.fraction * 100) : 0;
  const withErrors = preview ? preview.rows.filter((r) => r.problems.length).length : 0;
  const shown = preview ? preview.rows.filter((r, i) => r.problems.length > 0 || i < PREVIEW_ROWS) : [];
  const busy = progress !== null;
  return (
    <fieldset className="nested mapping-import" aria-describedby={`${id}-help`}>
      <legend>{t('import.title')}</legend>
      <p id={`${id}-help`} className="help">
        {t('import.help')}
      </p>
      <div className="field">
        <label htmlFor={`${id}-file`}>{t('import.file')}</label>
        <input
          ref={input}
          id={`${id}-file`}
          type="file"
          accept=".csv,.txt,.tsv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(e) => void choose(e)}
          disabled={busy}
        />
      </div>
      {progress && (
        <div className="upload-progress" role="status">
          <label htmlFor={`${id}-progress`}>{t(progress.purpose === 'check' ? 'import.uploading' : 'import.importing', { pct })}</label>
          <progress id={`${id}-progress`} max={100} value={pct}>
            {pct} %
          </progress>
        </div>
      )}
      <ErrorMessage error={error} />
      {imported !== null && (
        <p ref={done} tabIndex={-1} role="status" className="alert success">
          {t('import.done', { n: imported })}
        </p>
      )}
      {preview && file && (
        <section aria-labelledby={`${id}-preview`} className="import-preview">
          <h4 id={`${id}-preview`} ref={previewHeading} tabIndex={-1}>
            {t('import.preview', { file: file.name })}
          </h4>
          {preview.valid ? (
            <p>{t('import.validSummary', { n: preview.count, euros: euros(preview.totalEuros) })}</p>
          ) : (
            <div className="alert error">
              <p>
                <strong>{t('import.invalid')}</strong> {withErrors > 0 && t('import.rowsWithErrors', { n: withErrors })}
              </p>
              {preview.problems.length > 0 && (
                <ul>
                  {preview.problems.map((p, i) => (
                    <li key={i}>{problemText({ code: p.code, params: p.params }, t)}</li>
                  ))}
                </ul>
              )}
            </div>
          )}
          {preview.rows.length > 0 && (
            <div className="table-wrap">
              <table className="doc-table import-rows">
                <caption className="sr-only">{t('import.rows')}</caption>
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      {t('import.row')}
                    </th>
                    <th scope="col">{label('service')}</th>
                    <th scope="col">{label('providerName')}</th>
                    <th scope="col" className="num">
                      {label('euros')}
                    </th>
                    <th scope="col">{t('import.check')}</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((row) => (
                    <tr key={row.rowNumber} className={row.problems.length ? 'invalid' : undefined}>
                      <td className="num">{row.rowNumber}</td>
                      <th scope="row">{valueText(row.values.service) || '–'}</th>
                      <td>{valueText(row.values.providerName) || '–'}</td>
                      <td className="num">{typeof row.values.euros === 'number' ? euros(row.values.euros) : valueText(row.values.euros) || '–'}</td>
                      <td>
                        {row.problems.length ? (
                          <ul className="row-problems">
                            {row.problems.map((p, i) => (
                              <li key={i}>{rowProblem(row, p)}</li>
                            ))}
                          </ul>
                        ) : (
                          t('import.ok')
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {preview.rows.length > shown.length && <p className="muted">{t('import.more', { n: preview.rows.length - shown.length })}</p>}
          {preview.valid && (
            <fieldset className="field">
              <legend>{t('import.mode')}</legend>
              {(['replace', 'append'] as const).map((m) => (
                <div className="checkbox" key={m}>
                  <input type="radio" id={`${id}-${m}`} name={`${id}-mode`} value={m} checked={mode === m} onChange={() => setMode(m)} disabled={busy} />
                  <label htmlFor={`${id}-${m}`}>{m === 'replace' ? t('import.replace', { n: current }) : t('import.append')}</label>
                </div>
              ))}
            </fieldset>
          )}
          <div className="actions">
            {preview.valid && (
              <button type="button" className="primary" onClick={() => void confirm()} disabled={busy}>
                {t('import.confirm', { n: preview.count })}
              </button>
            )}
            <button type="button" onClick={cancel} disabled={busy}>
              {t('import.cancel')}
            </button>
          </div>
        </section>
      )}
    </fieldset>
  );
}
