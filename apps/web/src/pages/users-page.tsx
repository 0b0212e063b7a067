import { useState } from 'react';
import { api, type User } from '../api';
import { bodyName } from '../components/badges';
import { ErrorMessage, Loading, Notice } from '../components/feedback';
import { Layout } from '../components/layout';
import { UserForm } from '../components/user-form';
import { useI18n } from '../i18n/i18n';
import { invalidateBodies } from '../lib/reference';
import { useAsync } from '../lib/use-async';

export function UsersPage() {
  const { t, local } = useI18n();
  const list = useAsync(async () => {
    const [users, bodies] = await Promise.all([api.users(), api.bodies()]);
    return { users, bodies };
  }, []);
  const bodies = list.data?.bodies ?? [];
  const users = list.data?.users ?? [];
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [saved, setSaved] = useState(false);
  return (
    <Layout title={t('users.title')}>
      {saved && <Notice>{t('common.saved')}</Notice>}
      {editing ? (
        <section aria-labelledby="user-edit-h">
          <h2 id="user-edit-h">{editing === 'new' ? t('users.new') : t('users.edit', { name: editing.displayName })}</h2>
          <UserForm
            key={editing === 'new' ? 'new' : editing.username}
            user={editing === 'new' ? null : editing}
            bodies={bodies}
            onSaved={() => {
              setEditing(null);
              setSaved(true);
              invalidateBodies();
              list.reload();
            }}
          />
          <button type="button" onClick={() => setEditing(null)}>
            {t('common.back')}
          </button>
        </section>
      ) : (
        <button type="button" onClick={() => { setSaved(false); setEditing('new'); }}>
          {t('users.new')}
        </button>
      )}
      <ErrorMessage error={list.error} />
      {list.loading && !list.data ? (
        <Loading />
      ) : (
        <div className="table-wrap">
          <table className="responsive">
            <caption className="sr-only">{t('users.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('users.displayName')}</th>
                <th scope="col">{t('users.username')}</th>
                <th scope="col">{t('user.roles')}</th>
                <th scope="col">{t('user.bodies')}</th>
                <th scope="col">{t('common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.username}>
                  <th scope="row" data-label={t('users.displayName')}>
                    {u.displayName}
                  </th>
                  <td data-label={t('users.username')}>{u.username}</td>
                  <td data-label={t('user.roles')}>{u.roles.map((r) => t(`role.${r}` as 'role.admin')).join(', ') || '–'}</td>
                  <td data-label={t('user.bodies')}>{u.bodies.map((b) => `${bodyName(b.code, bodies, local)} (${t(`memberRole.${b.role}` as 'memberRole.member')})`).join(', ') || '–'}</td>
                  <td data-label={t('common.actions')}>
                    <button type="button" onClick={() => { setSaved(false); setEditing(u); }} aria-label={t('users.edit', { name: u.displayName })}>
                      {t('common.edit')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}
