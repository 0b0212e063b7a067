import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, type Deputyship, type DeputyInput } from '../api';
import { bodyName } from '../components/badges';
import { ErrorMessage, Loading, Notice } from '../components/feedback';
import { Layout } from '../components/layout';
import { useI18n } from '../i18n/i18n';
import { CHANGES, membersOf, queries, useApiMutation, useBodies } from '../lib/queries';
import { useSession } from '../lib/session';

/** A date-time input's value (local time) as an ISO instant; '' when empty or unreadable. */
const instant = (local: string) => (local && !Number.isNaN(new Date(local).getTime()) ? new Date(local).toISOString() : '');

/**
 * A member away names a deputy for a period: during it the deputy sees and acts on the
 * member's body tasks, on the record as deputy for them. Ending one takes effect at once.
 */
export function DeputiesPage() {
  const { t, local, date } = useI18n();
  const { me, bodyCodes } = useSession();
  const bodies = useBodies();
  const list = useQuery(queries.deputies(me!.username));
  const name = useApiMutation((input: DeputyInput) => api.nameDeputy(me!.username, input), CHANGES.deputy);
  const end = useApiMutation((id: string) => api.endDeputy(me!.username, id), CHANGES.deputy);
  const [deputy, setDeputy] = useState('');
  const [from, setFrom] = useState('');
  const [until, setUntil] = useState('');
  const [only, setOnly] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Whom to name: the people of the city's bodies (a deputy is usually a colleague), not oneself.
  const people = membersOf(bodies)
    .filter((m) => m.username !== me?.username)
    .sort((a, b) => a.displayName.localeCompare(b.displayName, 'fi'));
  const nameOf = (username: string) => people.find((p) => p.username === username)?.displayName ?? username;

  const act = async (call: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await call();
      setNotice(done);
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  };
  const submit = async () => {
    const named = await act(
      () => name.mutateAsync({ deputy, from: instant(from), until: instant(until), ...(only.length ? { bodies: only } : {}) }),
      t('deputies.named', { name: nameOf(deputy) }),
    );
    if (named) {
      setDeputy('');
      setOnly([]);
    }
  };
  const items = list.data ?? [];
  return (
    <Layout title={t('deputies.title')}>
      <p className="muted">{t('deputies.intro')}</p>
      {notice && <Notice>{notice}</Notice>}
      <ErrorMessage error={error} />
      <section aria-labelledby="deputy-new-h" className="card">
        <h2 id="deputy-new-h">{t('deputies.new')}</h2>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <div className="field">
            <label htmlFor="deputy-who">{t('deputies.deputy')}</label>
            <select id="deputy-who" value={deputy} required onChange={(e) => setDeputy(e.target.value)}>
              <option value="">–</option>
              {people.map((p) => (
                <option key={p.username} value={p.username}>
                  {p.displayName}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="deputy-from">{t('deputies.from')}</label>
            <input id="deputy-from" type="datetime-local" required value={from} onChange={(e) => setFrom(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="deputy-until">{t('deputies.until')}</label>
            <input id="deputy-until" type="datetime-local" required value={until} onChange={(e) => setUntil(e.target.value)} />
          </div>
          {bodyCodes.length > 1 && (
            <fieldset className="field">
              <legend>{t('deputies.bodies')}</legend>
              <p className="help">{t('deputies.bodiesHelp')}</p>
              {bodyCodes.map((code) => (
                <div className="checkbox" key={code}>
                  <input
                    type="checkbox"
                    id={`deputy-body-${code}`}
                    checked={only.includes(code)}
                    onChange={(e) => setOnly(e.target.checked ? [...only, code] : only.filter((c) => c !== code))}
                  />
                  <label htmlFor={`deputy-body-${code}`}>{bodyName(code, bodies, local)}</label>
                </div>
              ))}
            </fieldset>
          )}
          <button type="submit" className="primary" disabled={busy}>
            {t('deputies.name')}
          </button>
        </form>
      </section>
      <section aria-labelledby="deputy-list-h">
        <h2 id="deputy-list-h">{t('deputies.list')}</h2>
        {list.isPending ? (
          <Loading />
        ) : items.length === 0 ? (
          <p className="empty">{t('deputies.none')}</p>
        ) : (
          <ul className="plain">
            {items.map((d: Deputyship) => {
              const over = new Date(d.until) <= new Date();
              return (
                <li key={d.id} className="card deputyship">
                  <p>
                    <strong>{nameOf(d.deputy)}</strong> {d.active && <span className="badge info">{t('deputies.active')}</span>}
                  </p>
                  <p>
                    {date(d.from)} – {date(d.until)}
                    <br />
                    <span className="muted">{d.bodies ? d.bodies.map((c) => bodyName(c, bodies, local)).join(', ') : t('deputies.allBodies')}</span>
                  </p>
                  {!over && (
                    <button
                      type="button"
                      disabled={busy}
                      onClick={() => void act(() => end.mutateAsync(d.id), t('deputies.ended', { name: nameOf(d.deputy) }))}
                    >
                      {t('deputies.end')}
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </Layout>
  );
}
