import { useState, type FormEvent } from 'react';
import { api, ApiError, type Body, type BodyInput } from '../api';
import { useI18n } from '../i18n/i18n';
import { ErrorMessage } from './feedback';
import { fieldErrors } from '../lib/form-values';
import { problemText } from '../lib/problems';
import { CHANGES, useApiMutation } from '../lib/queries';

export const BODY_KINDS: Array<Body['kind']> = [
  'council',
  'executive-board',
  'board',
  'committee',
  'management-group',
  'working-group',
  'network',
  'office-holder',
];

/** Creates or edits a steering body: names, kind, and where its overdue tasks escalate. */
export function BodyForm({ body, bodies, onSaved }: { body: Body | null; bodies: Body[]; onSaved?: (b: Body) => void }) {
  const { t, local } = useI18n();
  const [draft, setDraft] = useState<{ code: string; fi: string; sv: string; en: string; kind: Body['kind']; escalatesTo: string; graceDuration: string }>({
    code: body?.code ?? '',
    fi: body?.name.fi ?? '',
    sv: body?.name.sv ?? '',
    en: body?.name.en ?? '',
    kind: body?.kind ?? 'working-group',
    escalatesTo: body?.escalatesTo ?? '',
    graceDuration: body?.graceDuration ?? '',
  });
  const save = useApiMutation((input: BodyInput) => api.saveBody(input, !body), CHANGES.body);
  const error = save.error;
  const busy = save.isPending;
  const errors = error instanceof ApiError ? fieldErrors(error.errors, (code) => problemText({ code }, t)) : {};
  const set = (k: keyof typeof draft) => (e: { target: { value: string } }) => setDraft({ ...draft, [k]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(
      {
        code: draft.code.trim(),
        name: { fi: draft.fi.trim(), en: draft.en.trim(), ...(draft.sv.trim() ? { sv: draft.sv.trim() } : {}) },
        kind: draft.kind,
        escalatesTo: draft.escalatesTo || null,
        graceDuration: draft.graceDuration.trim() || null,
      },
      { onSuccess: onSaved },
    );
  };
  const field = (k: keyof typeof draft, label: string, opts: { required?: boolean; help?: string; path?: string } = {}) => (
    <div className={`field${errors[opts.path ?? k] ? ' invalid' : ''}`}>
      <label htmlFor={`body-${k}`}>{label}</label>
      {opts.help && (
        <p className="help" id={`body-${k}-help`}>
          {opts.help}
        </p>
      )}
      <input
        id={`body-${k}`}
        value={draft[k]}
        onChange={set(k)}
        required={opts.required}
        readOnly={k === 'code' && !!body}
        aria-describedby={opts.help ? `body-${k}-help` : undefined}
        aria-invalid={errors[opts.path ?? k] ? true : undefined}
      />
      {errors[opts.path ?? k] && <p className="field-error">{errors[opts.path ?? k]}</p>}
    </div>
  );
  return (
    <form onSubmit={submit} className="card" noValidate>
      {field('code', t('bodies.code'), { required: true, help: t('bodies.codeHelp') })}
      {field('fi', t('bodies.nameFi'), { required: true, path: 'name.fi' })}
      {field('sv', t('bodies.nameSv'), { path: 'name.sv' })}
      {field('en', t('bodies.nameEn'), { required: true, path: 'name.en' })}
      <div className="field">
        <label htmlFor="body-kind">{t('bodies.kind')}</label>
        <select id="body-kind" value={draft.kind} onChange={set('kind')}>
          {BODY_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`kind.${k}` as 'kind.board')}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="body-escalatesTo">{t('bodies.escalatesTo')}</label>
        <select id="body-escalatesTo" value={draft.escalatesTo} onChange={set('escalatesTo')}>
          <option value="">{t('bodies.noEscalation')}</option>
          {bodies
            .filter((b) => b.code !== draft.code)
            .map((b) => (
              <option key={b.code} value={b.code}>
                {local(b.name)}
              </option>
            ))}
        </select>
      </div>
      {field('graceDuration', t('bodies.grace'), { help: t('bodies.graceHelp') })}
      <ErrorMessage error={error} />
      <button type="submit" className="primary" disabled={busy}>
        {t('common.save')}
      </button>
    </form>
  );
}
