import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, type StandingOrders } from '../api';
import { useI18n } from '../i18n/i18n';
import { useApiMutation } from '../lib/queries';
import { ErrorMessage, Loading, Notice } from './feedback';

/**
 * A body's standing orders for its meetings (from the organisation seed, editable by an admin):
 * how many days ahead the invitation goes out, the quorum rule, how many minutes checkers the
 * meeting chooses, and whether it may decide in a closed electronic procedure.
 */
export function StandingOrdersForm({ code }: { code: string }) {
  const { t } = useI18n();
  const current = useQuery({ queryKey: ['standing-orders', code], queryFn: () => api.standingOrders(code) });
  if (!current.data) return current.isPending ? <Loading /> : <ErrorMessage error={current.error} />;
  return <Editor key={JSON.stringify(current.data)} code={code} orders={current.data} label={t('standingOrders.save')} />;
}

function Editor({ code, orders, label }: { code: string; orders: StandingOrders; label: string }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(orders);
  const [saved, setSaved] = useState(false);
  const save = useApiMutation((input: StandingOrders) => api.setStandingOrders(code, input), [['standing-orders', code], ['meetings']]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    save.mutate(draft, { onSuccess: () => setSaved(true) });
  };
  const count = (k: 'invitationDays' | 'minutesCheckers', label: string, max: number) => (
    <div className="field">
      <label htmlFor={`so-${k}`}>{label}</label>
      <input id={`so-${k}`} type="number" min={0} max={max} value={draft[k]} onChange={(e) => setDraft({ ...draft, [k]: Number(e.target.value) })} />
    </div>
  );
  return (
    <form className="card" onSubmit={submit}>
      {count('invitationDays', t('standingOrders.invitationDays'), 60)}
      <div className="field">
        <label htmlFor="so-quorum">{t('standingOrders.quorum')}</label>
        <select id="so-quorum" value={draft.quorum} onChange={(e) => setDraft({ ...draft, quorum: e.target.value as StandingOrders['quorum'] })}>
          <option value="more-than-half">{t('standingOrders.quorum.more-than-half')}</option>
          <option value="two-thirds">{t('standingOrders.quorum.two-thirds')}</option>
        </select>
      </div>
      {count('minutesCheckers', t('standingOrders.minutesCheckers'), 5)}
      <div className="field checkbox">
        <input
          id="so-electronic"
          type="checkbox"
          checked={draft.electronicProcedure}
          onChange={(e) => setDraft({ ...draft, electronicProcedure: e.target.checked })}
        />
        <label htmlFor="so-electronic">{t('standingOrders.electronicProcedure')}</label>
      </div>
      <ErrorMessage error={save.error} />
      {saved && <Notice>{t('standingOrders.saved')}</Notice>}
      <button type="submit" className="primary" disabled={save.isPending}>
        {label}
      </button>
    </form>
  );
}
