import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { useI18n } from '../i18n/i18n';
import { CHANGES, useApiMutation } from '../lib/queries';
import { ErrorMessage } from './feedback';

/** The director cancels a running case; the reason goes on the record. */
export function CancelForm({ instanceId }: { instanceId: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const cancel = useApiMutation((why: string) => api.cancel(instanceId, why), CHANGES.instance);
  if (!open)
    return (
      <button type="button" className="danger" onClick={() => setOpen(true)}>
        {t('instance.cancel')}
      </button>
    );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    cancel.mutate(reason.trim(), { onSuccess: () => setOpen(false) });
  };
  return (
    <form onSubmit={submit} className="card">
      <div className="field">
        <label htmlFor="cancel-reason">{t('instance.cancelReason')}</label>
        <textarea id="cancel-reason" required minLength={3} maxLength={2000} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} autoFocus />
      </div>
      <ErrorMessage error={cancel.error} />
      <div className="actions">
        <button type="submit" className="danger" disabled={cancel.isPending || reason.trim().length < 3}>
          {t('instance.confirmCancel')}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          {t('common.back')}
        </button>
      </div>
    </form>
  );
}
